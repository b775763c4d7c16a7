package storetest

import (
	"fmt"
	"testing"
	"time"

	"orewatch"
)

// fetched is when the test articles were fetched: each article i is
// fetched i hours later. The odd nanoseconds check microsecond truncation.
var fetched = time.Date(2026, 1, 5, 6, 0, 0, 999, time.UTC)

// The test articles, written for these tests from public facts. Each call
// returns fresh copies.
func articles() []*orewatch.Article {
	as := []*orewatch.Article{{
		URL:          "https://news.example.org/2023/07/04/china-gallium-germanium-licences?utm_source=feed",
		CanonicalURL: "https://news.example.org/2023/07/04/china-gallium-germanium-licences",
		Title:        "China to require licences for gallium and germanium exports",
		Published:    orewatch.MustParseDate("2023-07-04"),
		Language:     "en",
		Body: "China's commerce ministry and customs administration said on 3 July 2023 that exporters of " +
			"gallium and germanium products will need a dual-use export licence from 1 August 2023. " +
			"Both metals are used in chips, solar cells and night-vision equipment.",
		ContentHash:   "3f1a5c0e9b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f809",
		SimHash:       0xF0E1D2C3B4A59687, // high bit set: must survive a signed column
		Countries:     []string{"CHN"},
		Organizations: []string{"Ministry of Commerce of China", "General Administration of Customs of China"},
		Materials:     []string{"gallium", "germanium"},
		Events: []*orewatch.Event{{
			Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"gallium", "germanium"},
			Announced: orewatch.MustParseDate("2023-07-03"), Effective: orewatch.MustParseDate("2023-08-01"),
			Evidence:   "exporters of gallium and germanium products will need a dual-use export licence from 1 August 2023",
			Confidence: 0.92, Primary: true, Measure: "CHN-2023-23",
		}},
		DateChecks: []*orewatch.DateCheck{{
			Measure: "CHN-2023-23", Field: "effective", Stated: orewatch.MustParseDate("2023-08-01"),
			Recorded: orewatch.MustParseDate("2023-08-01"), Verdict: orewatch.VerdictSupported,
		}},
	}, {
		URL:       "https://wire.example.com/africa/congo-cobalt-export-halt",
		Title:     "Congo halts cobalt exports for four months",
		Published: orewatch.MustParseDate("2025-02-24"),
		Language:  "en",
		Body: "The Democratic Republic of the Congo suspended cobalt exports for four months from " +
			"22 February 2025, its strategic minerals regulator ARECOMS said, pointing to an oversupplied market.",
		ContentHash:   "a0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f",
		SimHash:       0x0123456789ABCDEF,
		Countries:     []string{"COD"},
		Organizations: []string{"ARECOMS"},
		Materials:     []string{"cobalt"},
		Events: []*orewatch.Event{{
			Type: orewatch.EventExportBan, Actor: "COD", Materials: []string{"cobalt"},
			Announced: orewatch.MustParseDate("2025-02-22"), Effective: orewatch.MustParseDate("2025-02-22"),
			Evidence:   "suspended cobalt exports for four months from 22 February 2025",
			Confidence: 0.88, Primary: true, Measure: "COD-2025-ARECOMS-001",
		}},
	}, {
		URL:       "https://news.example.org/2024/12/04/beijing-us-export-ban",
		Title:     "Beijing bans gallium, germanium and antimony exports to the United States",
		Published: orewatch.MustParseDate("2024-12-04"),
		Language:  "en",
		Body: "On 3 December 2024 China said exports of gallium, germanium, antimony and superhard materials " +
			"to the United States would in principle not be permitted, and that graphite shipments would " +
			"face stricter end-use checks.",
		ContentHash: "5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f",
		Countries:   []string{"CHN", "USA"},
		Materials:   []string{"gallium", "germanium", "antimony", "graphite"},
		Events: []*orewatch.Event{{
			Type: orewatch.EventExportBan, Actor: "CHN", Counterparty: "USA",
			Materials: []string{"gallium", "germanium", "antimony"},
			Announced: orewatch.MustParseDate("2024-12-03"),
			Evidence:  "exports of gallium, germanium, antimony and superhard materials to the United States would in principle not be permitted",
			// Confidence 0 and no measure: both must round-trip too.
		}},
	}, {
		URL:       "https://markets.example.net/2025/10/10/rare-earth-controls-widen",
		Title:     "China widens rare-earth export controls to five more elements",
		Published: orewatch.MustParseDate("2025-10-10"),
		Language:  "en",
		Body: "China added holmium, erbium, thulium, europium and ytterbium to its export control list on " +
			"9 October 2025. China mined about 70% of the world's rare earths in 2024, according to the " +
			"US Geological Survey.",
		ContentHash: "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00",
		Countries:   []string{"CHN"},
		Materials:   []string{"holmium", "erbium", "thulium", "europium", "ytterbium", "rare earths"},
		Events: []*orewatch.Event{{
			// No announced date: the article's date stands in for it.
			Type: orewatch.EventExportControl, Actor: "CHN",
			Materials:  []string{"holmium", "erbium", "thulium", "europium", "ytterbium"},
			Effective:  orewatch.MustParseDate("2025-11-08"),
			Evidence:   "China added holmium, erbium, thulium, europium and ytterbium to its export control list",
			Confidence: 0.75, Measure: "CHN-2025-57",
		}},
		Claims: []*orewatch.Claim{{
			Text:    "China mined about 70% of the world's rare earths in 2024",
			Subject: "CHN", Material: "rare earths", Stage: orewatch.StageMining, Comparator: "~",
			Value: 70, Unit: "%", Verdict: orewatch.VerdictSupported,
			// 270,000 t of a 380,000 t world total (USGS MCS 2026).
			Reference: &orewatch.ClaimReference{Value: 71.05263157894737, Year: 2024, Source: "usgs-mcs-2026"},
			Note:      "China 270,000 t of 380,000 t",
		}, {
			Text:    "its export control list on 9 October 2025",
			Subject: "CHN", Material: "rare earths", Comparator: "=", Unit: "%",
			Verdict: orewatch.VerdictUnverifiable,
		}},
	}, {
		URL:       "https://actu.example.fr/rdc-cobalt-quotas",
		Title:     "RDC : des quotas d’exportation de cobalt remplacent l’interdiction",
		Published: orewatch.MustParseDate("2025-10"), // known only to the month
		Language:  "fr",
		Body: "La République démocratique du Congo a remplacé l’interdiction d’exporter du cobalt par un " +
			"système de quotas à partir du 16 octobre 2025. L’ARECOMS répartira les quotas selon les " +
			"exportations passées.",
		ContentHash: "fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00fr00",
		Countries:   []string{"COD"},
		Materials:   []string{"cobalt"},
		Events: []*orewatch.Event{{
			Type: orewatch.EventQuota, Actor: "COD", Materials: []string{"cobalt"},
			Announced: orewatch.MustParseDate("2025-09-20"), Effective: orewatch.MustParseDate("2025-10-16"),
			Evidence: "un système de quotas à partir du 16 octobre 2025", Confidence: 0.8, Primary: true,
			Measure: "COD-2025-ARECOMS-QUOTA",
		}, {
			Type: orewatch.EventOther, Actor: "COD", Materials: []string{"cobalt"},
			Evidence: "L’ARECOMS répartira les quotas selon les exportations passées",
		}},
	}, {
		URL:   "https://guide.example.org/graphite-licences",
		Title: "Graphite export licences: what exporters need to file",
		// No publication date and no event date: such an event sorts last.
		Language:  "en",
		Body:      "Exporters of high-purity graphite from China must apply for a dual-use licence, under rules in force since 1 December 2023.",
		Countries: []string{"CHN"},
		Materials: []string{"graphite"},
		Events: []*orewatch.Event{{
			Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"graphite"},
			Evidence: "must apply for a dual-use licence", Measure: "CHN-2023-39",
		}},
	}}
	for i, a := range as {
		a.FetchedAt = fetched.Add(time.Duration(i) * time.Hour)
	}
	return as
}

