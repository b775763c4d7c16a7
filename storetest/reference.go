package storetest

import (
	"fmt"
	"testing"

	"orewatch"
)

// The two USGS data releases the reference tests import.
var (
	mcs2025 = orewatch.Source{
		ID: "usgs-mcs-2025", Title: "Mineral Commodity Summaries 2025 data release",
		Publisher: "U.S. Geological Survey", Year: 2025, DOI: "10.5066/P13XCP3R",
		URL: "https://doi.org/10.5066/P13XCP3R", Licence: "public domain",
	}
	mcs2026 = orewatch.Source{
		ID: "usgs-mcs-2026", Title: "Mineral Commodity Summaries 2026 data release",
		Publisher: "U.S. Geological Survey", Year: 2026, DOI: "10.5066/P1WKQ63T",
		URL: "https://doi.org/10.5066/P1WKQ63T", Licence: "public domain",
	}
)

const reoBasis = "rare-earth-oxide equivalent"

// ree is a rare-earth mine production figure in metric tons of REO.
func ree(country, name string, year int, q float64, estimated bool, note string) *orewatch.Figure {
	return &orewatch.Figure{
		Material: "rare earths", Commodity: "Rare earths", Country: country, CountryName: name,
		Year: year, Stage: orewatch.StageMining, Detail: "Mine production, rare-earth-oxide equivalent",
		Quantity: ptr(q), Unit: "metric tons", Basis: reoBasis, Estimated: estimated, Note: note,
	}
}

// release2025 holds MCS 2025 figures: 2023 and the preliminary 2024 values.
func release2025() *orewatch.Release {
	return &orewatch.Release{
		Source: mcs2025,
		Figures: []*orewatch.Figure{
			ree("CHN", "China", 2023, 255000, false, "Production quota; does not include undocumented production."),
			ree("AUS", "Australia", 2023, 16000, true, "Estimated based on reported import data for China."),
			ree("WLD", "World total (rounded)", 2023, 376000, false, ""),
			ree("CHN", "China", 2024, 270000, true, "Production quota; does not include undocumented production."),
			ree("AUS", "Australia", 2024, 13000, true, "Estimated based on reported import data for China."),
			ree("WLD", "World total (rounded)", 2024, 390000, true, ""),
		},
	}
}

// release2026 holds MCS 2026 figures: revised 2024 values, a withheld US
// lithium figure, and US net import reliance on rare earths.
func release2026() *orewatch.Release {
	return &orewatch.Release{
		Source: mcs2026,
		Figures: []*orewatch.Figure{
			ree("CHN", "China", 2024, 270000, true, "Production quota; does not include undocumented production."),
			ree("AUS", "Australia", 2024, 29000, true, ""),
			ree("WLD", "World total (rounded)", 2024, 380000, true, ""),
			ree("USA", "United States", 2024, 45500, false, ""),
			{
				Material: "lithium", Commodity: "Lithium", Country: "USA", CountryName: "United States",
				Year: 2024, Stage: orewatch.StageMining, Detail: "Production", Unit: "metric tons",
				Basis: "lithium content", Withheld: true,
			},
		},
		ImportReliance: []*orewatch.ImportReliance{{
			Material: "rare earths", Commodity: "RARE EARTHS", Year: 2024, Value: "53", Percent: ptr(53.0),
			Basis: "apparent consumption: compounds and metals", Period: "2021-24", Product: "compounds and metals",
			Sources: []orewatch.ImportShare{
				{Country: "CHN", CountryName: "China", Percent: ptr(71.0)},
				{Country: "MYS", CountryName: "Malaysia", Percent: ptr(13.0)},
				{Country: "JPN", CountryName: "Japan", Percent: ptr(5.0)},
				{Country: "EST", CountryName: "Estonia", Percent: ptr(5.0)},
				{Country: "", CountryName: "Other", Percent: ptr(6.0)},
			},
		}, {
			Material: "rare earths", Commodity: "RARE EARTHS", Year: 2023, Value: ">90",
			Basis: "apparent consumption: compounds and metals", Sources: nil,
		}},
	}
}

