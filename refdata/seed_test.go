package refdata_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"orewatch"
	"orewatch/refdata"
	"orewatch/sqlite"
)

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "seed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestSeed(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	res, err := refdata.SeedResult(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := refdata.Releases()
	for _, r := range rs {
		got, ok := res[r.Source.ID]
		if !ok {
			t.Fatalf("%s was not imported into an empty store", r.Source.ID)
		}
		if want := len(r.Figures) + len(r.ImportReliance); got.Added != want || got.Updated != 0 {
			t.Errorf("%s: got %+v, want %d added", r.Source.ID, got, want)
		}
	}

	t.Run("Again", func(t *testing.T) {
		again, err := refdata.SeedResult(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 0 {
			t.Fatalf("seeding a seeded store imported %v", again)
		}
	})

	t.Run("DoneWhen", func(t *testing.T) {
		for _, tt := range []struct {
			name         string
			year         int
			china, world float64
			source       string
		}{
			{"2024", 2024, 270000, 380000, "usgs-mcs-2026"},
			{"2023", 2023, 255000, 376000, "usgs-mcs-2025"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				rep, err := orewatch.FindProduction(ctx, db, orewatch.ProductionQuery{Material: "rare earths", Year: tt.year, Stages: []orewatch.Stage{orewatch.StageMining}})
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Tables) != 1 {
					t.Fatalf("got %d tables, want 1", len(rep.Tables))
				}
				tab := rep.Tables[0]
				if tab.Source.ID != tt.source || tab.World == nil || *tab.World.Quantity != tt.world {
					t.Fatalf("got source %s world %+v, want %s %v", tab.Source.ID, tab.World, tt.source, tt.world)
				}
				if r := tab.Rows[0]; r.Country != "CHN" || *r.Quantity != tt.china || r.Source != tt.source {
					t.Fatalf("first row: got %+v, want CHN %v from %s", r, tt.china, tt.source)
				}
				if !strings.Contains(tab.Basis, "rare-earth-oxide") {
					t.Errorf("basis: got %q, want REO", tab.Basis)
				}
			})
		}
	})
}

// failingStore refuses every import after the first, as a store whose disk
// fills up would.
type failingStore struct {
	orewatch.ReferenceStore
	imports int
}

func (s *failingStore) ImportRelease(ctx context.Context, r *orewatch.Release) (orewatch.ImportResult, error) {
	if s.imports++; s.imports > 1 {
		return orewatch.ImportResult{}, errors.New("disk full")
	}
	return s.ReferenceStore.ImportRelease(ctx, r)
}

func TestSeedResumes(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	if err := refdata.Seed(ctx, &failingStore{ReferenceStore: db}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v, want the store's error", err)
	}
	srcs, _ := db.FindSources(ctx)
	if len(srcs) != 1 {
		t.Fatalf("after a failed seed: %d sources stored, want the 1 imported before the failure", len(srcs))
	}
	res, err := refdata.SeedResult(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("seeding again imported %d releases, want the 2 missing", len(res))
	}
}