// saveAll saves the articles and returns them with their IDs set.
func saveAll(t *testing.T, s orewatch.Store, as []*orewatch.Article) []*orewatch.Article {
	t.Helper()
	for i, a := range as {
		res, err := s.SaveArticle(ctx(t), a)
		if err != nil {
			t.Fatalf("save article %d: %v", i, err)
		}
		if !res.Created || res.ID == 0 || a.ID != res.ID {
			t.Fatalf("save article %d: got %+v and a.ID %d, want a new ID set on the article", i, res, a.ID)
		}
	}
	return as
}

// normalized is a as the store returns it: UTC microsecond times, empty
// lists for nil ones.
func normalized(a *orewatch.Article) *orewatch.Article {
	c := *a
	c.FetchedAt = c.FetchedAt.UTC().Truncate(time.Microsecond)
	for _, l := range []*[]string{&c.Countries, &c.Organizations, &c.Materials} {
		if *l == nil {
			*l = []string{}
		}
	}
	if c.Events == nil {
		c.Events = []*orewatch.Event{}
	}
	for i, e := range c.Events {
		ec := *e
		if ec.Materials == nil {
			ec.Materials = []string{}
		}
		c.Events[i] = &ec
	}
	if c.Claims == nil {
		c.Claims = []*orewatch.Claim{}
	}
	if c.DateChecks == nil {
		c.DateChecks = []*orewatch.DateCheck{}
	}
	return &c
}

