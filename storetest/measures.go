package storetest

import (
	"strconv"
	"testing"
	"time"

	"orewatch"
)

// Knowledge times of the three versions the bitemporal tests record.
var (
	t1 = time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)
	t2 = time.Date(2026, 2, 3, 14, 30, 0, 123456000, time.UTC)
	t3 = time.Date(2026, 3, 1, 8, 15, 0, 0, time.FixedZone("CST", 8*3600)) // not UTC on purpose
)

// Measures from the registry (measures.csv), with their real dates.
func galliumGermanium() *orewatch.Measure {
	return &orewatch.Measure{
		ID: "CHN-2023-23", Jurisdiction: "CHN", Authority: "MOFCOM; GAC",
		Instrument: "MOFCOM/GAC Announcement No. 23 of 2023",
		Title:      "Export control on gallium- and germanium-related items",
		Type:       orewatch.MeasureLicence,
		Announced:  orewatch.MustParseDate("2023-07-03"),
		Effective:  orewatch.MustParseDate("2023-08-01"),
		Items:      []string{"gallium", "germanium", "gallium metal", "germanium dioxide"},
		Materials:  []string{"gallium", "germanium"},
		TariffLines: []string{
			"8112929010", "8112929090",
		},
		Destinations: []string{"all"},
		SourceURL:    "http://szfmmetal.com/index.php?c=News&a=view&aid=538&lang=en",
	}
}

func antimony() *orewatch.Measure {
	return &orewatch.Measure{
		ID: "CHN-2024-33", Jurisdiction: "CHN", Authority: "MOFCOM; GAC",
		Instrument:   "MOFCOM/GAC Announcement No. 33 of 2024",
		Title:        "Export control on antimony and superhard-material related items",
		Type:         orewatch.MeasureLicence,
		Announced:    orewatch.MustParseDate("2024-08-15"),
		Effective:    orewatch.MustParseDate("2024-09-15"),
		Items:        []string{"antimony", "antimony metal and products", "superhard materials"},
		Materials:    []string{"antimony"},
		Unresolved:   []string{"superhard materials"},
		TariffLines:  []string{"8110101000", "8110102000"},
		Destinations: []string{"all"},
	}
}

func cobaltBan() *orewatch.Measure {
	return &orewatch.Measure{
		ID: "COD-2025-ARECOMS-001", Jurisdiction: "COD", Authority: "ARECOMS",
		Instrument:   "Decision n. 001/ARECOMS/2025",
		Title:        "Temporary suspension of cobalt exports",
		Type:         orewatch.MeasureExportBan,
		Announced:    orewatch.MustParseDate("2025-02-22"),
		Effective:    orewatch.MustParseDate("2025-02-22"),
		Ends:         orewatch.MustParseDate("2025-10-16"),
		Items:        []string{"cobalt"},
		Materials:    []string{"cobalt"},
		Destinations: []string{"all"},
	}
}

func usSuspension() *orewatch.Measure {
	return &orewatch.Measure{
		ID: "CHN-2025-72", Jurisdiction: "CHN", Authority: "MOFCOM",
		Instrument:   "MOFCOM Announcement No. 72 of 2025",
		Title:        "Suspension of clause 2 of Announcement No. 46 of 2024",
		Type:         orewatch.MeasureSuspension,
		Announced:    orewatch.MustParseDate("2025-11-09"),
		Effective:    orewatch.MustParseDate("2025-11-09"),
		Ends:         orewatch.MustParseDate("2026-11-27"),
		Suspends:     []string{"CHN-2024-46-2"},
		StatusNote:   "Suspends CHN-2024-46-2 from 2025-11-09 until 2026-11-27.",
		Items:        []string{"gallium", "germanium", "antimony", "superhard materials", "graphite"},
		Materials:    []string{"gallium", "germanium", "antimony", "graphite"},
		Destinations: []string{"USA"},
		EndUse:       orewatch.EndUseAny,
	}
}

// stored is m as the store returns it: with its version and knowledge
// times, and empty lists for nil ones.
func stored(m *orewatch.Measure, version int, recorded time.Time, superseded *time.Time) *orewatch.Measure {
	c := *m
	c.Version = version
	c.RecordedAt = recorded.UTC().Truncate(time.Microsecond)
	if superseded != nil {
		s := superseded.UTC().Truncate(time.Microsecond)
		c.SupersededAt = &s
	}
	for _, l := range []*[]string{&c.Suspends, &c.Items, &c.Materials, &c.Unresolved, &c.TariffLines, &c.Destinations} {
		if *l == nil {
			*l = []string{}
		}
	}
	return &c
}

