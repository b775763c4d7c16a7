package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"orewatch"
)

// MaxBOMBody caps the body of POST /api/v1/check/bom. Larger bills of
// materials are screened with `orewatch check --bom`, which streams.
const MaxBOMBody = 16 << 20

// registerMeasureRoutes serves the export-control registry and licence
// determination.
func (s *Server) registerMeasureRoutes() {
	s.handle("GET /api/v1/check", s.handleCheck)
	s.handle("POST /api/v1/check/bom", s.handleCheckBOM)
	s.handle("GET /api/v1/measures", s.handleMeasureIndex)
	s.handle("GET /api/v1/measures/{id}", s.handleMeasureView)
}

// handleCheck answers ?item=&from=&to= on ?date= (default today) for
// ?end_use=civil|military, with ?content_share= and ?made_in= for re-exports
// and ?as_known= (a day or an RFC 3339 instant). The body is the
// orewatch.Determination (the `check --json` contract).
func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	if s.Registry == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the registry is not available"))
		return
	}
	v := r.URL.Query()
	q := orewatch.CheckQuery{Item: v.Get("item"), From: v.Get("from"), To: v.Get("to"), EndUse: v.Get("end_use"), MadeIn: v.Get("made_in")}
	for _, p := range []struct{ name, val string }{{"item", q.Item}, {"from", q.From}, {"to", q.To}} {
		if strings.TrimSpace(p.val) == "" {
			s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "query parameter %s is required (check?item=ITEM&from=ISO3&to=ISO3[&date=YYYY-MM-DD])", p.name))
			return
		}
	}
	if err := s.checkParams(r, &q); err != nil {
		s.Error(w, r, err)
		return
	}
	if cs := v.Get("content_share"); cs != "" {
		f, err := strconv.ParseFloat(strings.TrimSuffix(cs, "%"), 64)
		if err != nil || f < 0 || f > 100 {
			s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "query parameter content_share=%q: want a percentage between 0 and 100", cs))
			return
		}
		q.ContentShare = f
	}
	d, err := s.Registry.Check(r.Context(), q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, d)
}

// checkParams reads the ?date=, ?end_use= and ?as_known= parameters shared
// by the single and bill-of-materials checks.
func (s *Server) checkParams(r *http.Request, q *orewatch.CheckQuery) error {
	v := r.URL.Query()
	if ds := v.Get("date"); ds != "" {
		d, err := orewatch.ParseDate(ds)
		if err != nil || d.MonthOnly() {
			return orewatch.Errorf(orewatch.EINVALID, "query parameter date=%q: want a day, YYYY-MM-DD", ds)
		}
		q.Date = d
	} else {
		q.Date = orewatch.DateOf(s.Now())
	}
	switch e := v.Get("end_use"); e {
	case "", "civil", "military":
		q.EndUse = e
	default:
		return orewatch.Errorf(orewatch.EINVALID, "query parameter end_use=%q: want civil or military", e)
	}
	if ak := v.Get("as_known"); ak != "" {
		t, err := time.Parse(time.RFC3339Nano, ak)
		if err != nil {
			d, derr := orewatch.ParseDate(ak)
			if derr != nil || d.MonthOnly() {
				return orewatch.Errorf(orewatch.EINVALID, "query parameter as_known=%q: want a day (YYYY-MM-DD) or an RFC 3339 instant", ak)
			}
			// A day means what the registry knew by its end.
			t = d.AddDays(1).Time().Add(-time.Microsecond)
		}
		q.AsKnown = &t
	}
	return nil
}

// bomResponse is the body of POST /api/v1/check/bom.
type bomResponse struct {
	Results json.RawMessage      `json:"results"`
	Summary *orewatch.BOMSummary `json:"summary"`
}

