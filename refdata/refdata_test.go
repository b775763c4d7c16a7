package refdata_test

import (
	"context"
	"strings"
	"testing"

	"orewatch"
	"orewatch/refdata"
)

// figure finds the one figure of a release with the given identity.
func figure(t *testing.T, r *orewatch.Release, material, country string, year int, stage orewatch.Stage) *orewatch.Figure {
	t.Helper()
	var found *orewatch.Figure
	for _, f := range r.Figures {
		if f.Material == material && f.Country == country && f.Year == year && f.Stage == stage {
			if found != nil {
				t.Fatalf("%s: two %s %s %d %s figures: %q and %q", r.Source.ID, material, country, year, stage, found.Detail, f.Detail)
			}
			found = f
		}
	}
	if found == nil {
		t.Fatalf("%s: no %s %s %d %s figure", r.Source.ID, material, country, year, stage)
	}
	return found
}

func releases(t *testing.T) map[string]*orewatch.Release {
	t.Helper()
	rs, err := refdata.Releases()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*orewatch.Release{}
	for _, r := range rs {
		out[r.Source.ID] = r
	}
	return out
}

func TestReleasesRareEarths(t *testing.T) {
	rs := releases(t)
	for _, id := range []string{"usgs-mcs-2025", "usgs-mcs-2026", "iea-cm-2025"} {
		if rs[id] == nil {
			t.Fatalf("no release %s", id)
		}
	}
	tests := []struct {
		name     string
		source   string
		country  string
		year     int
		stage    orewatch.Stage
		quantity float64
	}{
		{"China2024", "usgs-mcs-2026", "CHN", 2024, orewatch.StageMining, 270000},
		{"World2024", "usgs-mcs-2026", "WLD", 2024, orewatch.StageMining, 380000},
		{"China2023", "usgs-mcs-2025", "CHN", 2023, orewatch.StageMining, 255000},
		{"World2023", "usgs-mcs-2025", "WLD", 2023, orewatch.StageMining, 376000},
		{"WorldPreliminary2024", "usgs-mcs-2025", "WLD", 2024, orewatch.StageMining, 390000},
		{"WorldReserves2025", "usgs-mcs-2026", "WLD", 2025, orewatch.StageReserves, 85000000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := figure(t, rs[tt.source], "rare earths", tt.country, tt.year, tt.stage)
			if f.Quantity == nil || *f.Quantity != tt.quantity {
				t.Fatalf("quantity: got %v, want %v", f.Quantity, tt.quantity)
			}
			if f.Unit != "metric tons" {
				t.Errorf("unit: got %q, want metric tons", f.Unit)
			}
			if f.SourceID != tt.source {
				t.Errorf("source: got %q, want %q", f.SourceID, tt.source)
			}
		})
	}
}

func TestReleasesAreCopies(t *testing.T) {
	a := releases(t)
	a["usgs-mcs-2026"].Figures[0].Material = "changed"
	*a["usgs-mcs-2026"].Figures[0].Quantity = -1
	b := releases(t)
	if b["usgs-mcs-2026"].Figures[0].Material == "changed" || *b["usgs-mcs-2026"].Figures[0].Quantity == -1 {
		t.Fatal("changing a returned release changed the cached one")
	}
}

func TestReleasesValid(t *testing.T) {
	for id, r := range releases(t) {
		if err := orewatch.ValidateRelease(r); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

func TestWGI(t *testing.T) {
	es, err := refdata.WGI()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 645 {
		t.Fatalf("got %d estimates, want 645 (215 economies x 3 years)", len(es))
	}
	var chn *orewatch.GovernanceEstimate
	for _, e := range es {
		if e.Country == "CHN" && e.Year == 2024 {
			chn = e
		}
	}
	if chn == nil || chn.PoliticalStability == nil {
		t.Fatal("no CHN 2024 political stability")
	}
}

var _ = context.Background

// TestNothingUnresolved checks that every commodity and country name of the
// embedded releases resolves through the catalogue, except the rows that are
// not one country, listed here by name.
func TestNothingUnresolved(t *testing.T) {
	skipped, err := refdata.Skipped()
	if err != nil {
		t.Fatal(err)
	}
	notACountry := map[string]bool{
		"not a single country (United States and Canada)": true, // combined abrasives capacity
	}
	for file, reasons := range skipped {
		for reason, n := range reasons {
			switch {
			case strings.HasPrefix(reason, "unknown commodity"), strings.HasPrefix(reason, "unknown mineral"):
				t.Errorf("%s: %d rows of an %s", file, n, reason)
			case strings.HasPrefix(reason, "not a single country") && !notACountry[reason]:
				t.Errorf("%s: %d rows skipped: %s", file, n, reason)
			}
		}
	}
}
