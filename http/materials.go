package http

func (s *Server) registerMaterialRoutes() {}