// withSource returns copies of the figures with SourceID set, as the store
// returns them.
func withSource(id string, figs ...*orewatch.Figure) []*orewatch.Figure {
	out := make([]*orewatch.Figure, len(figs))
	for i, f := range figs {
		c := *f
		c.SourceID = id
		out[i] = &c
	}
	return out
}

func testReference(t *testing.T, open OpenFunc) {
	t.Run("ImportIdempotent", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		res, err := s.ImportRelease(c, release2026())
		must(t, err)
		diff(t, "first import", orewatch.ImportResult{Added: 7}, res)
		res, err = s.ImportRelease(c, release2026())
		must(t, err)
		diff(t, "second import", orewatch.ImportResult{Unchanged: 7}, res)

		r := release2026()
		r.Figures[1].Quantity = ptr(29500.0)                                     // changed value
		r.Figures = append(r.Figures, ree("IND", "India", 2024, 2900, true, "")) // new figure
		r.ImportReliance[0].Sources[4].Percent = nil                             // changed import share
		res, err = s.ImportRelease(c, r)
		must(t, err)
		diff(t, "import of a revised release", orewatch.ImportResult{Added: 1, Updated: 2, Unchanged: 5}, res)
		figs, err := s.FindFigures(c, orewatch.FigureFilter{Material: ptr("rare earths"), Country: ptr("AUS")})
		must(t, err)
		if len(figs) != 1 || figs[0].Quantity == nil || *figs[0].Quantity != 29500 {
			t.Errorf("got %+v, want one Australian figure of 29500", figs)
		}
		all, err := s.FindFigures(c, orewatch.FigureFilter{})
		must(t, err)
		if len(all) != len(r.Figures) {
			t.Errorf("got %d figures stored, want %d: one per identity", len(all), len(r.Figures))
		}
		rel, err := s.FindImportReliance(c, orewatch.ImportRelianceFilter{})
		must(t, err)
		if len(rel) != 2 || rel[1].Sources[4].Percent != nil {
			t.Errorf("got %d import-reliance rows, want 2 with the revised share", len(rel))
		}
	})

	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		r := release2026()
		_, err := s.ImportRelease(c, r)
		must(t, err)
		figs, err := s.FindFigures(c, orewatch.FigureFilter{SourceID: ptr(mcs2026.ID)})
		must(t, err)
		// Ordered by material, year, stage, quantity (largest first, unknown last), country.
		want := withSource(mcs2026.ID, r.Figures[4], r.Figures[2], r.Figures[0], r.Figures[3], r.Figures[1])
		diff(t, "figures", want, figs)

		srcs, err := s.FindSources(c)
		must(t, err)
		diff(t, "sources", []*orewatch.Source{&mcs2026}, srcs)

		rel, err := s.FindImportReliance(c, orewatch.ImportRelianceFilter{Material: ptr("rare earths")})
		must(t, err)
		w0, w1 := *r.ImportReliance[1], *r.ImportReliance[0]
		w0.SourceID, w1.SourceID = mcs2026.ID, mcs2026.ID
		w0.Sources = []orewatch.ImportShare{} // nil lists come back empty
		diff(t, "import reliance", []*orewatch.ImportReliance{&w0, &w1}, rel)
	})

	t.Run("SourceUpserted", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		_, err := s.ImportRelease(c, release2026())
		must(t, err)
		r := release2026()
		r.Source.Note = "Converted from Windows-1252 to UTF-8."
		res, err := s.ImportRelease(c, r)
		must(t, err)
		diff(t, "import", orewatch.ImportResult{Unchanged: 7}, res)
		srcs, err := s.FindSources(c)
		must(t, err)
		diff(t, "sources", []*orewatch.Source{&r.Source}, srcs)
	})

	t.Run("InvalidReleaseImportsNothing", func(t *testing.T) {
		cases := []struct {
			name   string
			modify func(r *orewatch.Release)
		}{
			{"EmptyMaterial", func(r *orewatch.Release) { r.Figures[3].Material = "" }},
			{"EmptyCountry", func(r *orewatch.Release) { r.Figures[2].Country = "" }},
			{"NoYear", func(r *orewatch.Release) { r.Figures[0].Year = 0 }},
			{"UnknownStage", func(r *orewatch.Release) { r.Figures[1].Stage = "smelting" }},
			{"OtherSource", func(r *orewatch.Release) { r.Figures[1].SourceID = mcs2025.ID }},
			{"NoSourceID", func(r *orewatch.Release) { r.Source.ID = "" }},
			{"NoSourceYear", func(r *orewatch.Release) { r.Source.Year = 0 }},
			{"RelianceWithoutMaterial", func(r *orewatch.Release) { r.ImportReliance[1].Material = "" }},
			{"NULInNote", func(r *orewatch.Release) { r.Figures[4].Note = "withheld\x00" }},
			{"InvalidUTF8Country", func(r *orewatch.Release) { r.Figures[0].CountryName = "C\xf4te d'Ivoire" }},
			{"ConflictingDuplicate", func(r *orewatch.Release) {
				d := *r.Figures[0]
				d.Quantity = ptr(1.0)
				r.Figures = append(r.Figures, &d)
			}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				c := ctx(t)
				r := release2026()
				tc.modify(r)
				_, err := s.ImportRelease(c, r)
				wantCode(t, err, orewatch.EINVALID)
				figs, err := s.FindFigures(c, orewatch.FigureFilter{})
				must(t, err)
				if len(figs) != 0 {
					t.Errorf("got %d figures stored, want none", len(figs))
				}
				srcs, err := s.FindSources(c)
				must(t, err)
				if len(srcs) != 0 {
					t.Errorf("got %d sources stored, want none", len(srcs))
				}
				rel, err := s.FindImportReliance(c, orewatch.ImportRelianceFilter{})
				must(t, err)
				if len(rel) != 0 {
					t.Errorf("got %d import-reliance rows stored, want none", len(rel))
				}
			})
		}
	})

	t.Run("IdenticalDuplicateInRelease", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		r := release2026()
		d := *r.Figures[0]
		r.Figures = append(r.Figures, &d)
		res, err := s.ImportRelease(c, r)
		must(t, err)
		diff(t, "import", orewatch.ImportResult{Added: 7, Unchanged: 1}, res)
	})

	t.Run("Latest", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		// Import the newer release first: the choice must follow Source.Year,
		// not the import order.
		_, err := s.ImportRelease(c, release2026())
		must(t, err)
		_, err = s.ImportRelease(c, release2025())
		must(t, err)

		q := func(year int, latest bool) string {
			figs, err := s.FindFigures(c, orewatch.FigureFilter{Material: ptr("rare earths"), Year: ptr(year), Latest: latest})
			must(t, err)
			return summarize(figs)
		}
		cases := []struct {
			name   string
			year   int
			latest bool
			want   string
		}{
			{"2024Latest", 2024, true, "WLD 380000 usgs-mcs-2026; CHN 270000 usgs-mcs-2026; USA 45500 usgs-mcs-2026; AUS 29000 usgs-mcs-2026"},
			{"2023Latest", 2023, true, "WLD 376000 usgs-mcs-2025; CHN 255000 usgs-mcs-2025; AUS 16000 usgs-mcs-2025"},
			{"2024All", 2024, false, "WLD 390000 usgs-mcs-2025; WLD 380000 usgs-mcs-2026; CHN 270000 usgs-mcs-2026; CHN 270000 usgs-mcs-2025; USA 45500 usgs-mcs-2026; AUS 29000 usgs-mcs-2026; AUS 13000 usgs-mcs-2025"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				if got := q(tc.year, tc.latest); got != tc.want {
					t.Errorf("got %s\nwant %s", got, tc.want)
				}
			})
		}

		t.Run("SourceFilterFirst", func(t *testing.T) {
			figs, err := s.FindFigures(c, orewatch.FigureFilter{Year: ptr(2024), SourceID: ptr(mcs2025.ID), Latest: true})
			must(t, err)
			if got, want := summarize(figs), "WLD 390000 usgs-mcs-2025; CHN 270000 usgs-mcs-2025; AUS 13000 usgs-mcs-2025"; got != want {
				t.Errorf("got %s\nwant %s", got, want)
			}
		})

		t.Run("Filters", func(t *testing.T) {
			cases := []struct {
				name string
				f    orewatch.FigureFilter
				want string
			}{
				{"Country", orewatch.FigureFilter{Country: ptr("CHN"), Latest: true}, "CHN 255000 usgs-mcs-2025; CHN 270000 usgs-mcs-2026"},
				{"Stage", orewatch.FigureFilter{Stage: ptr(orewatch.StageMining), Material: ptr("lithium")}, "USA - usgs-mcs-2026"},
				{"NoMatch", orewatch.FigureFilter{Stage: ptr(orewatch.StageRefining)}, ""},
				{"UnknownMaterial", orewatch.FigureFilter{Material: ptr("unobtainium")}, ""},
				{"NULInFilter", orewatch.FigureFilter{Material: ptr("rare earths\x00")}, ""},
				{"InvalidUTF8Filter", orewatch.FigureFilter{Country: ptr("\xffCHN")}, ""},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					figs, err := s.FindFigures(c, tc.f)
					must(t, err)
					if got := summarize(figs); got != tc.want {
						t.Errorf("got %q, want %q", got, tc.want)
					}
				})
			}
		})

		t.Run("SameYearSourcesByID", func(t *testing.T) {
			// A second source of the same year wins over the first by id.
			r := release2026()
			r.Source.ID, r.Source.Title = "usgs-mcs-2026-rev", "Mineral Commodity Summaries 2026 data release, revised copy"
			r.Figures = []*orewatch.Figure{ree("AUS", "Australia", 2024, 29000, false, "")}
			r.ImportReliance = nil
			_, err := s.ImportRelease(c, r)
			must(t, err)
			figs, err := s.FindFigures(c, orewatch.FigureFilter{Country: ptr("AUS"), Year: ptr(2024), Latest: true})
			must(t, err)
			if got, want := summarize(figs), "AUS 29000 usgs-mcs-2026-rev"; got != want {
				t.Errorf("got %s, want %s", got, want)
			}
		})

		t.Run("ImportRelianceLatest", func(t *testing.T) {
			old := &orewatch.Release{Source: mcs2025, ImportReliance: []*orewatch.ImportReliance{{
				Material: "rare earths", Commodity: "RARE EARTHS", Year: 2024, Value: "80", Percent: ptr(80.0),
				Basis: "apparent consumption: compounds and metals",
			}}}
			_, err := s.ImportRelease(c, old)
			must(t, err)
			all, err := s.FindImportReliance(c, orewatch.ImportRelianceFilter{Year: ptr(2024)})
			must(t, err)
			latest, err := s.FindImportReliance(c, orewatch.ImportRelianceFilter{Year: ptr(2024), Latest: true})
			must(t, err)
			if got, want := relianceSummary(all), "2024 53 usgs-mcs-2026; 2024 80 usgs-mcs-2025"; got != want {
				t.Errorf("all: got %s, want %s", got, want)
			}
			if got, want := relianceSummary(latest), "2024 53 usgs-mcs-2026"; got != want {
				t.Errorf("latest: got %s, want %s", got, want)
			}
		})
	})
}

// summarize lists figures as "COUNTRY QUANTITY SOURCE; ..." in order.
func summarize(figs []*orewatch.Figure) string {
	out := ""
	for i, f := range figs {
		if i > 0 {
			out += "; "
		}
		q := "-"
		if f.Quantity != nil {
			q = fmt.Sprintf("%g", *f.Quantity)
		}
		out += fmt.Sprintf("%s %s %s", f.Country, q, f.SourceID)
	}
	return out
}

func relianceSummary(rs []*orewatch.ImportReliance) string {
	out := ""
	for i, r := range rs {
		if i > 0 {
			out += "; "
		}
		out += fmt.Sprintf("%d %s %s", r.Year, r.Value, r.SourceID)
	}
	return out
}
