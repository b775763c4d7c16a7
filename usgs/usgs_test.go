package usgs_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
	"orewatch/usgs"
)

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, name string) *usgs.File {
	t.Helper()
	f, err := usgs.ParseBytes(name, mustRead(t, name), catalog.New())
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if err := orewatch.ValidateRelease(f.Release); err != nil {
		t.Fatalf("%s: parsed release is invalid: %v", name, err)
	}
	return f
}

func ptr(v float64) *float64 { return &v }

// find returns the figures of a release that match material, country, year
// and stage.
func find(r *orewatch.Release, material, country string, year int, stage orewatch.Stage) []*orewatch.Figure {
	var out []*orewatch.Figure
	for _, f := range r.Figures {
		if f.Material == material && f.Country == country && f.Year == year && f.Stage == stage {
			out = append(out, f)
		}
	}
	return out
}

func one(t *testing.T, r *orewatch.Release, material, country string, year int, stage orewatch.Stage) *orewatch.Figure {
	t.Helper()
	fs := find(r, material, country, year, stage)
	if len(fs) != 1 {
		t.Fatalf("%s %s %d %s: got %d figures, want 1", material, country, year, stage, len(fs))
	}
	return fs[0]
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		file string
		want usgs.Format
	}{
		{"WorldData", "worlddata.csv", usgs.FormatWorldData},
		{"Commodities", "commodities.csv", usgs.FormatCommodities},
		{"Fig2", "fig2_2025.csv", usgs.FormatFig2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, _, _ := bytes.Cut(mustRead(t, tt.file), []byte("\n"))
			header := strings.Split(strings.TrimSpace(string(line)), ",")
			if got := usgs.Detect(header); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := usgs.Detect([]string{"iea_mineral", "stage", "country", "kt_2024"}); got != usgs.FormatUnknown {
		t.Fatalf("IEA header: got %q, want unknown", got)
	}
}

func TestParseWorldData(t *testing.T) {
	f := mustParse(t, "worlddata.csv")
	r := f.Release
	if r.Source.ID != "usgs-mcs-2025" || r.Source.DOI != "10.5066/P13XCP3R" {
		t.Fatalf("source: got %+v", r.Source)
	}
	tests := []struct {
		name              string
		material, country string
		year              int
		stage             orewatch.Stage
		want              orewatch.Figure
	}{
		{"ChinaRareEarths2023", "rare earths", "CHN", 2023, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare earths", Country: "CHN", CountryName: "China", Year: 2023,
			Stage: orewatch.StageMining, Detail: "Mine production, rare-earth-oxide equivalent", Quantity: ptr(255000),
			Unit: "metric tons", Basis: "rare-earth-oxide equivalent", Note: "Production quota.", SourceID: "usgs-mcs-2025"}},
		{"ChinaRareEarths2024IsEstimated", "rare earths", "CHN", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare earths", Country: "CHN", CountryName: "China", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production, rare-earth-oxide equivalent", Quantity: ptr(270000),
			Unit: "metric tons", Basis: "rare-earth-oxide equivalent", Estimated: true, Note: "Production quota.", SourceID: "usgs-mcs-2025"}},
		{"WorldTotal", "rare earths", "WLD", 2023, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare earths", Country: "WLD", CountryName: "World total (rounded)", Year: 2023,
			Stage: orewatch.StageMining, Detail: "Mine production, rare-earth-oxide equivalent", Quantity: ptr(376000),
			Unit: "metric tons", Basis: "rare-earth-oxide equivalent", SourceID: "usgs-mcs-2025"}},
		{"WorldReservesLowerBound", "rare earths", "WLD", 2024, orewatch.StageReserves, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare earths", Country: "WLD", CountryName: "World total (rounded)", Year: 2024,
			Stage: orewatch.StageReserves, Detail: "Reserves", Quantity: ptr(90000000), LowerBound: true,
			Unit: "metric tons", SourceID: "usgs-mcs-2025"}},
		{"StraySpaces", "rare earths", "CAN", 2024, orewatch.StageReserves, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare earths", Country: "CAN", CountryName: "Canada", Year: 2024,
			Stage: orewatch.StageReserves, Detail: "Reserves", Quantity: ptr(830000), Unit: "metric tons", SourceID: "usgs-mcs-2025"}},
		{"WithheldFromNote", "lithium", "USA", 2023, orewatch.StageMining, orewatch.Figure{
			Material: "lithium", Commodity: "Lithium", Country: "USA", CountryName: "United States", Year: 2023,
			Stage: orewatch.StageMining, Detail: "Mine production, lithium content", Withheld: true,
			Unit: "metric tons", Basis: "lithium content", SourceID: "usgs-mcs-2025"}},
		{"EstimatedFor2023", "lithium", "BRA", 2023, orewatch.StageMining, orewatch.Figure{
			Material: "lithium", Commodity: "Lithium", Country: "BRA", CountryName: "Brazil", Year: 2023,
			Stage: orewatch.StageMining, Detail: "Mine production, lithium content", Quantity: ptr(5260), Estimated: true,
			Unit: "metric tons", Basis: "lithium content", SourceID: "usgs-mcs-2025"}},
		{"EstimatedInTypeAndSeparators", "cobalt", "COD", 2023, orewatch.StageMining, orewatch.Figure{
			Material: "cobalt", Commodity: "Cobalt", Country: "COD", CountryName: "Congo (Kinshasa)", Year: 2023,
			Stage: orewatch.StageMining, Detail: "Mine production, cobalt content", Quantity: ptr(175000), Estimated: true,
			Unit: "metric tons", Basis: "cobalt content", SourceID: "usgs-mcs-2025"}},
		{"PrimaryProductionIsRefining", "gallium", "CHN", 2023, orewatch.StageRefining, orewatch.Figure{
			Material: "gallium", Commodity: "Gallium", Country: "CHN", CountryName: "China", Year: 2023,
			Stage: orewatch.StageRefining, Detail: "Primary production", Quantity: ptr(621000),
			Unit: "kilograms", SourceID: "usgs-mcs-2025"}},
		{"FootnoteAfterWorld", "gallium", "WLD", 2024, orewatch.StageCapacity, orewatch.Figure{
			Material: "gallium", Commodity: "Gallium", Country: "WLD", CountryName: "World total (rounded) 10", Year: 2024,
			Stage: orewatch.StageCapacity, Detail: "Capacity: Primary production", Quantity: ptr(1100000), Estimated: true,
			Unit: "kilograms", SourceID: "usgs-mcs-2025"}},
		{"SmelterIsRefining", "magnesium metal", "CHN", 2024, orewatch.StageRefining, orewatch.Figure{
			Material: "magnesium metal", Commodity: "Magnesium metal", Country: "CHN", CountryName: "China", Year: 2024,
			Stage: orewatch.StageRefining, Detail: "Magnesium smelter production", Quantity: ptr(950), Estimated: true,
			Unit: "thousand metric tons", Note: "reported", SourceID: "usgs-mcs-2025"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := one(t, r, tt.material, tt.country, tt.year, tt.stage)
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Fatalf("figure (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("ReservesOfTwoSeries", func(t *testing.T) {
		got := map[string]string{}
		for _, f := range find(r, "iron ore", "BRA", 2024, orewatch.StageReserves) {
			got[f.Detail] = f.Unit
		}
		want := map[string]string{"Reserves: usable ore": "million metric tons", "Reserves: iron content": "million metric tons"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("iron ore reserves (-want +got):\n%s", diff)
		}
	})
	t.Run("NothingForBlanks", func(t *testing.T) {
		if fs := find(r, "rare earths", "CAN", 2023, orewatch.StageMining); len(fs) != 0 {
			t.Fatalf("blank cell became %d figures", len(fs))
		}
		for _, f := range r.Figures {
			if f.Quantity != nil && *f.Quantity == 0 {
				t.Errorf("a zero figure: %+v", f)
			}
		}
	})
	t.Run("AggregateSkipped", func(t *testing.T) {
		if n := f.Skipped["aggregate row (Other Countries)"]; n != 2 {
			t.Fatalf("skipped Other Countries cells: got %d, want 2 (%v)", n, f.Skipped)
		}
	})
}