func testMeasures(t *testing.T, open OpenFunc) {
	t.Run("AddAndRoundTrip", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		ms := []*orewatch.Measure{galliumGermanium(), antimony(), cobaltBan(), usSuspension()}
		res, err := s.PutMeasures(c, ms, t1)
		must(t, err)
		diff(t, "put", orewatch.MeasureImportResult{Added: 4}, res)
		got, err := s.FindMeasures(c, orewatch.MeasureFilter{})
		must(t, err)
		want := []*orewatch.Measure{stored(galliumGermanium(), 1, t1, nil), stored(antimony(), 1, t1, nil),
			stored(usSuspension(), 1, t1, nil), stored(cobaltBan(), 1, t1, nil)}
		diff(t, "measures (ordered by id)", want, got)

		res, err = s.PutMeasures(c, ms, t2)
		must(t, err)
		diff(t, "identical put", orewatch.MeasureImportResult{Unchanged: 4}, res)

		// nil and empty lists are the same record.
		m := cobaltBan()
		m.Suspends, m.Unresolved, m.TariffLines = []string{}, []string{}, nil
		res, err = s.PutMeasures(c, []*orewatch.Measure{m}, t2)
		must(t, err)
		diff(t, "put with empty lists", orewatch.MeasureImportResult{Unchanged: 1}, res)
	})

	t.Run("ThreeVersions", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		v1 := galliumGermanium()
		v1.Effective = orewatch.Date{} // not yet known at t1
		v1.TariffLines = nil
		v2 := galliumGermanium()
		v2.TariffLines = nil
		v3 := galliumGermanium()

		for i, step := range []struct {
			m    *orewatch.Measure
			at   time.Time
			want orewatch.MeasureImportResult
		}{
			{v1, t1, orewatch.MeasureImportResult{Added: 1}},
			{v2, t2, orewatch.MeasureImportResult{Revised: 1}},
			{v3, t3, orewatch.MeasureImportResult{Revised: 1}},
		} {
			others := []*orewatch.Measure{antimony()}
			res, err := s.PutMeasures(c, append(others, step.m), step.at)
			must(t, err)
			if i == 0 {
				step.want.Added++
			} else {
				step.want.Unchanged++
			}
			diff(t, "put", step.want, res)
		}

		h1, h2, h3 := stored(v1, 1, t1, &t2), stored(v2, 2, t2, &t3), stored(v3, 3, t3, nil)
		hist, err := s.MeasureHistory(c, v1.ID)
		must(t, err)
		diff(t, "history", []*orewatch.Measure{h1, h2, h3}, hist)

		cases := []struct {
			name string
			at   time.Time
			want []*orewatch.Measure
		}{
			{"BeforeFirst", t1.Add(-time.Microsecond), []*orewatch.Measure{}},
			{"AtFirst", t1, []*orewatch.Measure{h1}},
			{"BetweenFirstAndSecond", t2.Add(-time.Microsecond), []*orewatch.Measure{h1}},
			{"AtSecond", t2, []*orewatch.Measure{h2}},
			{"BetweenSecondAndThird", t2.Add(24 * time.Hour), []*orewatch.Measure{h2}},
			{"AtThird", t3, []*orewatch.Measure{h3}},
			{"Later", t3.Add(365 * 24 * time.Hour), []*orewatch.Measure{h3}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.FindMeasures(c, orewatch.MeasureFilter{ID: ptr(v1.ID), AsKnown: ptr(tc.at)})
				must(t, err)
				diff(t, "as known", tc.want, got)
			})
		}
		t.Run("Current", func(t *testing.T) {
			got, err := s.FindMeasures(c, orewatch.MeasureFilter{ID: ptr(v1.ID)})
			must(t, err)
			diff(t, "current", []*orewatch.Measure{h3}, got)
		})
		t.Run("KnowledgeTimeNotAfterCurrent", func(t *testing.T) {
			v4 := galliumGermanium()
			v4.StatusNote = "In force."
			_, err := s.PutMeasures(c, []*orewatch.Measure{v4}, t3)
			wantCode(t, err, orewatch.EINVALID)
			_, err = s.PutMeasures(c, []*orewatch.Measure{v4}, t2)
			wantCode(t, err, orewatch.EINVALID)
			hist, err := s.MeasureHistory(c, v1.ID)
			must(t, err)
			if len(hist) != 3 {
				t.Errorf("got %d versions after refused puts, want 3", len(hist))
			}
		})
	})

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		_, err := s.PutMeasures(c, []*orewatch.Measure{galliumGermanium(), antimony(), cobaltBan(), usSuspension()}, t1)
		must(t, err)
		// A later correction of the cobalt ban, to check filters on current versions.
		cb := cobaltBan()
		cb.StatusNote = "Extended three months on 2025-06-21; replaced by a quota from 2025-10-16."
		_, err = s.PutMeasures(c, []*orewatch.Measure{cb}, t2)
		must(t, err)

		cases := []struct {
			name string
			f    orewatch.MeasureFilter
			want []string // id@version
		}{
			{"All", orewatch.MeasureFilter{}, []string{"CHN-2023-23@1", "CHN-2024-33@1", "CHN-2025-72@1", "COD-2025-ARECOMS-001@2"}},
			{"Jurisdiction", orewatch.MeasureFilter{Jurisdiction: ptr("COD")}, []string{"COD-2025-ARECOMS-001@2"}},
			{"Type", orewatch.MeasureFilter{Type: ptr(orewatch.MeasureSuspension)}, []string{"CHN-2025-72@1"}},
			{"Material", orewatch.MeasureFilter{Material: ptr("antimony")}, []string{"CHN-2024-33@1", "CHN-2025-72@1"}},
			{"MaterialExactOnly", orewatch.MeasureFilter{Material: ptr("antimony metal and products")}, []string{}},
			{"MaterialNotInItems", orewatch.MeasureFilter{Material: ptr("superhard materials")}, []string{}},
			{"ID", orewatch.MeasureFilter{ID: ptr("CHN-2023-23")}, []string{"CHN-2023-23@1"}},
			{"UnknownID", orewatch.MeasureFilter{ID: ptr("CHN-1999-1")}, []string{}},
			{"NULInFilter", orewatch.MeasureFilter{Material: ptr("cobalt\x00")}, []string{}},
			{"InvalidUTF8Filter", orewatch.MeasureFilter{Jurisdiction: ptr("\xc3")}, []string{}},
			{"Combined", orewatch.MeasureFilter{Jurisdiction: ptr("CHN"), Material: ptr("gallium"), Type: ptr(orewatch.MeasureLicence)}, []string{"CHN-2023-23@1"}},
			{"AsKnownBeforeCorrection", orewatch.MeasureFilter{Jurisdiction: ptr("COD"), AsKnown: ptr(t1.Add(time.Hour))}, []string{"COD-2025-ARECOMS-001@1"}},
			{"AsKnownWithMaterial", orewatch.MeasureFilter{Material: ptr("cobalt"), AsKnown: ptr(t2)}, []string{"COD-2025-ARECOMS-001@2"}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.FindMeasures(c, tc.f)
				must(t, err)
				ids := []string{}
				for _, m := range got {
					ids = append(ids, m.ID+"@"+strconv.Itoa(m.Version))
				}
				diff(t, "measures", tc.want, ids)
			})
		}
	})

	t.Run("Errors", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		_, err := s.MeasureHistory(c, "CHN-1999-1")
		wantCode(t, err, orewatch.ENOTFOUND)
		_, err = s.MeasureHistory(c, "CHN-2023-23\x00")
		wantCode(t, err, orewatch.ENOTFOUND)

		cases := []struct {
			name string
			ms   []*orewatch.Measure
			at   time.Time
		}{
			{"NoID", []*orewatch.Measure{{Jurisdiction: "CHN", Type: orewatch.MeasureQuota}}, t1},
			{"NoJurisdiction", []*orewatch.Measure{{ID: "X", Type: orewatch.MeasureQuota}}, t1},
			{"NoType", []*orewatch.Measure{{ID: "X", Jurisdiction: "CHN"}}, t1},
			{"NoTime", []*orewatch.Measure{antimony()}, time.Time{}},
			{"DuplicateID", []*orewatch.Measure{antimony(), antimony()}, t1},
			{"NilMeasure", []*orewatch.Measure{antimony(), nil}, t1},
			{"InvalidUTF8Item", []*orewatch.Measure{func() *orewatch.Measure { m := antimony(); m.Items[1] = "\xff"; return m }()}, t1},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				_, err := s.PutMeasures(c, tc.ms, tc.at)
				wantCode(t, err, orewatch.EINVALID)
				got, err := s.FindMeasures(c, orewatch.MeasureFilter{})
				must(t, err)
				if len(got) != 0 {
					t.Errorf("got %d measures stored by a refused put, want none", len(got))
				}
			})
		}
	})
}
