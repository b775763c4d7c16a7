package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orewatch"
	"orewatch/internal/shared"
	"orewatch/sqlite"
)

// runJSON runs a command that must succeed and decodes its JSON output.
func runJSON(t *testing.T, db string, v any, args ...string) {
	t.Helper()
	code, out, errs := run(t, db, args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d\nstderr: %s", args, code, errs)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
}

func TestProductionDoneWhen(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	tests := []struct {
		name, year, source string
		china, world       float64
	}{
		{"2024FromMCS2026", "2024", "usgs-mcs-2026", 270000, 380000},
		{"2023FromMCS2025", "2023", "usgs-mcs-2025", 255000, 376000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep orewatch.ProductionReport
			runJSON(t, db, &rep, "production", "rare earths", "--year", tt.year, "--json")
			var mining *orewatch.ProductionTable
			for _, tab := range rep.Tables {
				if tab.Stage == orewatch.StageMining {
					mining = tab
				}
			}
			if mining == nil {
				t.Fatalf("no mining table: %+v", rep)
			}
			if mining.Source == nil || mining.Source.ID != tt.source || mining.Source.DOI == "" {
				t.Fatalf("source: got %+v, want %s with its DOI", mining.Source, tt.source)
			}
			if mining.World == nil || *mining.World.Quantity != tt.world || mining.World.Country != "WLD" {
				t.Fatalf("world: got %+v, want %v", mining.World, tt.world)
			}
			cn := mining.Rows[0]
			if cn.Country != "CHN" || *cn.Quantity != tt.china || cn.Unit != "metric tons" || cn.Source != tt.source {
				t.Fatalf("first row: got %+v, want China %v t from %s", cn, tt.china, tt.source)
			}
			if want := tt.china / tt.world; cn.Share == nil || *cn.Share != want {
				t.Fatalf("China's share: got %v, want %v", cn.Share, want)
			}
			if !strings.Contains(mining.Basis, "rare-earth-oxide") {
				t.Fatalf("basis: got %q, want REO", mining.Basis)
			}
		})
	}

	t.Run("Text", func(t *testing.T) {
		code, out, errs := run(t, db, "production", "rare earths", "--year", "2024", "--stage", "mining")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"China", "270,000", "71.1%", "380,000", "usgs-mcs-2026", "doi:10.5066/P1WKQ63T"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("CountryByName", func(t *testing.T) {
		var rep orewatch.ProductionReport
		runJSON(t, db, &rep, "production", "REE", "--country", "Burma", "--year", "2023", "--stage", "mining", "--json")
		if len(rep.Tables) != 1 || len(rep.Tables[0].Rows) != 1 || rep.Tables[0].Rows[0].Country != "MMR" || *rep.Tables[0].Rows[0].Quantity != 43000 {
			t.Fatalf("got %+v", rep.Tables)
		}
	})
}

func TestProductionErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"NoMaterial", []string{"production"}, exitUsage, "production takes one MATERIAL"},
		{"BadStage", []string{"production", "lithium", "--stage", "smelting"}, exitUsage, "unknown --stage"},
		{"UnknownCountry", []string{"production", "lithium", "--country", "Chilee"}, exitFailure, `did you mean: "Chile"`},
		{"UnknownMaterial", []string{"production", "litium"}, exitFailure, `"lithium"`},
		{"BadYear", []string{"production", "lithium", "--year", "24"}, exitUsage, "--year must be a year from 1900 to 2200, such as 2024, got 24"},
		{"MaterialUnknown", []string{"material", "dysprosum"}, exitFailure, `"dysprosium"`},
		{"MaterialNoName", []string{"material"}, exitUsage, "material takes one NAME"},
		{"MaterialsBadKind", []string{"materials", "--kind", "metal"}, exitUsage, "unknown kind"},
		{"CountryUnknown", []string{"countries", "Narnia"}, exitFailure, "Narnia"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, db, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Fatalf("got exit %d, stderr %q (stdout %q); want exit %d and %q", code, errs, out, tt.code, tt.want)
			}
		})
	}
}

func TestMaterialCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	t.Run("Dy", func(t *testing.T) {
		var d struct {
			orewatch.Material
			Figures        []orewatch.FigureCoverage  `json:"figures"`
			ImportReliance []*orewatch.ImportReliance `json:"import_reliance"`
		}
		runJSON(t, db, &d, "material", "Dy", "--json")
		if d.Name != "dysprosium" || d.Symbol != "Dy" || d.Kind != orewatch.KindElement {
			t.Fatalf("got %+v", d.Material)
		}
		if !contains(d.Parents, "rare earths") || len(d.TariffLines) == 0 {
			t.Fatalf("parents %v, tariff lines %v: want rare earths and its tariff lines", d.Parents, d.TariffLines)
		}
		if d.Figures == nil || d.ImportReliance == nil {
			t.Fatal("figures and import_reliance must be arrays, not null")
		}
	})
	t.Run("RareEarths", func(t *testing.T) {
		var d orewatch.MaterialDetail
		runJSON(t, db, &d, "material", "rare earths", "--json")
		if !contains(d.Members, "dysprosium") {
			t.Errorf("members: got %v, want the elements", d.Members)
		}
		found := false
		for _, c := range d.Figures {
			if c.Stage == orewatch.StageMining && c.Source == "usgs-mcs-2026" {
				found = c.World && contains(intsToStrings(c.Years), "2024") && c.Countries > 10
			}
		}
		if !found {
			t.Errorf("figures: got %+v, want MCS 2026 mining with a world total", d.Figures)
		}
		var nir2024 bool
		for _, ir := range d.ImportReliance {
			nir2024 = nir2024 || ir.Year == 2024 && ir.Value == "53" && len(ir.Sources) > 0
		}
		if !nir2024 {
			t.Errorf("import reliance: got %+v, want 2024 = 53 with its sources", d.ImportReliance)
		}
		code, out, _ := run(t, db, "material", "rare earths")
		if code != exitOK || !strings.Contains(out, "usgs-mcs-2026") || !strings.Contains(out, "net import reliance") {
			t.Errorf("text: exit %d\n%s", code, out)
		}
	})
	t.Run("MaterialsKind", func(t *testing.T) {
		var ms []orewatch.Material
		runJSON(t, db, &ms, "materials", "--kind", "element", "--json")
		var names []string
		for _, m := range ms {
			if m.Kind != orewatch.KindElement {
				t.Fatalf("%s is a %s", m.Name, m.Kind)
			}
			names = append(names, m.Name)
		}
		if !contains(names, "dysprosium") || contains(names, "rare earths") {
			t.Fatalf("elements: %v", names)
		}
		code, out, _ := run(t, db, "materials")
		if code != exitOK || !strings.Contains(out, "NAME") || !strings.Contains(out, "materials") {
			t.Fatalf("text: exit %d\n%s", code, out)
		}
	})
	t.Run("Countries", func(t *testing.T) {
		var cs []orewatch.Country
		runJSON(t, db, &cs, "countries", "--json")
		if len(cs) < 249 {
			t.Fatalf("got %d countries, want every ISO 3166-1 entry", len(cs))
		}
		runJSON(t, db, &cs, "countries", "Burma", "--json")
		if len(cs) != 1 || cs[0].ISO3 != "MMR" {
			t.Fatalf("Burma: got %+v", cs)
		}
	})
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	raw := filepath.Dir(shared.Path(t, "data/raw/MCS2026_Commodities_Data.csv"))
	files := []string{"MCS2025_World_Data.csv", "MCS2025_Fig2_Net_Import_Reliance.csv", "MCS2026_Commodities_Data.csv", "MCS2026_Fig2_Net_Import_Reliance.csv"}
	args := []string{"import", "usgs", "--json"}
	for _, f := range files {
		args = append(args, filepath.Join(raw, f))
	}

	t.Run("SameReleasesChangeNothing", func(t *testing.T) {
		var res struct {
			Releases []struct {
				Source string `json:"source"`
				orewatch.ImportResult
			} `json:"releases"`
			Files []struct {
				Format string `json:"format"`
				Rows   int    `json:"rows"`
			} `json:"files"`
		}
		runJSON(t, db, &res, args...)
		if len(res.Releases) != 2 || len(res.Files) != 4 {
			t.Fatalf("got %+v", res)
		}
		for _, r := range res.Releases {
			if r.Added != 0 || r.Updated != 0 || r.Unchanged == 0 {
				t.Errorf("%s: got %+v, want everything unchanged (the same files were seeded)", r.Source, r.ImportResult)
			}
		}
		var iea struct {
			Releases []struct {
				orewatch.ImportResult
			} `json:"releases"`
		}
		runJSON(t, db, &iea, "import", "iea", filepath.Join(raw, "IEA_CM_Dataset_2025_supply_2024_kt.csv"), "--json")
		if r := iea.Releases[0]; r.Added != 0 || r.Updated != 0 || r.Unchanged != 73 {
			t.Errorf("iea: got %+v, want 73 unchanged", r.ImportResult)
		}
	})

	t.Run("MalformedImportsNothing", func(t *testing.T) {
		dir := t.TempDir()
		good, err := os.ReadFile(filepath.Join("..", "..", "usgs", "testdata", "commodities.csv"))
		if err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(good), `"13,800"`, `"13.8.00"`, 1)
		goodPath, badPath := filepath.Join(dir, "good.csv"), filepath.Join(dir, "bad.csv")
		os.WriteFile(goodPath, good, 0o644)
		os.WriteFile(badPath, []byte(bad), 0o644)
		before := chinaNote(t, db)
		code, _, errs := run(t, db, "import", "usgs", goodPath, badPath)
		if code != exitFailure || !strings.Contains(errs, badPath+":22:106: column Value") || !strings.Contains(errs, "column Value") {
			t.Fatalf("got exit %d, stderr %q; want exit 1 naming %s, the line and the column", code, errs, badPath)
		}
		if after := chinaNote(t, db); after != before {
			t.Fatalf("the good file was imported with the bad one: note %q became %q", before, after)
		}
	})

	t.Run("Usage", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"import"}, exitUsage, "import needs a kind"},
			{[]string{"import", "usda", "x.csv"}, exitUsage, "unknown kind"},
			{[]string{"import", "usgs", filepath.Join(raw, "IEA_CM_Dataset_2025_supply_2024_kt.csv")}, exitFailure, "orewatch import iea"},
			{[]string{"import", "usgs", filepath.Join(t.TempDir(), "missing.csv")}, exitFailure, "cannot read"},
		} {
			code, _, errs := run(t, db, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("%v: got exit %d %q, want %d %q", tc.args, code, errs, tc.code, tc.want)
			}
		}
	})
}

// chinaNote reads the stored note of China's 2024 rare-earth mine production
// from MCS 2026.
func chinaNote(t *testing.T, path string) string {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, c, y, src := "rare earths", "CHN", 2024, "usgs-mcs-2026"
	st := orewatch.StageMining
	figs, err := db.FindFigures(context.Background(), orewatch.FigureFilter{Material: &m, Country: &c, Year: &y, Stage: &st, SourceID: &src})
	if err != nil || len(figs) != 1 {
		t.Fatalf("got %d figures, %v", len(figs), err)
	}
	return figs[0].Note
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func intsToStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		b, _ := json.Marshal(n)
		out[i] = string(b)
	}
	return out
}
