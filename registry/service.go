package registry

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"orewatch"
)

// Service answers licence questions from a measure store. It loads the
// current versions into an Engine and reuses that snapshot for MaxAge; an
// as-known question loads the versions held at that instant.
type Service struct {
	store orewatch.MeasureStore
	cat   orewatch.CatalogService
	// Now is the clock that dates default to (today) and that ages the
	// snapshot.
	Now func() time.Time
	// MaxAge is how long a snapshot of the current registry is reused
	// before the store is read again, so that a long-running server sees
	// imports made by another process.
	MaxAge time.Duration

	mu       sync.Mutex
	cur      *Engine
	loadedAt time.Time
	known    map[time.Time]*Engine
}

var _ orewatch.RegistryService = (*Service)(nil)

// New returns a service over the store.
func New(store orewatch.MeasureStore, cat orewatch.CatalogService) *Service {
	return &Service{store: store, cat: cat, Now: time.Now, MaxAge: time.Minute, known: map[time.Time]*Engine{}}
}

// Invalidate drops the cached snapshot, after the registry was changed.
func (s *Service) Invalidate() {
	s.mu.Lock()
	s.cur = nil
	clear(s.known)
	s.mu.Unlock()
}

// Engine returns an engine over the current registry, or over the registry
// as it was known at asKnown when that is set.
func (s *Service) Engine(ctx context.Context, asKnown *time.Time) (*Engine, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if asKnown == nil && s.cur != nil && now.Sub(s.loadedAt) < s.MaxAge && !now.Before(s.loadedAt) {
		return s.cur, nil
	}
	if asKnown != nil {
		if e, ok := s.known[*asKnown]; ok {
			return e, nil
		}
	}
	ms, err := s.store.FindMeasures(ctx, orewatch.MeasureFilter{AsKnown: asKnown})
	if err != nil {
		return nil, fmt.Errorf("loading the registry: %w", err)
	}
	if asKnown != nil && len(ms) == 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "the registry held no measures as known at %s: it had not been loaded yet", asKnown.UTC().Format(time.RFC3339))
	}
	e, err := NewEngine(ms, s.cat)
	if err != nil {
		return nil, fmt.Errorf("loading the registry: %w", err)
	}
	if asKnown == nil {
		s.cur, s.loadedAt = e, now
	} else if asKnown.Before(now) {
		// What the registry knew at a past instant cannot change: later
		// imports are known later. A future instant is not cached.
		if len(s.known) >= 16 {
			clear(s.known)
		}
		s.known[*asKnown] = e
	}
	return e, nil
}

// Today is the civil date of the service clock, in its location.
func (s *Service) Today() orewatch.Date { return orewatch.DateOf(s.Now()) }

// Check answers a licence question; a zero q.Date means today.
func (s *Service) Check(ctx context.Context, q orewatch.CheckQuery) (*orewatch.Determination, error) {
	if q.Date.IsZero() {
		q.Date = s.Today()
	}
	e, err := s.Engine(ctx, q.AsKnown)
	if err != nil {
		return nil, err
	}
	d, err := e.Check(q)
	if err != nil {
		return nil, err
	}
	if q.AsKnown != nil {
		d.Explanation += fmt.Sprintf("\nAnswered as the registry knew it at %s; later corrections are not taken into account.", q.AsKnown.UTC().Format(time.RFC3339))
	}
	return d, nil
}

// InForce lists the measures in force on f.Date (suspended ones excluded),
// or every current measure when f.Date is zero.
func (s *Service) InForce(ctx context.Context, f orewatch.InForceFilter) ([]*orewatch.Measure, error) {
	e, err := s.Engine(ctx, nil)
	if err != nil {
		return nil, err
	}
	return e.InForce(f)
}

// ScreenBOM screens a bill of materials; see Engine.ScreenBOM. A zero
// defaults.Date means today.
func (s *Service) ScreenBOM(ctx context.Context, r io.Reader, w io.Writer, format string, defaults orewatch.CheckQuery) (*orewatch.BOMSummary, error) {
	if defaults.Date.IsZero() {
		defaults.Date = s.Today()
	}
	e, err := s.Engine(ctx, defaults.AsKnown)
	if err != nil {
		return nil, err
	}
	return e.ScreenBOM(ctx, r, w, format, defaults)
}

// Diff lists what changed in the current registry between two days.
func (s *Service) Diff(ctx context.Context, from, to orewatch.Date) ([]Change, error) {
	e, err := s.Engine(ctx, nil)
	if err != nil {
		return nil, err
	}
	return e.Diff(from, to)
}
