package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"orewatch"
)

// registerEventRoutes serves what ingestion found: events, articles with
// their events and claims, and full-text search.
func (s *Server) registerEventRoutes() {
	s.handle("GET /api/v1/events", s.handleEventIndex)
	s.handle("GET /api/v1/articles/{id}", s.handleArticleView)
	s.handle("GET /api/v1/search", s.handleSearch)
}

// handleEventIndex answers ?since=&until=&material=&country=&type=&limit=
// with an array of events, newest first, the same as `orewatch events
// --json`. Dates are YYYY-MM-DD or YYYY-MM and inclusive; material includes
// everything below it in the catalogue; country matches the actor or the
// counterparty. A bad date, type or limit is 400 naming the parameter, and
// so is an unknown material or country, with suggestions.
func (s *Server) handleEventIndex(w http.ResponseWriter, r *http.Request) {
	if s.Catalog == nil || s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the article store is not available"))
		return
	}
	v := r.URL.Query()
	if err := eventsOnlyParams(v, "since", "until", "material", "country", "type", "limit"); err != nil {
		s.Error(w, r, err)
		return
	}
	q := orewatch.EventQuery{Material: v.Get("material"), Country: v.Get("country"), Type: v.Get("type")}
	var err error
	if q.Since, err = eventsDateParam(v, "since"); err != nil {
		s.Error(w, r, err)
		return
	}
	if q.Until, err = eventsDateParam(v, "until"); err != nil {
		s.Error(w, r, err)
		return
	}
	if q.Limit, err = eventsLimitParam(v, orewatch.DefaultEventLimit, 1000); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := q.Resolve(s.Catalog); err != nil {
		s.Error(w, r, queryName(s.unknownNameParam(q.Material), err))
		return
	}
	events, err := orewatch.FindEventList(r.Context(), s.Catalog, s.Store, q)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if events == nil {
		events = []*orewatch.Event{}
	}
	s.JSON(w, r, http.StatusOK, events)
}

// handleArticleView returns one stored article with its entities, events,
// claims and date checks. A malformed id is 400; an unknown one 404.
func (s *Server) handleArticleView(w http.ResponseWriter, r *http.Request) {
	if s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the article store is not available"))
		return
	}
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "invalid article id %q: want a positive whole number", raw))
		return
	}
	a, err := s.Store.FindArticleByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.JSON(w, r, http.StatusOK, a)
}

// handleSearch answers ?q=&limit= with an array of search hits, best
// first: {article_id, title, url, published, snippet, rank}. The query
// follows web-search conventions (words, "phrases", OR, -excluded).
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	if s.Store == nil {
		s.Error(w, r, orewatch.Errorf(orewatch.EUNAVAILABLE, "the article store is not available"))
		return
	}
	v := r.URL.Query()
	if err := eventsOnlyParams(v, "q", "limit"); err != nil {
		s.Error(w, r, err)
		return
	}
	q := strings.TrimSpace(v.Get("q"))
	if q == "" {
		s.Error(w, r, orewatch.Errorf(orewatch.EINVALID, "parameter q is required: the search query"))
		return
	}
	limit, err := eventsLimitParam(v, 20, 200)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	hits, err := s.Store.SearchArticles(r.Context(), q, limit)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if hits == nil {
		hits = []*orewatch.SearchHit{}
	}
	s.JSON(w, r, http.StatusOK, hits)
}

// eventsOnlyParams refuses query parameters other than those named, so that a
// misspelt filter is not silently ignored.
func eventsOnlyParams(v url.Values, allowed ...string) error {
	for key := range v {
		ok := false
		for _, a := range allowed {
			if key == a {
				ok = true
				break
			}
		}
		if !ok {
			return orewatch.Errorf(orewatch.EINVALID, "unknown query parameter %q (want %s)", key, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// eventsDateParam reads an optional YYYY-MM-DD or YYYY-MM parameter.
func eventsDateParam(v url.Values, name string) (orewatch.Date, error) {
	d, err := orewatch.ParseDate(v.Get(name))
	if err != nil {
		return d, orewatch.Errorf(orewatch.EINVALID, "parameter %s: %v", name, err)
	}
	return d, nil
}

// eventsLimitParam reads an optional positive limit, at most max.
func eventsLimitParam(v url.Values, def, max int) (int, error) {
	raw := strings.TrimSpace(v.Get("limit"))
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 || n > max {
		return 0, orewatch.Errorf(orewatch.EINVALID, "parameter limit: %q is not a whole number from 1 to %d", raw, max)
	}
	return n, nil
}
