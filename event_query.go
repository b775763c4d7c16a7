package orewatch

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// EventTypes lists the event types, in the order the issue defines them.
var EventTypes = []EventType{
	EventExportControl, EventExportBan, EventSuspension, EventQuota,
	EventSupplyAgreement, EventTariff, EventOther,
}

// DefaultEventLimit is how many events an EventQuery returns when its Limit
// is 0.
const DefaultEventLimit = 100

// EventQuery selects events as a user asks for them, by the names they
// type: the `events` command and GET /api/v1/events.
type EventQuery struct {
	Since, Until Date   // inclusive; zero: open
	Material     string // a catalogue name, alias or symbol; includes everything below it
	Country      string // a country name or code; matches the actor or the counterparty
	Type         string // an EventType
	Limit        int    // 0: DefaultEventLimit
}

// Resolve checks q and resolves its names: Material to the catalogue's
// canonical name and Country to its ISO3 code. An unknown material or
// country is the catalogue's ENOTFOUND error with suggestions; an unknown
// type, a negative limit or Since after Until is EINVALID.
func (q *EventQuery) Resolve(cat CatalogService) error {
	if q.Limit < 0 {
		return Errorf(EINVALID, "limit %d is negative", q.Limit)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Since.After(q.Until) {
		return Errorf(EINVALID, "since %s is after until %s", q.Since, q.Until)
	}
	if t := strings.TrimSpace(q.Type); t != "" {
		norm := EventType(strings.ReplaceAll(strings.ToLower(t), "-", "_"))
		if !slices.Contains(EventTypes, norm) {
			e := Errorf(EINVALID, "unknown event type %q (want %s)", t, joinEventTypes())
			if s := closestEventType(string(norm)); s != "" {
				e.Suggestions = []string{s}
			}
			return e
		}
		q.Type = string(norm)
	}
	if name := strings.TrimSpace(q.Material); name != "" {
		m, err := cat.Material(name)
		if err != nil {
			return err
		}
		q.Material = m.Name
	}
	if name := strings.TrimSpace(q.Country); name != "" {
		c, err := cat.Country(name)
		if err != nil {
			return err
		}
		q.Country = c.ISO3
	}
	return nil
}

func joinEventTypes() string {
	s := make([]string, len(EventTypes))
	for i, t := range EventTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// closestEventType suggests the type a mistyped one was meant to be: one
// that contains it or is contained in it, else none.
func closestEventType(s string) string {
	if len(s) < 3 {
		return ""
	}
	for _, t := range EventTypes {
		if strings.Contains(string(t), s) || strings.Contains(s, string(t)) {
			return string(t)
		}
	}
	return ""
}

// FindEventList returns the events q selects (q resolved), newest first by
// announced date, or the article's publication date when the event has
// none; undated events come last. A material selects the events of the
// material and of every catalogue entry below it (rare earths includes
// dysprosium).
func FindEventList(ctx context.Context, cat CatalogService, s ArticleStore, q EventQuery) ([]*Event, error) {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultEventLimit
	}
	f := EventFilter{Limit: limit}
	if !q.Since.IsZero() {
		f.Since = &q.Since
	}
	if !q.Until.IsZero() {
		f.Until = &q.Until
	}
	if q.Country != "" {
		f.Country = &q.Country
	}
	if q.Type != "" {
		t := EventType(q.Type)
		f.Type = &t
	}
	if q.Material == "" {
		return s.FindEvents(ctx, f)
	}
	names := cat.Expand(q.Material)
	if len(names) == 0 {
		names = []string{q.Material}
	}
	if len(names) == 1 {
		f.Material = &names[0]
		return s.FindEvents(ctx, f)
	}
	// One query per name, merged: each returns its newest `limit`, so the
	// newest `limit` of the union are among them.
	seen := map[int64]bool{}
	var all []*Event
	for _, name := range names {
		f.Material = &name
		es, err := s.FindEvents(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if !seen[e.ID] {
				seen[e.ID] = true
				all = append(all, e)
			}
		}
	}
	dates, err := eventDates(ctx, s, all)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(all, func(a, b *Event) int {
		da, db := dates[a.ID], dates[b.ID]
		switch {
		case da.IsZero() != db.IsZero():
			if da.IsZero() {
				return 1
			}
			return -1
		case da != db:
			return db.Compare(da)
		}
		return cmp.Compare(b.ID, a.ID)
	})
	if len(all) > limit {
		all = all[:limit]
	}
	return all, nil
}

// eventDates is the date each event sorts by: its announced date, or its
// article's publication date.
func eventDates(ctx context.Context, s ArticleStore, es []*Event) (map[int64]Date, error) {
	out := make(map[int64]Date, len(es))
	published := map[int64]Date{}
	for _, e := range es {
		if !e.Announced.IsZero() {
			out[e.ID] = e.Announced
			continue
		}
		d, ok := published[e.ArticleID]
		if !ok {
			a, err := s.FindArticleByID(ctx, e.ArticleID)
			if err != nil {
				return nil, err
			}
			d = a.Published
			published[e.ArticleID] = d
		}
		out[e.ID] = d
	}
	return out, nil
}