func testArticles(t *testing.T, open OpenFunc) {
	t.Run("RoundTrip", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		as := saveAll(t, s, articles())
		for i, a := range as {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				for _, e := range a.Events {
					if e.ID == 0 || e.ArticleID != a.ID {
						t.Errorf("event: got ID %d ArticleID %d, want an ID and ArticleID %d", e.ID, e.ArticleID, a.ID)
					}
				}
				for _, cl := range a.Claims {
					if cl.ID == 0 || cl.ArticleID != a.ID {
						t.Errorf("claim: got ID %d ArticleID %d, want an ID and ArticleID %d", cl.ID, cl.ArticleID, a.ID)
					}
				}
				if a.ClusterID != a.ID {
					t.Errorf("got ClusterID %d, want the article's own ID %d", a.ClusterID, a.ID)
				}
				got, err := s.FindArticleByID(c, a.ID)
				must(t, err)
				diff(t, "article", normalized(a), got)
			})
		}
	})

	t.Run("FetchedAtDefaultsToNow", func(t *testing.T) {
		s := open(t)
		a := articles()[1]
		a.FetchedAt = time.Time{}
		before := time.Now().Add(-time.Second)
		_, err := s.SaveArticle(ctx(t), a)
		must(t, err)
		if a.FetchedAt.Before(before) || a.FetchedAt.After(time.Now().Add(time.Second)) || a.FetchedAt.Location() != time.UTC {
			t.Errorf("got FetchedAt %v, want the current time in UTC", a.FetchedAt)
		}
	})

	t.Run("Dedup", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		as := saveAll(t, s, articles()[:2])
		first := as[0]

		sameHash := articles()[0]
		sameHash.URL, sameHash.CanonicalURL = "https://mirror.example.com/copy", "https://mirror.example.com/copy"
		sameHash.Title = "A mirrored copy"
		sameCanonical := articles()[0]
		sameCanonical.ContentHash = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
		sameCanonical.Title = "The same story, edited"
		for _, tc := range []struct {
			name string
			a    *orewatch.Article
		}{{"ContentHash", sameHash}, {"CanonicalURL", sameCanonical}} {
			t.Run(tc.name, func(t *testing.T) {
				res, err := s.SaveArticle(c, tc.a)
				must(t, err)
				diff(t, "save result", orewatch.SaveResult{ID: first.ID, Created: false}, res)
				if tc.a.ID != first.ID {
					t.Errorf("got a.ID %d, want the existing %d", tc.a.ID, first.ID)
				}
				got, err := s.FindArticleByID(c, first.ID)
				must(t, err)
				diff(t, "stored article", normalized(first), got)
			})
		}
		t.Run("NothingAdded", func(t *testing.T) {
			all, err := s.FindArticles(c, orewatch.ArticleFilter{})
			must(t, err)
			if len(all) != 2 {
				t.Errorf("got %d articles, want 2", len(all))
			}
			ev, err := s.FindEvents(c, orewatch.EventFilter{})
			must(t, err)
			if len(ev) != 2 {
				t.Errorf("got %d events, want 2", len(ev))
			}
		})
		t.Run("UnknownHashAndURLNeverMatch", func(t *testing.T) {
			for i := range 2 {
				a := articles()[5]
				a.ContentHash, a.CanonicalURL = "", ""
				res, err := s.SaveArticle(c, a)
				must(t, err)
				if !res.Created {
					t.Errorf("save %d: got Created false, want true for an article without hash or canonical URL", i)
				}
			}
		})
	})

	t.Run("KeepsClusterID", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		as := saveAll(t, s, articles()[:1])
		near := articles()[2]
		near.ClusterID = as[0].ID
		_, err := s.SaveArticle(c, near)
		must(t, err)
		got, err := s.FindArticleByID(c, near.ID)
		must(t, err)
		if got.ClusterID != as[0].ID {
			t.Errorf("got ClusterID %d, want %d", got.ClusterID, as[0].ID)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		cases := []struct {
			name   string
			modify func(a *orewatch.Article)
			code   string
		}{
			{"NoURL", func(a *orewatch.Article) { a.URL = "" }, orewatch.EINVALID},
			{"EventWithoutType", func(a *orewatch.Article) { a.Events[0].Type = "" }, orewatch.EINVALID},
			{"NilEvent", func(a *orewatch.Article) { a.Events = append(a.Events, nil) }, orewatch.EINVALID},
			{"UnknownFeed", func(a *orewatch.Article) { a.FeedID = 999999 }, orewatch.ECONFLICT},
			{"NULInBody", func(a *orewatch.Article) { a.Body += "\x00" }, orewatch.EINVALID},
			{"InvalidUTF8Title", func(a *orewatch.Article) { a.Title = "Gallium \xff\xfe" }, orewatch.EINVALID},
			{"InvalidUTF8Evidence", func(a *orewatch.Article) { a.Events[0].Evidence = "\xc3" }, orewatch.EINVALID},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := open(t)
				c := ctx(t)
				a := articles()[0]
				tc.modify(a)
				_, err := s.SaveArticle(c, a)
				wantCode(t, err, tc.code)
				all, err := s.FindArticles(c, orewatch.ArticleFilter{})
				must(t, err)
				ev, err := s.FindEvents(c, orewatch.EventFilter{})
				must(t, err)
				if len(all) != 0 || len(ev) != 0 {
					t.Errorf("got %d articles and %d events after a refused save, want none", len(all), len(ev))
				}
				if a.ID != 0 {
					t.Errorf("got a.ID %d after a refused save, want 0", a.ID)
				}
			})
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.FindArticleByID(ctx(t), 424242)
		wantCode(t, err, orewatch.ENOTFOUND)
	})

	t.Run("FindArticles", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		as := saveAll(t, s, articles())
		ids := func(got []*orewatch.Article) []int64 {
			out := []int64{}
			for _, a := range got {
				out = append(out, a.ID)
			}
			return out
		}
		cases := []struct {
			name string
			f    orewatch.ArticleFilter
			want []int64
		}{
			{"All", orewatch.ArticleFilter{}, []int64{as[5].ID, as[4].ID, as[3].ID, as[2].ID, as[1].ID, as[0].ID}},
			{"Since", orewatch.ArticleFilter{Since: ptr(as[4].FetchedAt)}, []int64{as[5].ID, as[4].ID}},
			{"SinceInOtherZone", orewatch.ArticleFilter{Since: ptr(as[4].FetchedAt.In(time.FixedZone("X", -5*3600)))}, []int64{as[5].ID, as[4].ID}},
			{"Limit", orewatch.ArticleFilter{Limit: 2}, []int64{as[5].ID, as[4].ID}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.FindArticles(c, tc.f)
				must(t, err)
				diff(t, "article ids", tc.want, ids(got))
			})
		}
		t.Run("WithDetails", func(t *testing.T) {
			got, err := s.FindArticles(c, orewatch.ArticleFilter{Limit: 3})
			must(t, err)
			diff(t, "articles", []*orewatch.Article{normalized(as[5]), normalized(as[4]), normalized(as[3])}, got)
		})
		t.Run("NegativeLimit", func(t *testing.T) {
			_, err := s.FindArticles(c, orewatch.ArticleFilter{Limit: -1})
			wantCode(t, err, orewatch.EINVALID)
		})
		t.Run("Fingerprints", func(t *testing.T) {
			got, err := s.FindFingerprints(c, as[3].FetchedAt)
			must(t, err)
			want := []orewatch.Fingerprint{
				{ArticleID: as[3].ID, SimHash: as[3].SimHash, ClusterID: as[3].ID},
				{ArticleID: as[4].ID, SimHash: as[4].SimHash, ClusterID: as[4].ID},
				{ArticleID: as[5].ID, SimHash: as[5].SimHash, ClusterID: as[5].ID},
			}
			diff(t, "fingerprints", want, got)
			got, err = s.FindFingerprints(c, time.Time{})
			must(t, err)
			if len(got) != 6 || got[0].SimHash != 0xF0E1D2C3B4A59687 {
				t.Errorf("got %+v, want 6 fingerprints, the first with SimHash 0xF0E1D2C3B4A59687", got)
			}
		})
	})
}
