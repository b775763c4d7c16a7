package orewatch_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
)

func q(v float64) *float64 { return &v }

// fig builds a test figure of material "m".
func fig(src, country string, year int, stage orewatch.Stage, detail string, quantity *float64) *orewatch.Figure {
	return &orewatch.Figure{Material: "m", Country: country, CountryName: country, Year: year, Stage: stage,
		Detail: detail, Quantity: quantity, Unit: "t", SourceID: src}
}

var testSources = []*orewatch.Source{
	{ID: "old", Title: "Old edition", Year: 2025},
	{ID: "new", Title: "New edition", Year: 2026},
	{ID: "iea", Title: "Other publisher", Year: 2025},
}

// summary prints a report compactly: one line per table, rows as
// COUNTRY=QUANTITY@SHARE.
func summary(rep *orewatch.ProductionReport) []string {
	var out []string
	for _, t := range rep.Tables {
		s := string(t.Stage) + " " + itoa(t.Year) + " " + t.Source.ID + " [" + t.Detail + "]"
		if t.World != nil {
			s += " world=" + num(t.World.Quantity)
		}
		for _, r := range t.Rows {
			s += " " + r.Country + "=" + num(r.Quantity)
			if r.Share != nil {
				s += "@" + strconv.FormatFloat(*r.Share, 'f', -1, 64)
			}
		}
		out = append(out, s)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func num(p *float64) string {
	if p == nil {
		return "nil"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func TestNewProductionReport(t *testing.T) {
	mining, refining := orewatch.StageMining, orewatch.StageRefining
	base := []*orewatch.Figure{
		// The old edition: 2023, and a preliminary 2024 that the new one revises.
		fig("old", "AAA", 2023, mining, "Mine production", q(60)),
		fig("old", "BBB", 2023, mining, "Mine production", q(20)),
		fig("old", "WLD", 2023, mining, "Mine production", q(100)),
		fig("old", "AAA", 2024, mining, "Mine production", q(70)),
		fig("old", "WLD", 2024, mining, "Mine production", q(110)),
		// The new edition: 2024 revised and 2025, worded differently.
		fig("new", "AAA", 2024, mining, "Mine", q(75)),
		fig("new", "BBB", 2024, mining, "Mine", nil),
		fig("new", "CCC", 2024, mining, "Mine", q(25)),
		fig("new", "WLD", 2024, mining, "Mine", q(125)),
		fig("new", "AAA", 2025, mining, "Mine", q(80)),
		fig("new", "WLD", 2025, mining, "Mine", q(160)),
		// Another publisher's refining, 2024 only.
		fig("iea", "AAA", 2024, refining, "Refining", q(9)),
		fig("iea", "WLD", 2024, refining, "Refining", q(10)),
		// Reserves are not shown unless asked.
		fig("new", "AAA", 2025, orewatch.StageReserves, "Reserves", q(1000)),
	}
	base[6].Withheld = true

	tests := []struct {
		name  string
		figs  []*orewatch.Figure
		query orewatch.ProductionQuery
		want  []string
		notes []string
	}{
		{"NewestSourceForTheYear", base, orewatch.ProductionQuery{Material: "m", Year: 2024, Stages: []orewatch.Stage{mining}},
			[]string{"mining 2024 new [Mine] world=125 AAA=75@0.6 CCC=25@0.2 BBB=nil"}, nil},
		{"OlderYearFromOlderSource", base, orewatch.ProductionQuery{Material: "m", Year: 2023, Stages: []orewatch.Stage{mining}},
			[]string{"mining 2023 old [Mine production] world=100 AAA=60@0.6 BBB=20@0.2"}, nil},
		{"LatestYearPerStage", base, orewatch.ProductionQuery{Material: "m"},
			[]string{"mining 2025 new [Mine] world=160 AAA=80@0.5", "refining 2024 iea [Refining] world=10 AAA=9@0.9"}, nil},
		{"Country", base, orewatch.ProductionQuery{Material: "m", Year: 2024, Country: "CCC"},
			[]string{"mining 2024 new [Mine] world=125 CCC=25@0.2", "refining 2024 iea [Refining] world=10"}, nil},
		{"ReservesWhenAsked", base, orewatch.ProductionQuery{Material: "m", Stages: []orewatch.Stage{orewatch.StageReserves}},
			[]string{"reserves 2025 new [Reserves] AAA=1000"}, nil},
		{"NoSuchYear", base, orewatch.ProductionQuery{Material: "m", Year: 2019, Stages: []orewatch.Stage{mining}},
			nil, []string{"no mining figures for 2019", "no production figures for m"}},
		{"TwoSeries", []*orewatch.Figure{
			fig("new", "AAA", 2024, mining, "Usable ore", q(10)),
			fig("new", "AAA", 2024, mining, "Iron content", q(6)),
			fig("new", "WLD", 2024, mining, "Usable ore", q(20)),
			fig("new", "WLD", 2024, mining, "Iron content", q(12)),
		}, orewatch.ProductionQuery{Material: "m"},
			[]string{"mining 2024 new [Usable ore] world=20 AAA=10@0.5", "mining 2024 new [Iron content] world=12 AAA=6@0.5"}, nil},
		{"OneSeriesWordedDifferently", []*orewatch.Figure{
			fig("new", "AAA", 2024, refining, "Refinery production", q(30)),
			fig("new", "SWE", 2024, refining, "Refinery production: concentrate", q(10)),
			fig("new", "WLD", 2024, refining, "Refinery production", q(50)),
		}, orewatch.ProductionQuery{Material: "m"},
			[]string{"refining 2024 new [Refinery production] world=50 AAA=30@0.6 SWE=10@0.2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := orewatch.NewProductionReport(tt.figs, testSources, tt.query)
			if diff := cmp.Diff(tt.want, summary(rep)); diff != "" {
				t.Errorf("tables (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notes, rep.Notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("RowDetailAndFlags", func(t *testing.T) {
		rep := orewatch.NewProductionReport(tests[7].figs, testSources, orewatch.ProductionQuery{Material: "m"})
		rows := rep.Tables[0].Rows
		if rows[0].Detail != "" || rows[1].Detail != "Refinery production: concentrate" {
			t.Fatalf("row details: got %q, %q", rows[0].Detail, rows[1].Detail)
		}
		if w := rep.Tables[0].World; w.Share == nil || *w.Share != 1 {
			t.Fatalf("world share: got %v, want 1", w.Share)
		}
		rep = orewatch.NewProductionReport(base, testSources, orewatch.ProductionQuery{Material: "m", Year: 2024, Stages: []orewatch.Stage{mining}})
		last := rep.Tables[0].Rows[2]
		if !last.Withheld || last.Quantity != nil || last.Share != nil {
			t.Fatalf("withheld row: got %+v", last)
		}
		if rep.Tables[0].Source.Title != "New edition" {
			t.Fatalf("source record: got %+v", rep.Tables[0].Source)
		}
	})

	t.Run("NoWorldTotal", func(t *testing.T) {
		rep := orewatch.NewProductionReport([]*orewatch.Figure{fig("new", "AAA", 2024, mining, "Mine", q(5))}, testSources, orewatch.ProductionQuery{Material: "m"})
		tab := rep.Tables[0]
		if tab.World != nil || tab.Rows[0].Share != nil || len(tab.Notes) != 1 {
			t.Fatalf("got world %+v, share %v, notes %v", tab.World, tab.Rows[0].Share, tab.Notes)
		}
	})

	t.Run("UnitsDiffer", func(t *testing.T) {
		a := fig("new", "AAA", 2024, mining, "Mine", q(5))
		a.Unit = "kg"
		rep := orewatch.NewProductionReport([]*orewatch.Figure{a, fig("new", "WLD", 2024, mining, "Mine", q(10))}, testSources, orewatch.ProductionQuery{Material: "m"})
		if s := rep.Tables[0].Rows[0].Share; s != nil {
			t.Fatalf("share across units: got %v, want none", *s)
		}
	})
}

func TestProductionQueryResolve(t *testing.T) {
	cat := catalog.New()
	tests := []struct {
		name    string
		query   orewatch.ProductionQuery
		want    orewatch.ProductionQuery
		code    string
		suggest string
	}{
		{"Alias", orewatch.ProductionQuery{Material: "REE", Country: "china"}, orewatch.ProductionQuery{Material: "rare earths", Country: "CHN"}, "", ""},
		{"World", orewatch.ProductionQuery{Material: "lithium", Country: "world"}, orewatch.ProductionQuery{Material: "lithium", Country: "WLD"}, "", ""},
		{"UnknownMaterial", orewatch.ProductionQuery{Material: "dysprosum"}, orewatch.ProductionQuery{}, orewatch.ENOTFOUND, "dysprosium"},
		{"UnknownCountry", orewatch.ProductionQuery{Material: "lithium", Country: "Chilee"}, orewatch.ProductionQuery{}, orewatch.ENOTFOUND, "Chile"},
		{"NoMaterial", orewatch.ProductionQuery{}, orewatch.ProductionQuery{}, orewatch.EINVALID, ""},
		{"BadYear", orewatch.ProductionQuery{Material: "lithium", Year: 24}, orewatch.ProductionQuery{}, orewatch.EINVALID, ""},
		{"BadStage", orewatch.ProductionQuery{Material: "lithium", Stages: []orewatch.Stage{"smelting"}}, orewatch.ProductionQuery{}, orewatch.EINVALID, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.query
			err := q.Resolve(cat)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, q); diff != "" {
					t.Fatalf("(-want +got):\n%s", diff)
				}
				return
			}
			if got := orewatch.ErrorCode(err); got != tt.code {
				t.Fatalf("got %v (%s), want code %s", err, got, tt.code)
			}
			if tt.suggest != "" && !strings.Contains(err.Error(), tt.suggest) {
				t.Fatalf("got %q, want a suggestion of %q", err, tt.suggest)
			}
		})
	}
}

func TestNewFigureCoverage(t *testing.T) {
	figs := []*orewatch.Figure{
		fig("old", "AAA", 2023, orewatch.StageMining, "", q(1)),
		fig("old", "WLD", 2023, orewatch.StageMining, "", q(1)),
		fig("new", "AAA", 2024, orewatch.StageMining, "", q(1)),
		fig("new", "BBB", 2025, orewatch.StageMining, "", q(1)),
		fig("new", "AAA", 2025, orewatch.StageReserves, "", q(1)),
	}
	got := orewatch.NewFigureCoverage(figs, testSources)
	want := []orewatch.FigureCoverage{
		{Stage: orewatch.StageMining, Source: "new", Years: []int{2024, 2025}, Countries: 2},
		{Stage: orewatch.StageMining, Source: "old", Years: []int{2023}, Countries: 1, World: true},
		{Stage: orewatch.StageReserves, Source: "new", Years: []int{2025}, Countries: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}
