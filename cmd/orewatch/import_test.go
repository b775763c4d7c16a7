package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
	"orewatch/internal/shared"
	"orewatch/sqlite"
	"orewatch/usgs"
)

// TestImportPartialRelease imports each published USGS file alone, and all
// of them together, into a freshly seeded store: the seed already holds
// these releases, so nothing may change, and no stored import source may be
// lost (the commodities file alone cannot tell which import-source category
// some chapters summarise; the embedded Figure 2 table of its edition does).
func TestImportPartialRelease(t *testing.T) {
	raw := filepath.Dir(shared.Path(t, "data/raw/MCS2026_Commodities_Data.csv"))
	all := []string{"MCS2025_World_Data.csv", "MCS2025_Fig2_Net_Import_Reliance.csv", "MCS2026_Commodities_Data.csv", "MCS2026_Fig2_Net_Import_Reliance.csv"}
	cases := []struct {
		name  string
		files []string
	}{
		{"WorldData2025", all[0:1]},
		{"Fig2_2025", all[1:2]},
		{"Commodities2026", all[2:3]},
		{"Fig2_2026", all[3:4]},
		{"Commodities2026ThenFig2", nil}, // the two files of 2026, one import each
		{"All", all},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ow.db")
			if code, _, errs := run(t, db, "production", "nickel", "--year", "2024"); code != exitOK {
				t.Fatalf("seeding: exit %d: %s", code, errs)
			}
			before := storedReliance(t, db)
			imports := [][]string{tc.files}
			if tc.files == nil {
				imports = [][]string{all[2:3], all[3:4]}
			}
			for _, files := range imports {
				args := []string{"import", "usgs", "--json"}
				for _, f := range files {
					args = append(args, filepath.Join(raw, f))
				}
				var res struct {
					Releases []struct {
						Source string `json:"source"`
						orewatch.ImportResult
					} `json:"releases"`
				}
				runJSON(t, db, &res, args...)
				for _, r := range res.Releases {
					if r.Added != 0 || r.Updated != 0 {
						t.Errorf("%v: %s: got %+v, want nothing added or updated", files, r.Source, r.ImportResult)
					}
				}
			}
			after := storedReliance(t, db)
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("import reliance changed (-seeded +after):\n%s", diff)
			}
			for _, ir := range after {
				if ir.Material == "nickel" && ir.SourceID == "usgs-mcs-2026" && ir.Year == 2025 && len(ir.Sources) == 0 {
					t.Errorf("nickel 2025 (%s, %s) lost its import sources", ir.Commodity, ir.Basis)
				}
			}
		})
	}
}

// storedReliance reads every import-reliance row of a store, as JSON for a
// readable diff.
func storedReliance(t *testing.T, path string) []*orewatch.ImportReliance {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return storedRelianceOf(t, db)
}

func storedRelianceOf(t *testing.T, db orewatch.ReferenceStore) []*orewatch.ImportReliance {
	t.Helper()
	rs, err := db.FindImportReliance(context.Background(), orewatch.ImportRelianceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) == 0 {
		t.Fatal("no import reliance stored")
	}
	b, _ := json.Marshal(rs)
	var out []*orewatch.ImportReliance
	json.Unmarshal(b, &out)
	return out
}

// TestKeepImportSources checks that a file which cannot settle a row's import
// sources leaves the stored ones in place: importing the commodities file
// alone, merged with nothing, over the release it made with its Figure 2
// table changes nothing.
func TestKeepImportSources(t *testing.T) {
	ctx := context.Background()
	parse := func(name string) *usgs.File {
		b, err := os.ReadFile(filepath.Join("..", "..", "usgs", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := usgs.ParseBytes(name, b, catalog.New())
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ow.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	full, err := usgs.Merge(parse("commodities.csv"), parse("fig2_2026.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportRelease(ctx, full[0]); err != nil {
		t.Fatal(err)
	}
	before := storedRelianceOf(t, db)

	alone := parse("commodities.csv")
	partial, err := usgs.Merge(alone)
	if err != nil {
		t.Fatal(err)
	}
	if len(alone.Unsettled()) == 0 {
		t.Fatal("the commodities file alone settles every row: the test needs one it cannot")
	}
	if err := keepImportSources(ctx, db, []*usgs.File{alone}); err != nil {
		t.Fatal(err)
	}
	res, err := db.ImportRelease(ctx, partial[0])
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != 0 {
		t.Errorf("got %+v, want nothing updated", res)
	}
	if diff := cmp.Diff(before, storedRelianceOf(t, db)); diff != "" {
		t.Errorf("import reliance changed (-before +after):\n%s", diff)
	}
}
