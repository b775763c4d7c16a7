package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"orewatch"
)

func testEvents(t *testing.T, open OpenFunc) {
	s := open(t)
	c := ctx(t)
	as := saveAll(t, s, articles())
	// Names of the events by ID. Their dates (announced, else published):
	// E1 2023-07-03, E2 2025-02-22, E3 2024-12-03, E4 2025-10-10 (published),
	// E5 2025-09-20, E6 2025-10 (published, month only), E7 none.
	name := map[int64]string{
		as[0].Events[0].ID: "E1", as[1].Events[0].ID: "E2", as[2].Events[0].ID: "E3",
		as[3].Events[0].ID: "E4", as[4].Events[0].ID: "E5", as[4].Events[1].ID: "E6",
		as[5].Events[0].ID: "E7",
	}
	d := func(s string) *orewatch.Date { return ptr(orewatch.MustParseDate(s)) }
	cases := []struct {
		name string
		f    orewatch.EventFilter
		want string
	}{
		{"All", orewatch.EventFilter{}, "E4 E6 E5 E2 E3 E1 E7"},
		{"Since", orewatch.EventFilter{Since: d("2025-01-01")}, "E4 E6 E5 E2"},
		{"Until", orewatch.EventFilter{Until: d("2024-12-31")}, "E3 E1"},
		{"RangeInclusive", orewatch.EventFilter{Since: d("2024-12-03"), Until: d("2025-02-22")}, "E2 E3"},
		{"SinceMonth", orewatch.EventFilter{Since: d("2025-10")}, "E4 E6"},
		{"SinceDayAfterMonth", orewatch.EventFilter{Since: d("2025-10-01")}, "E4"},
		{"FallbackToPublished", orewatch.EventFilter{Since: d("2025-10-10"), Until: d("2025-10-10")}, "E4"},
		{"ZeroDatesIgnored", orewatch.EventFilter{Since: &orewatch.Date{}, Until: &orewatch.Date{}}, "E4 E6 E5 E2 E3 E1 E7"},
		{"Material", orewatch.EventFilter{Material: ptr("germanium")}, "E3 E1"},
		{"MaterialExact", orewatch.EventFilter{Material: ptr("german")}, ""},
		{"MaterialCobalt", orewatch.EventFilter{Material: ptr("cobalt")}, "E6 E5 E2"},
		{"CountryCounterparty", orewatch.EventFilter{Country: ptr("USA")}, "E3"},
		{"CountryActor", orewatch.EventFilter{Country: ptr("COD")}, "E6 E5 E2"},
		{"Type", orewatch.EventFilter{Type: ptr(orewatch.EventExportBan)}, "E2 E3"},
		{"Limit", orewatch.EventFilter{Limit: 2}, "E4 E6"},
		{"Combined", orewatch.EventFilter{Country: ptr("CHN"), Material: ptr("gallium"), Since: d("2024-01-01")}, "E3"},
		{"NoMatch", orewatch.EventFilter{Type: ptr(orewatch.EventTariff)}, ""},
		{"NULInFilter", orewatch.EventFilter{Country: ptr("CHN\x00")}, ""},
		{"InvalidUTF8Filter", orewatch.EventFilter{Material: ptr("\xffgallium")}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.FindEvents(c, tc.f)
			must(t, err)
			var names []string
			for _, e := range got {
				n, ok := name[e.ID]
				if !ok {
					t.Fatalf("got an event with unknown ID %d", e.ID)
				}
				names = append(names, n)
			}
			if g := strings.Join(names, " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
	t.Run("Fields", func(t *testing.T) {
		got, err := s.FindEvents(c, orewatch.EventFilter{Country: ptr("USA")})
		must(t, err)
		want := *as[2].Events[0]
		if len(got) != 1 {
			t.Fatalf("got %d events, want 1", len(got))
		}
		diff(t, "event", &want, got[0])
	})
	t.Run("NegativeLimit", func(t *testing.T) {
		_, err := s.FindEvents(c, orewatch.EventFilter{Limit: -5})
		wantCode(t, err, orewatch.EINVALID)
	})
}

func testSearch(t *testing.T, open OpenFunc) {
	s := open(t)
	c := ctx(t)
	as := saveAll(t, s, articles())
	name := map[int64]string{}
	for i, a := range as {
		name[a.ID] = fmt.Sprintf("A%d", i)
	}
	// hits returns the names of the hits, sorted (rank order is checked apart).
	hits := func(t *testing.T, q string, limit int) ([]*orewatch.SearchHit, string) {
		t.Helper()
		got, err := s.SearchArticles(c, q, limit)
		if err != nil {
			t.Fatalf("SearchArticles(%q): %v", q, err)
		}
		var names []string
		for _, h := range got {
			names = append(names, name[h.ArticleID])
		}
		slices.Sort(names)
		return got, strings.Join(names, " ")
	}

	cases := []struct {
		name, q, want string
	}{
		{"Word", "gallium", "A0 A2"},
		{"Title", "widens", "A3"},
		{"Stemmed", "licences", "A0 A5"},
		{"AllWords", "gallium antimony", "A2"},
		{"Or", "holmium OR cobalt", "A1 A3 A4"},
		{"LowerCaseOr", "holmium or cobalt", "A1 A3 A4"},
		{"Excluded", "gallium -antimony", "A0"},
		{"Phrase", `"export licence"`, "A0 A5"},
		{"PhraseOrder", `"licence export"`, ""},
		{"HyphenatedWord", "dual-use", "A0 A5"},
		{"Unicode", "République", "A4"},
		{"UnicodeLowerCase", "démocratique", "A4"},
		{"NoMatch", "tungsten", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := hits(t, tc.q, 0); got != tc.want {
				t.Errorf("SearchArticles(%q): got %q, want %q", tc.q, got, tc.want)
			}
		})
	}

	t.Run("HitFields", func(t *testing.T) {
		got, _ := hits(t, "ARECOMS regulator", 0)
		if len(got) != 1 {
			t.Fatalf("got %d hits, want 1", len(got))
		}
		h, a := got[0], as[1]
		if h.ArticleID != a.ID || h.Title != a.Title || h.URL != a.URL || h.Published != a.Published {
			t.Errorf("got %+v, want the fields of article %d", h, a.ID)
		}
		if h.Rank <= 0 {
			t.Errorf("got rank %v, want > 0", h.Rank)
		}
		if !strings.Contains(h.Snippet, "«regulator»") {
			t.Errorf("got snippet %q, want the match marked «regulator»", h.Snippet)
		}
	})

	t.Run("RankOrder", func(t *testing.T) {
		// A2 names cobalt once in its body; A4 twice; a title match weighs more.
		got, _ := hits(t, "cobalt", 0)
		for i := 1; i < len(got); i++ {
			if got[i].Rank > got[i-1].Rank {
				t.Errorf("hit %d has rank %v above hit %d's %v: want best first", i, got[i].Rank, i-1, got[i-1].Rank)
			}
		}
	})

	t.Run("Limit", func(t *testing.T) {
		got, _ := hits(t, "cobalt", 1)
		if len(got) != 1 {
			t.Errorf("got %d hits, want 1", len(got))
		}
		_, err := s.SearchArticles(c, "cobalt", -1)
		wantCode(t, err, orewatch.EINVALID)
	})

	t.Run("OddInput", func(t *testing.T) {
		odd := []string{
			`"rare AND (earth`, `NEAR(gallium`, `gallium*`, `*`, `-`, `--`, `"`, `""`, `'`, `OR`, `or cobalt`,
			`cobalt OR`, `AND OR NOT`, `title:gallium`, `body:cobalt`, `^gallium`, `{gallium}`, `a:b:c`, `💎`,
			"\x00gallium", "\xff\xfe", `ga"llium`, `(((`, `)`, `+`, `!gallium`, `gallium & antimony | cobalt`,
			`<->`, `cobalt:*`, `-cobalt`, `- cobalt`, `\`, `'; DROP TABLE articles; --`, `%_%`, "タングステン",
			"稀土", "كوبالت", strings.Repeat("cobalt ", 40),
		}
		for _, q := range odd {
			if _, err := s.SearchArticles(c, q, 0); err != nil {
				t.Errorf("SearchArticles(%q): got error %v, want none", q, err)
			}
		}
		// Operators in the text are words or separators, never syntax.
		for _, tc := range []struct{ q, want string }{
			{`"rare AND (earth`, ""},
			{`gallium*`, "A0 A2"},
			{`!gallium`, "A0 A2"},
			{`-cobalt`, ""},
			{`cobalt OR`, "A1 A4"},
			{`'; DROP TABLE articles; --`, ""},
		} {
			if _, got := hits(t, tc.q, 0); got != tc.want {
				t.Errorf("SearchArticles(%q): got %q, want %q", tc.q, got, tc.want)
			}
		}
		if _, got := hits(t, "gallium", 0); got != "A0 A2" {
			t.Errorf("articles changed by odd queries: got %q, want \"A0 A2\"", got)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		for _, q := range []string{"", "   ", "\t\n"} {
			_, err := s.SearchArticles(c, q, 0)
			wantCode(t, err, orewatch.EINVALID)
		}
	})
}