func TestParseCommodities(t *testing.T) {
	f := mustParse(t, "commodities.csv")
	r := f.Release
	if r.Source.ID != "usgs-mcs-2026" || r.Source.DOI != "10.5066/P1WKQ63T" {
		t.Fatalf("source: got %+v", r.Source)
	}
	reo := "rare-earth-oxide (REO) equivalent"
	tests := []struct {
		name              string
		material, country string
		year              int
		stage             orewatch.Stage
		want              orewatch.Figure
	}{
		{"China", "rare earths", "CHN", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "CHN", CountryName: "China", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Quantity: ptr(270000), Unit: "metric tons",
			Basis: reo, Estimated: true, Note: "Production quota.", SourceID: "usgs-mcs-2026"}},
		{"Reported", "rare earths", "USA", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "USA", CountryName: "United States", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Quantity: ptr(45500), Unit: "metric tons",
			Basis: reo, Note: "Reported.", SourceID: "usgs-mcs-2026"}},
		{"RevisedByChapterNote", "rare earths", "AUS", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "AUS", CountryName: "Australia", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Quantity: ptr(29000), Unit: "metric tons",
			Basis: reo, Estimated: true, Revised: true, SourceID: "usgs-mcs-2026"}},
		{"WorldRoundedDetailMatchesCountries", "rare earths", "WLD", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "WLD", CountryName: "World total", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Quantity: ptr(380000), Unit: "metric tons",
			Basis: reo, Estimated: true, Note: "Rounded.", SourceID: "usgs-mcs-2026"}},
		{"RevisedReserves", "rare earths", "AUS", 2025, orewatch.StageReserves, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "AUS", CountryName: "Australia", Year: 2025,
			Stage: orewatch.StageReserves, Detail: "Reserves", Quantity: ptr(6300000), Unit: "metric tons",
			Basis: reo, Revised: true, Note: "See the appendix for definitions.", SourceID: "usgs-mcs-2026"}},
		{"WorldReservesLowerBound", "rare earths", "WLD", 2025, orewatch.StageReserves, orewatch.Figure{
			Material: "rare earths", Commodity: "Rare Earths", Country: "WLD", CountryName: "World total", Year: 2025,
			Stage: orewatch.StageReserves, Detail: "Reserves", Quantity: ptr(85000000), LowerBound: true, Unit: "metric tons",
			Basis: reo, Note: "See the appendix for definitions. -- Rounded.", SourceID: "usgs-mcs-2026"}},
		{"Withheld", "lithium", "USA", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "lithium", Commodity: "Lithium", Country: "USA", CountryName: "United States", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Withheld: true, Unit: "metric tons",
			Basis: "lithium content", SourceID: "usgs-mcs-2026"}},
		{"SectionBasisForProduction", "manganese", "AUS", 2024, orewatch.StageMining, orewatch.Figure{
			Material: "manganese", Commodity: "Manganese", Country: "AUS", CountryName: "Australia", Year: 2024,
			Stage: orewatch.StageMining, Detail: "Mine production", Quantity: ptr(1600), Unit: "thousand metric tons",
			Basis: "manganese content", Estimated: true, SourceID: "usgs-mcs-2026"}},
		{"ChapterBasisForReserves", "manganese", "AUS", 2025, orewatch.StageReserves, orewatch.Figure{
			Material: "manganese", Commodity: "Manganese", Country: "AUS", CountryName: "Australia", Year: 2025,
			Stage: orewatch.StageReserves, Detail: "Reserves", Quantity: ptr(580000), Unit: "thousand metric tons",
			Basis: "gross weight", Note: "See the appendix for definitions.", SourceID: "usgs-mcs-2026"}},
		{"RefineryFromDetail", "tellurium", "SWE", 2024, orewatch.StageRefining, orewatch.Figure{
			Material: "tellurium", Commodity: "Tellurium", Country: "SWE", CountryName: "Sweden", Year: 2024,
			Stage: orewatch.StageRefining, Detail: "Refinery production: concentrate", Quantity: ptr(46), Unit: "metric tons",
			Basis: "tellurium content", SourceID: "usgs-mcs-2026"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := one(t, r, tt.material, tt.country, tt.year, tt.stage)
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Fatalf("figure (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("NoFigureForBlanks", func(t *testing.T) {
		for _, tt := range []struct{ material, country string }{
			{"rare earths", "CAN"}, {"rare earths", "MMR"}, {"bromine", "ISR"}, {"boron", "WLD"}, {"natural graphite", "USA"},
		} {
			for _, fig := range r.Figures {
				if fig.Material == tt.material && fig.Country == tt.country {
					t.Errorf("%s %s: a figure for a blank cell: %+v", tt.material, tt.country, fig)
				}
			}
		}
		want := map[string]int{
			"dash (zero or negligible)":       1,
			"NA (not available)":              1,
			"qualitative (Large)":             1,
			"XX (not applicable)":             1,
			"s (less than half a unit)":       1,
			"aggregate row (Other countries)": 1,
			"US salient statistic":            1,
		}
		for reason, n := range want {
			if f.Skipped[reason] != n {
				t.Errorf("skipped %q: got %d, want %d (all: %v)", reason, f.Skipped[reason], n, f.Skipped)
			}
		}
	})

	t.Run("ImportReliance", func(t *testing.T) {
		got := map[string]*orewatch.ImportReliance{}
		for _, ir := range r.ImportReliance {
			got[ir.Material+"/"+strconv.Itoa(ir.Year)+"/"+ir.Basis] = ir
		}
		compounds := got["rare earths/2024/apparent consumption: Compounds and metals"]
		want := &orewatch.ImportReliance{
			Material: "rare earths", Commodity: "Rare Earths", Year: 2024, Value: "53", Percent: ptr(53),
			Basis: "apparent consumption: Compounds and metals", Period: "2021–24", Product: "Rare-earth compounds and metals",
			Sources: []orewatch.ImportShare{
				{Country: "CHN", CountryName: "China", Percent: ptr(71)},
				{Country: "MYS", CountryName: "Malaysia", Percent: ptr(13)},
				{Country: "JPN", CountryName: "Japan", Percent: ptr(5)},
				{Country: "EST", CountryName: "Estonia", Percent: ptr(5)},
				{Country: "", CountryName: "Other countries", Percent: ptr(6)},
			},
			SourceID: "usgs-mcs-2026",
		}
		if diff := cmp.Diff(want, compounds); diff != "" {
			t.Fatalf("rare earths 2024 (-want +got):\n%s", diff)
		}
		conc := got["rare earths/2024/apparent consumption: Mineral concentrates"]
		if conc == nil || conc.Value != "E" || conc.Percent != nil || len(conc.Sources) != 0 {
			t.Fatalf("concentrates: got %+v, want E (net exporter) without the compounds' import sources", conc)
		}
		if lb := got["rare earths/2023/apparent consumption: Compounds and metals"]; lb == nil || lb.Value != ">90" || lb.Percent != nil {
			t.Fatalf("2023: got %+v, want >90 as printed, no percent", lb)
		}
		// Two tables worded alike: which value is which cannot be told.
		for _, ir := range r.ImportReliance {
			if ir.Commodity == "Mica (Natural)" {
				t.Errorf("mica: got %+v, want neither of two rows worded alike", ir)
			}
		}
		if n := f.Skipped["net import reliance worded alike for two tables of one chapter (Mica (Natural))"]; n != 2 {
			t.Errorf("mica rows skipped: got %d, want 2", n)
		}
		// Two categories, no total, none named: the file alone cannot tell.
		if ni := got["nickel/2025/total apparent consumption"]; ni == nil || len(ni.Sources) != 0 {
			t.Fatalf("nickel alone: got %+v, want no import sources", ni)
		}
	})
}

