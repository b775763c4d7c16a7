package http

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"orewatch"
)

func (s *Server) registerRiskRoutes() {
	s.handle("GET /api/v1/risk/{material}", s.handleRisk)
	s.handle("GET /api/v1/exposure", s.handleExposure)
}

// riskParams refuses query parameters other than those named, so that a
// misspelt one is not silently ignored.
func riskParams(v url.Values, allowed ...string) error {
	for key := range v {
		ok := false
		for _, a := range allowed {
			ok = ok || key == a
		}
		if !ok {
			return orewatch.Errorf(orewatch.EINVALID, "unknown query parameter %q (want %s)", key, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// queryName turns the catalogue's "unknown name" (404) for a name given in
// a query parameter into a bad parameter (400), keeping its suggestions: a
// query parameter is input, not the resource the path names.
func queryName(param string, err error) error {
	var e *orewatch.Error
	if orewatch.ErrorCode(err) != orewatch.ENOTFOUND || !errors.As(err, &e) {
		return err
	}
	return &orewatch.Error{Code: orewatch.EINVALID, Message: "parameter " + param + ": " + e.Message, Suggestions: e.Suggestions}
}

// riskDate reads an optional YYYY-MM-DD date, today when absent.
func (s *Server) riskDate(v url.Values) (orewatch.Date, error) {
	raw := strings.TrimSpace(v.Get("date"))
	if raw == "" {
		return orewatch.DateOf(s.Now().UTC()), nil
	}
	d, err := orewatch.ParseDate(raw)
	if err != nil || d.MonthOnly() {
		return d, orewatch.Errorf(orewatch.EINVALID, "parameter date: want YYYY-MM-DD, got %q", raw)
	}
	return d, nil
}

// handleRisk serves the concentration indicators of a material:
// GET /api/v1/risk/{material}?year=&stage=mining|refining&date=. The body is
// the `risk --json` report. An unknown material in the path is 404.
func (s *Server) handleRisk(w http.ResponseWriter, r *http.Request) {
	if s.Analytics == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "analytics are not configured on this server"))
		return
	}
	v := r.URL.Query()
	if err := riskParams(v, "year", "stage", "date"); err != nil {
		s.Error(w, r, err)
		return
	}
	q := orewatch.RiskQuery{Material: r.PathValue("material")}
	if raw := strings.TrimSpace(v.Get("year")); raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil || y < 1900 || y > 2200 {
			s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "parameter year: want a year such as 2024, got %q", raw))
			return
		}
		q.Year = y
	}
	switch st := orewatch.Stage(strings.ToLower(strings.TrimSpace(v.Get("stage")))); st {
	case "", orewatch.StageMining, orewatch.StageRefining:
		q.Stage = st // empty: the stage with data, mining first
	default:
		s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "parameter stage: want mining or refining, got %q", v.Get("stage")))
		return
	}
	d, err := s.riskDate(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q.Date = d
	if s.Catalog != nil {
		m, err := s.Catalog.Material(q.Material)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		q.Material = m.Name
	}
	rep, err := s.Analytics.Risk(r.Context(), q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, rep)
}

// handleExposure serves controlled shares and a buyer's exposure:
// GET /api/v1/exposure?buyer=ISO3&material=&date=. The body is the
// `exposure --json` result. An unknown buyer or material is a bad query
// parameter (400, with suggestions).
func (s *Server) handleExposure(w http.ResponseWriter, r *http.Request) {
	ex, ok := s.Analytics.(orewatch.ExposureService)
	if !ok {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "exposure analytics are not configured on this server"))
		return
	}
	v := r.URL.Query()
	if err := riskParams(v, "buyer", "material", "date"); err != nil {
		s.Error(w, r, err)
		return
	}
	d, err := s.riskDate(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	q := orewatch.ExposureQuery{Buyer: strings.TrimSpace(v.Get("buyer")), Material: strings.TrimSpace(v.Get("material")), Date: d}
	if s.Catalog != nil {
		if q.Buyer != "" {
			c, err := s.Catalog.Country(q.Buyer)
			if err != nil {
				s.Error(w, r, queryName("buyer", err))
				return
			}
			q.Buyer = c.ISO3
		}
		if q.Material != "" {
			m, err := s.Catalog.Material(q.Material)
			if err != nil {
				s.Error(w, r, queryName("material", err))
				return
			}
			q.Material = m.Name
		}
	}
	res, err := ex.Assess(r.Context(), q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, res)
}
