// Package http serves orewatch over HTTP: the JSON API under /api/v1, with
// errors mapped to statuses in one place.
package http

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"orewatch"
)

// Server is the HTTP server. Set the services, then Open.
type Server struct {
	Addr      string
	Store     orewatch.Store
	Catalog   orewatch.CatalogService
	Registry  orewatch.RegistryService
	Analytics orewatch.AnalyticsService
	Logger    *slog.Logger
	Now       func() time.Time

	ln     net.Listener
	srv    *http.Server
	mux    *http.ServeMux
	routes []string
}

// NewServer returns a server with its routes registered.
func NewServer() *Server {
	s := &Server{Logger: slog.Default(), Now: time.Now, mux: http.NewServeMux()}
	s.handle("GET /healthz", s.handleHealthz)
	s.registerOpenAPIRoutes()
	s.registerMaterialRoutes()
	s.registerMeasureRoutes()
	s.registerEventRoutes()
	s.registerRiskRoutes()
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	return s
}

// handle registers h for the ServeMux pattern and records the pattern, so
// that the routes can be checked against the OpenAPI description.
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.HandleFunc(pattern, h)
}

// Routes returns the ServeMux patterns the server registers ("GET
// /api/v1/materials/{name}"), in the order they were registered.
func (s *Server) Routes() []string {
	return append([]string(nil), s.routes...)
}

// ServeHTTP serves a request, recovering from a panic in a handler so that
// the server keeps serving.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			s.Logger.Error("panic in handler", "method", r.Method, "path", r.URL.Path, "panic", v)
			s.Error(w, r, orewatch.Errorf(orewatch.EINTERNAL, "panic: %v", v))
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// Open starts listening on Addr and serving in the background.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	s.ln = ln
	go s.srv.Serve(ln)
	return nil
}

// URL is the base URL the server listens on.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close shuts the server down gracefully.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	s.JSON(w, r, http.StatusOK, map[string]string{"status": "ok", "version": orewatch.Version})
}

// JSON writes v with the status.
func (s *Server) JSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.Logger.Debug("writing response", "path", r.URL.Path, "err", err)
	}
}

// errorStatus maps application error codes to HTTP statuses.
var errorStatus = map[string]int{
	orewatch.ECONFLICT:     http.StatusConflict,
	orewatch.EINVALID:      http.StatusBadRequest,
	orewatch.ENOTFOUND:     http.StatusNotFound,
	orewatch.ENOTIMPLEMENT: http.StatusNotImplemented,
	orewatch.EUNAVAILABLE:  http.StatusServiceUnavailable,
	orewatch.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorResponse is the JSON body of every error.
type ErrorResponse struct {
	Error       string   `json:"error"`
	Code        string   `json:"code"`
	Suggestions []string `json:"suggestions,omitempty"`
}

// Error writes err as JSON. Internal errors are logged and shown only as
// "Internal error.".
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := orewatch.ErrorCode(err), orewatch.ErrorMessage(err)
	if code == orewatch.EINTERNAL {
		s.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "Internal error."
	}
	resp := ErrorResponse{Error: msg, Code: code}
	var e *orewatch.Error
	if errors.As(err, &e) {
		resp.Suggestions = e.Suggestions
	}
	status, ok := errorStatus[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	s.JSON(w, r, status, resp)
}