func TestParseFig2(t *testing.T) {
	f := mustParse(t, "fig2_2025.csv")
	want := []*orewatch.ImportReliance{
		{Material: "rare earths", Commodity: "RARE EARTHS, compounds and metals", Year: 2024, Value: "80", Percent: ptr(80),
			Product: "compounds and metals", Period: "2020–23", SourceID: "usgs-mcs-2025",
			Sources: []orewatch.ImportShare{{Country: "CHN", CountryName: "China"}, {Country: "MYS", CountryName: "Malaysia"},
				{Country: "JPN", CountryName: "Japan"}, {Country: "EST", CountryName: "Estonia"}}},
		{Material: "industrial garnet", Commodity: "GARNET (INDUSTRIAL)", Year: 2024, Value: "48", Percent: ptr(48),
			Period: "2020–23", SourceID: "usgs-mcs-2025",
			Sources: []orewatch.ImportShare{{Country: "ZAF", CountryName: "South Africa"}, {Country: "AUS", CountryName: "Australia"},
				{Country: "IND", CountryName: "India"}, {Country: "CHN", CountryName: "China3"}}},
		{Material: "lithium", Commodity: "LITHIUM", Year: 2024, Value: ">50", Period: "2020–23", SourceID: "usgs-mcs-2025",
			Sources: []orewatch.ImportShare{{Country: "CHL", CountryName: "Chile"}, {Country: "ARG", CountryName: "Argentina"}}},
	}
	got := f.Release.ImportReliance
	// The catalogue names garnet as it likes; compare with its name.
	if len(got) == 3 {
		want[1].Material = got[1].Material
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestMerge(t *testing.T) {
	com := mustParse(t, "commodities.csv")
	fig2 := mustParse(t, "fig2_2026.csv")
	rs, err := usgs.Merge(com, fig2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Source.ID != "usgs-mcs-2026" {
		t.Fatalf("got %d releases, want one for usgs-mcs-2026", len(rs))
	}
	r := rs[0]
	if err := orewatch.ValidateRelease(r); err != nil {
		t.Fatal(err)
	}
	var ree2025, xenon, nickel []*orewatch.ImportReliance
	for _, ir := range r.ImportReliance {
		switch {
		case ir.Material == "rare earths" && ir.Year == 2025:
			ree2025 = append(ree2025, ir)
		case ir.Material == "xenon":
			xenon = append(xenon, ir)
		case ir.Material == "nickel":
			nickel = append(nickel, ir)
		}
	}
	if len(ree2025) != 1 || ree2025[0].Value != "67" {
		t.Errorf("rare earths 2025 only in Figure 2: got %+v, want the Figure 2 row (67)", ree2025)
	}
	if len(xenon) != 1 || len(xenon[0].Sources) != 0 || xenon[0].Value != "98" {
		t.Errorf("xenon: got %+v, want 98 with no sources (NA)", xenon)
	}
	if len(nickel) != 1 {
		t.Fatalf("nickel: got %d rows, want the commodities file's only (Figure 2 repeats 2025)", len(nickel))
	}
	if nickel[0].Product != "Primary nickel" || len(nickel[0].Sources) != 5 || nickel[0].Sources[0].Country != "CAN" {
		t.Errorf("nickel: got product %q sources %+v, want Primary nickel (Figure 2 ranks Canada, Norway, Australia, Brazil)", nickel[0].Product, nickel[0].Sources)
	}
	if len(r.Figures) != len(com.Release.Figures) {
		t.Errorf("figures: got %d, want %d", len(r.Figures), len(com.Release.Figures))
	}
}

// TestUnsettled checks that a commodities file merged without its Figure 2
// table reports the rows it could not settle, and with it none.
func TestUnsettled(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string // materials of the unsettled rows
	}{
		{"CommoditiesAlone", []string{"commodities.csv"}, []string{"nickel"}},
		{"WithFigure2", []string{"commodities.csv", "fig2_2026.csv"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fs []*usgs.File
			for _, name := range tc.files {
				fs = append(fs, mustParse(t, name))
			}
			if _, err := usgs.Merge(fs...); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				for _, ir := range f.Unsettled() {
					if len(ir.Sources) != 0 {
						t.Errorf("%s %d: unsettled but has sources %+v", ir.Material, ir.Year, ir.Sources)
					}
					got = append(got, ir.Material)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("unsettled materials (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeConflict(t *testing.T) {
	a := mustParse(t, "worlddata.csv")
	changed := bytes.Replace(mustRead(t, "worlddata.csv"), []byte("255000,270000"), []byte("255001,270000"), 1)
	b, err := usgs.ParseBytes("corrected.csv", changed, catalog.New())
	if err != nil {
		t.Fatal(err)
	}
	_, err = usgs.Merge(a, b)
	if orewatch.ErrorCode(err) != orewatch.EINVALID || !strings.Contains(err.Error(), "different values") {
		t.Fatalf("got %v, want EINVALID naming different values", err)
	}
}

func TestWindows1252(t *testing.T) {
	utf := mustRead(t, "commodities.csv")
	// Encode as USGS publishes: Windows-1252 em dash, en dash and right quote.
	cp := strings.NewReplacer("—", "\x97", "–", "\x96", "’", "\x92").Replace(string(utf))
	if bytes.Equal([]byte(cp), utf) {
		t.Fatal("fixture has no characters to encode")
	}
	a, err := usgs.ParseBytes("utf8.csv", utf, catalog.New())
	if err != nil {
		t.Fatal(err)
	}
	b, err := usgs.ParseBytes("cp1252.csv", []byte(cp), catalog.New())
	if err != nil {
		t.Fatalf("Windows-1252 file: %v", err)
	}
	if diff := cmp.Diff(a.Release, b.Release); diff != "" {
		t.Fatalf("Windows-1252 parse differs (-utf8 +cp1252):\n%s", diff)
	}
}

func TestMalformed(t *testing.T) {
	world := string(mustRead(t, "worlddata.csv"))
	com := string(mustRead(t, "commodities.csv"))
	fig2 := string(mustRead(t, "fig2_2025.csv"))
	tests := []struct {
		name, input, want string
	}{
		{"Empty", "", "bad.csv: empty file"},
		{"UnknownHeader", "a,b,c\n1,2,3\n", "bad.csv:1:1: not a USGS"},
		{"BadNumber", strings.Replace(world, "41600,45000", "41600,45x00", 1), "bad.csv:2:"},
		{"BadSeparators", strings.Replace(world, `"175,000"`, `"17,5000"`, 1), "misplaced thousands separator"},
		{"FieldCount", strings.Replace(world, ",1900000,", ",1900000,,", 1), "bad.csv:2:"},
		{"BareQuote", strings.Replace(world, "Production quota.", `Production "quota.`, 1), "bad.csv:5:"},
		{"MixedEditions", strings.Replace(world, "MCS2025,Lithium", "MCS2024,Lithium", 1), "differs from the file's MCS2025"},
		{"BadEdition", strings.Replace(world, "MCS2025,Cobalt", "XX,Cobalt", 1), "unrecognised edition"},
		{"CommoditiesBadYear", strings.Replace(com, "metric tons,2024,W", "metric tons,20x4,W", 1), "column Year: bad year"},
		{"CommoditiesBadValue", strings.Replace(com, `"13,800"`, `"13.8.00"`, 1), "column Value"},
		{"CommoditiesBadReliance", strings.Replace(com, "percent,2024,53", "percent,2024,5x3", 1), "bad net import reliance"},
		{"CommoditiesMissingColumn", strings.Replace(com, ",Notes,", ",Remarks,", 1), "bad.csv:1:1: missing column NOTES"},
		{"Fig2BadValue", strings.Replace(fig2, ",80,", ",8o,", 1), "bad.csv:2:"},
		{"Fig2NoReliance", strings.Replace(fig2, "Net_Import_Reliance_pct_2024", "NIR", 1), "missing column Net_Import_Reliance_pct_yyyy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := usgs.ParseBytes("bad.csv", []byte(tt.input), catalog.New())
			if err == nil {
				t.Fatalf("got %d figures and no error, want an error containing %q", len(f.Release.Figures), tt.want)
			}
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.EINVALID {
				t.Fatalf("got %T %v, want an EINVALID *orewatch.Error", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestErrorPosition checks that the line and column point at the bad cell.
func TestErrorPosition(t *testing.T) {
	world := string(mustRead(t, "worlddata.csv"))
	bad := strings.Replace(world, "MCS2025,Lithium ,Brazil,\"Mine production, lithium content\",metric tons,5260,", "MCS2025,Lithium ,Brazil,\"Mine production, lithium content\",metric tons,52a60,", 1)
	_, err := usgs.ParseBytes("w.csv", []byte(bad), catalog.New())
	// Line 9; the value starts after 6 fields.
	col := len("MCS2025,Lithium ,Brazil,\"Mine production, lithium content\",metric tons,") + 1
	want := "w.csv:9:" + strconv.Itoa(col) + ": column PROD_2023: bad number \"52a60\""
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}