// handleCheckBOM screens the CSV bill of materials in the body (columns
// part,item,origin,destination[,date,end_use,content_share]; at most
// MaxBOMBody bytes). Lines without a date or end use take ?date= (default
// today) and ?end_use=. The body is {"results": [one object per line],
// "summary": {...}}; bad lines are results with an "error" and are listed
// in the summary, and the rest are still screened.
func (s *Server) handleCheckBOM(w http.ResponseWriter, r *http.Request) {
	if s.Registry == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the registry is not available"))
		return
	}
	var q orewatch.CheckQuery
	if err := s.checkParams(r, &q); err != nil {
		s.Error(w, r, err)
		return
	}
	body := http.MaxBytesReader(w, r.Body, MaxBOMBody)
	var out bytes.Buffer
	sum, err := s.Registry.ScreenBOM(r.Context(), body, &out, "json", q)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = orewatch.Errorf(orewatch.EINVALID, "the bill of materials is larger than %d MiB: screen it with `orewatch check --bom`, which streams", MaxBOMBody>>20)
		}
		s.Error(w, r, err)
		return
	}
	// The results are JSON Lines; join them into one array.
	lines := bytes.Split(bytes.TrimSuffix(out.Bytes(), []byte("\n")), []byte("\n"))
	results := []byte("[]")
	if out.Len() > 0 {
		results = append(append([]byte("["), bytes.Join(lines, []byte(","))...), ']')
	}
	s.JSON(w, r, http.StatusOK, bomResponse{Results: results, Summary: sum})
}

// handleMeasureIndex lists the registry's measures: those in force (and
// not suspended) on ?in_force=YYYY-MM-DD, or all current records without
// it; filtered by ?jurisdiction= (ISO3 or name), ?material= (a measure on
// it, a group above it or an entry below it) and ?type=. The body is an
// array of measures.
func (s *Server) handleMeasureIndex(w http.ResponseWriter, r *http.Request) {
	if s.Registry == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the registry is not available"))
		return
	}
	v := r.URL.Query()
	f := orewatch.InForceFilter{Jurisdiction: v.Get("jurisdiction"), Material: v.Get("material"), Type: orewatch.MeasureType(v.Get("type"))}
	if d := v.Get("in_force"); d != "" {
		day, err := orewatch.ParseDate(d)
		if err != nil || day.MonthOnly() {
			s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "query parameter in_force=%q: want a day, YYYY-MM-DD", d))
			return
		}
		f.Date = day
	}
	ms, err := s.Registry.InForce(r.Context(), f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, ms)
}

// MeasureDetail is the body of GET /api/v1/measures/{id}: the current
// version, the suspension records that name it, and every version oldest
// first.
type MeasureDetail struct {
	Measure     *orewatch.Measure   `json:"measure"`
	SuspendedBy []string            `json:"suspended_by"`
	History     []*orewatch.Measure `json:"history"`
}

// handleMeasureView returns one measure with its version history; an
// unknown id is 404.
func (s *Server) handleMeasureView(w http.ResponseWriter, r *http.Request) {
	if s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the registry is not available"))
		return
	}
	id := r.PathValue("id")
	hist, err := s.Store.MeasureHistory(r.Context(), id)
	if err != nil {
		if orewatch.ErrorCode(err) == orewatch.ENOTFOUND {
			err = orewatch.Errorf(orewatch.ENOTFOUND, "unknown measure %q", id)
		}
		s.Error(w, r, err)
		return
	}
	typ := orewatch.MeasureSuspension
	sus, err := s.Store.FindMeasures(r.Context(), orewatch.MeasureFilter{Type: &typ})
	if err != nil {
		s.Error(w, r, fmt.Errorf("finding suspensions of %s: %w", id, err))
		return
	}
	d := MeasureDetail{Measure: hist[len(hist)-1], SuspendedBy: []string{}, History: hist}
	for _, m := range sus {
		for _, x := range m.Suspends {
			if x == id {
				d.SuspendedBy = append(d.SuspendedBy, m.ID)
			}
		}
	}
	s.JSON(w, r, http.StatusOK, d)
}
