package http

import (
	"net/http"
	"strconv"
	"strings"

	"orewatch"
)

// registerMaterialRoutes serves the knowledge base: the materials and
// countries catalogue and the sourced production figures.
func (s *Server) registerMaterialRoutes() {
	s.handle("GET /api/v1/materials", s.handleMaterialIndex)
	s.handle("GET /api/v1/materials/{name}", s.handleMaterialView)
	s.handle("GET /api/v1/countries", s.handleCountryIndex)
	s.handle("GET /api/v1/production", s.handleProduction)
}

// handleMaterialIndex lists the catalogue, optionally one kind (?kind=element).
// The body is an array of materials as the catalogue holds them.
func (s *Server) handleMaterialIndex(w http.ResponseWriter, r *http.Request) {
	if s.Catalog == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the catalogue is not available"))
		return
	}
	var want orewatch.MaterialKind
	if k := r.URL.Query().Get("kind"); k != "" {
		switch kind := orewatch.MaterialKind(strings.ToLower(k)); kind {
		case orewatch.KindElement, orewatch.KindGroup, orewatch.KindProduct, orewatch.KindTechnology, orewatch.KindEquipment:
			want = kind
		default:
			s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "unknown kind %q (want element, group, product, technology or equipment)", k))
			return
		}
	}
	out := []*orewatch.Material{}
	for _, m := range s.Catalog.Materials() {
		if want == "" || m.Kind == want {
			out = append(out, m)
		}
	}
	s.JSON(w, r, http.StatusOK, out)
}

// handleMaterialView resolves {name} (a name, alias or symbol, any case) and
// returns the orewatch.MaterialDetail: the material, the entries below it,
// which figures the store holds and US import reliance. An unknown name is
// 404 with suggestions.
func (s *Server) handleMaterialView(w http.ResponseWriter, r *http.Request) {
	if s.Catalog == nil || s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the knowledge base is not available"))
		return
	}
	d, err := orewatch.FindMaterialDetail(r.Context(), s.Catalog, s.Store, r.PathValue("name"))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, d)
}

// handleCountryIndex lists the ISO 3166-1 countries of the catalogue, or with
// ?name= the one country a name, code, demonym or capital resolves to (as a
// one-element array; 404 with suggestions when unknown).
func (s *Server) handleCountryIndex(w http.ResponseWriter, r *http.Request) {
	if s.Catalog == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the catalogue is not available"))
		return
	}
	if name := r.URL.Query().Get("name"); name != "" {
		c, err := s.Catalog.Country(name)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		s.JSON(w, r, http.StatusOK, []*orewatch.Country{c})
		return
	}
	s.JSON(w, r, http.StatusOK, s.Catalog.Countries())
}

// handleProduction answers ?material=&year=&stage=&country= with an
// orewatch.ProductionReport, the same object as `orewatch production
// --json`. material is required; year defaults to the latest with data per
// stage; stage is mining, refining, reserves, capacity or other (default:
// every production stage); country is an ISO3 code or name. An unknown
// material or country is 400 with suggestions: the parameter is wrong, not
// the resource.
func (s *Server) handleProduction(w http.ResponseWriter, r *http.Request) {
	if s.Catalog == nil || s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the knowledge base is not available"))
		return
	}
	q, err := productionQuery(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := q.Resolve(s.Catalog); err != nil {
		s.Error(w, r, queryName(s.unknownNameParam(q.Material), err))
		return
	}
	rep, err := orewatch.FindProduction(r.Context(), s.Store, q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, rep)
}

// productionQuery reads the query parameters; every problem is EINVALID.
func productionQuery(r *http.Request) (orewatch.ProductionQuery, error) {
	v := r.URL.Query()
	for key := range v {
		switch key {
		case "material", "year", "stage", "country":
		default:
			return orewatch.ProductionQuery{}, orewatch.Errorf(orewatch.EINVALID, "unknown query parameter %q (want material, year, stage, country)", key)
		}
	}
	q := orewatch.ProductionQuery{Material: strings.TrimSpace(v.Get("material")), Country: strings.TrimSpace(v.Get("country"))}
	if q.Material == "" {
		return q, orewatch.Errorf(orewatch.EINVALID, "the material parameter is required, e.g. /api/v1/production?material=rare+earths&year=2024")
	}
	if y := strings.TrimSpace(v.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			return q, orewatch.Errorf(orewatch.EINVALID, "bad year %q (want a year such as 2024)", y)
		}
		q.Year = n
	}
	if st := strings.TrimSpace(v.Get("stage")); st != "" {
		stage := orewatch.Stage(strings.ToLower(st))
		if !orewatch.KnownStage(stage) {
			return q, orewatch.Errorf(orewatch.EINVALID, "unknown stage %q (want mining, refining, reserves, capacity or other)", st)
		}
		q.Stages = []orewatch.Stage{stage}
	}
	return q, nil
}

// unknownNameParam names the query parameter whose name the catalogue did
// not resolve, given the material asked for: the material when it is
// unknown, else the country.
func (s *Server) unknownNameParam(material string) string {
	if strings.TrimSpace(material) != "" {
		if _, err := s.Catalog.Material(material); err != nil {
			return "material"
		}
	}
	return "country"
}
