package http

func (s *Server) registerEventRoutes() {}
