// Package registry is the export-control registry: it reads registry CSV
// files, carries the embedded copy of the measures dataset, and answers
// licence questions ("as of date D, what does exporting item X from A to B
// need, and why?") from an in-memory snapshot of the measures.
package registry

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	"orewatch"
)

// embeddedCSV is the registry shipped with the binary; data/SOURCES.md
// names where each record was read.
//
//go:embed data/measures.csv
var embeddedCSV []byte

// EmbeddedName is the file name errors in the embedded registry are
// reported against.
const EmbeddedName = "registry/data/measures.csv"

// EmbeddedCSV returns the embedded registry file.
func EmbeddedCSV() []byte { return bytes.Clone(embeddedCSV) }

var embedded struct {
	sync.Mutex
	cat orewatch.CatalogService
	ms  []*orewatch.Measure
}

// Embedded returns the registry shipped with the binary, items resolved with
// cat. It is parsed once per catalogue; each call returns fresh copies that
// the caller may change.
func Embedded(cat orewatch.CatalogService) ([]*orewatch.Measure, error) {
	embedded.Lock()
	defer embedded.Unlock()
	// Catalogues are compared by identity when their type allows it; any
	// other catalogue is parsed afresh (31 rows: cheap).
	comparable := cat != nil && reflect.TypeOf(cat).Comparable()
	if comparable && embedded.ms != nil && embedded.cat == cat {
		return cloneMeasures(embedded.ms), nil
	}
	ms, err := ParseCSV(bytes.NewReader(embeddedCSV), EmbeddedName, cat)
	if err != nil {
		return nil, fmt.Errorf("embedded registry: %w", err)
	}
	if comparable {
		embedded.cat, embedded.ms = cat, ms
	}
	return cloneMeasures(ms), nil
}

func cloneMeasures(ms []*orewatch.Measure) []*orewatch.Measure {
	out := make([]*orewatch.Measure, len(ms))
	for i, m := range ms {
		out[i] = cloneMeasure(m)
	}
	return out
}

func cloneMeasure(m *orewatch.Measure) *orewatch.Measure {
	c := *m
	c.Suspends = slices.Clone(m.Suspends)
	c.Items = slices.Clone(m.Items)
	c.Materials = slices.Clone(m.Materials)
	c.Unresolved = slices.Clone(m.Unresolved)
	c.TariffLines = slices.Clone(m.TariffLines)
	c.Destinations = slices.Clone(m.Destinations)
	if m.SupersededAt != nil {
		t := *m.SupersededAt
		c.SupersededAt = &t
	}
	return &c
}

// Seed loads the embedded registry into s, recorded as known at now, when s
// holds no measures. A store that holds any is left alone: its records may
// carry corrections imported since, which the embedded copy must not undo.
func Seed(ctx context.Context, s orewatch.MeasureStore, cat orewatch.CatalogService, now time.Time) error {
	have, err := s.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return fmt.Errorf("seeding the registry: %w", err)
	}
	if len(have) > 0 {
		return nil
	}
	ms, err := Embedded(cat)
	if err != nil {
		return err
	}
	if _, err := s.PutMeasures(ctx, ms, now); err != nil {
		return fmt.Errorf("seeding the registry: %w", err)
	}
	return nil
}
