package ingest_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/ingest"
	"orewatch/refdata"
)

// TestLatestFiguresMatchesStore checks that the figures a storeless
// pipeline checks claims against are exactly those a seeded store returns
// for FigureFilter{Latest: true}.
func TestLatestFiguresMatchesStore(t *testing.T) {
	releases, err := refdata.Releases()
	if err != nil {
		t.Fatal(err)
	}
	got := ingest.LatestFigures(releases)

	db := mustStore(t)
	ctx := context.Background()
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	want, err := db.FindFigures(ctx, orewatch.FigureFilter{Latest: true})
	if err != nil {
		t.Fatal(err)
	}
	key := func(f *orewatch.Figure) string {
		return fmt.Sprintf("%s|%s|%d|%s|%s|%s", f.Material, f.Country, f.Year, f.Stage, f.Detail, f.SourceID)
	}
	order := func(a, b *orewatch.Figure) int { return cmp.Compare(key(a), key(b)) }
	slices.SortFunc(got, order)
	slices.SortFunc(want, order)
	if len(got) != len(want) {
		t.Fatalf("%d figures, the store has %d", len(got), len(want))
	}
	for i := range got {
		if !orewatch.SameFigure(got[i], want[i]) || got[i].SourceID != want[i].SourceID {
			t.Fatalf("figure %d differs (-store +embedded):\n%s", i, gocmp.Diff(want[i], got[i]))
		}
	}
}

func TestLatestFiguresNewestWins(t *testing.T) {
	q := func(v float64) *float64 { return &v }
	old := &orewatch.Release{Source: orewatch.Source{ID: "usgs-mcs-2025", Year: 2025}, Figures: []*orewatch.Figure{
		{Material: "cobalt", Country: "COD", Year: 2023, Stage: orewatch.StageMining, Quantity: q(170000)},
		{Material: "cobalt", Country: "COD", Year: 2022, Stage: orewatch.StageMining, Quantity: q(145000)},
	}}
	newer := &orewatch.Release{Source: orewatch.Source{ID: "usgs-mcs-2026", Year: 2026}, Figures: []*orewatch.Figure{
		{Material: "cobalt", Country: "COD", Year: 2023, Stage: orewatch.StageMining, Quantity: q(175000), Revised: true},
	}}
	for _, order := range [][]*orewatch.Release{{old, newer}, {newer, old}} {
		got := ingest.LatestFigures(order)
		if len(got) != 2 {
			t.Fatalf("%d figures, want 2", len(got))
		}
		for _, f := range got {
			if f.Year == 2023 && (f.SourceID != "usgs-mcs-2026" || *f.Quantity != 175000) {
				t.Errorf("2023 figure from %s (%v), want the 2026 release's", f.SourceID, *f.Quantity)
			}
			if f.Year == 2022 && f.SourceID != "usgs-mcs-2025" {
				t.Errorf("2022 figure from %s, want usgs-mcs-2025", f.SourceID)
			}
		}
	}
}
