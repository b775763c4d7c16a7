package http

func (s *Server) registerRiskRoutes() {}
