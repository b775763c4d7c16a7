package http

func (s *Server) registerMeasureRoutes() {}
