package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	"orewatch/fetch"
	"orewatch/ingest"
	"orewatch/internal/shared"
	"orewatch/nlp"
	"orewatch/refdata"
	"orewatch/registry"
	"orewatch/sqlite"
)

var (
	catOnce sync.Once
	cat     *catalog.Catalog
)

func testCatalog() *catalog.Catalog {
	catOnce.Do(func() { cat = catalog.New() })
	return cat
}

// seededStore is a SQLite store with the embedded reference data and
// registry, as a first start leaves it, and the real analyzer over it.
func seededStore(t *testing.T) (*sqlite.DB, *nlp.Analyzer) {
	t.Helper()
	ctx := context.Background()
	db := mustStore(t)
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := registry.Seed(ctx, db, testCatalog(), testNow); err != nil {
		t.Fatal(err)
	}
	figs, err := db.FindFigures(ctx, orewatch.FigureFilter{Latest: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return db, nlp.New(testCatalog(), figs, ms)
}

// TestEndToEnd ingests the shared fixture article and the test pages into a
// real store through the real extractor and analyzer, checks that
// re-ingesting changes nothing and that what was found can be queried, then
// polls a good and a broken feed.
func TestEndToEnd(t *testing.T) {
	fixture := shared.Path(t, "fixtures/articles/china-rare-earth-tech-controls.txt")
	ctx := context.Background()
	db, an := seededStore(t)
	cat := testCatalog()
	p := &ingest.Pipeline{Store: db, Analyzer: an, Now: func() time.Time { return testNow },
		Fetcher: &fetch.Client{AllowPrivate: true, HostInterval: -1}}

	dir := copyPages(t, "gallium.html", "cobalt.html", "cobalt-copy.html", "nickel.txt")
	fixtureCopy := filepath.Join(t.TempDir(), "china-rare-earth-tech-controls.txt")
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(fixtureCopy, b, 0o644)
	p.Published = orewatch.MustParseDate("2025-11-10") // the fixture states no date
	first, err := p.Ingest(ctx, []string{fixtureCopy}, nil)
	if err != nil || first[0].Status != ingest.StatusStored {
		t.Fatalf("fixture: %+v %v", first, err)
	}
	p.Published = orewatch.Date{}
	pages, err := p.Ingest(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(pages), "cobalt-copy.html=stored cobalt.html=stored gallium.html=stored nickel.txt=stored"; got != want {
		t.Fatalf("pages: %s, want %s", got, want)
	}

	count := func() (articles, events int) {
		as, err := db.FindArticles(ctx, orewatch.ArticleFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		es, err := db.FindEvents(ctx, orewatch.EventFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return len(as), len(es)
	}
	nArticles, nEvents := count()

	t.Run("FixtureArticle", func(t *testing.T) {
		a, err := db.FindArticleByID(ctx, first[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, junk := range []string{"Night Vision", "Ghillie", "Related:", "Quarry Collapse", "Spiderweb"} {
			if strings.Contains(a.Body, junk) {
				t.Errorf("body keeps %q", junk)
			}
		}
		for _, iso := range []string{"IDN", "UKR", "RUS"} {
			if slices.Contains(a.Countries, iso) {
				t.Errorf("countries %v include %s, named only in the boilerplate", a.Countries, iso)
			}
		}
		var control, deal *orewatch.Event
		for _, e := range a.Events {
			switch {
			case e.Type == orewatch.EventExportControl && e.Actor == "CHN" && control == nil:
				control = e
			case e.Type == orewatch.EventSupplyAgreement:
				deal = e
			}
		}
		if control == nil || control.Announced.String() != "2025-10" || control.Effective.String() != "2025-11-08" {
			t.Errorf("export control event = %+v, want CHN announced 2025-10 effective 2025-11-08", control)
		}
		if deal == nil || !slices.Contains([]string{deal.Actor, deal.Counterparty}, "PAK") || !slices.Contains([]string{deal.Actor, deal.Counterparty}, "USA") {
			t.Errorf("supply agreement = %+v, want one between PAK and USA", deal)
		}
	})

	t.Run("ReingestChangesNothing", func(t *testing.T) {
		again := &ingest.Pipeline{Store: db, Analyzer: an, Now: func() time.Time { return testNow.Add(time.Hour) }}
		again.Published = orewatch.MustParseDate("2025-11-10")
		rs, err := again.Ingest(ctx, []string{fixtureCopy}, nil)
		if err != nil {
			t.Fatal(err)
		}
		again.Published = orewatch.Date{}
		rs2, err := again.Ingest(ctx, []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range append(rs, rs2...) {
			if r.Status != ingest.StatusDuplicate {
				t.Errorf("%s: %s, want duplicate", r.Input, r.Status)
			}
		}
		if a, e := count(); a != nArticles || e != nEvents {
			t.Errorf("%d articles and %d events after re-ingesting, %d and %d before", a, e, nArticles, nEvents)
		}
	})

	t.Run("Clusters", func(t *testing.T) {
		if pages[0].ClusterID != pages[1].ClusterID || pages[0].ClusterID == pages[2].ClusterID {
			t.Errorf("clusters %d, %d, %d: want the two cobalt copies together and gallium apart", pages[0].ClusterID, pages[1].ClusterID, pages[2].ClusterID)
		}
	})

	t.Run("EventQueries", func(t *testing.T) {
		for _, tc := range []struct {
			name      string
			q         orewatch.EventQuery
			wantTypes []orewatch.EventType
			article   int64
		}{
			{"MaterialGroup", orewatch.EventQuery{Material: "rare earths"}, []orewatch.EventType{orewatch.EventExportControl, orewatch.EventSupplyAgreement}, first[0].ID},
			{"CountryName", orewatch.EventQuery{Country: "Pakistan"}, []orewatch.EventType{orewatch.EventSupplyAgreement}, first[0].ID},
			{"Type", orewatch.EventQuery{Type: "supply_agreement", Since: orewatch.MustParseDate("2025-01")}, []orewatch.EventType{orewatch.EventSupplyAgreement}, first[0].ID},
			{"Gallium", orewatch.EventQuery{Material: "gallium", Country: "CHN"}, []orewatch.EventType{orewatch.EventExportControl}, pages[2].ID},
		} {
			t.Run(tc.name, func(t *testing.T) {
				q := tc.q
				if err := q.Resolve(cat); err != nil {
					t.Fatal(err)
				}
				es, err := orewatch.FindEventList(ctx, cat, db, q)
				if err != nil {
					t.Fatal(err)
				}
				var found []orewatch.EventType
				for _, e := range es {
					if e.ArticleID == tc.article {
						found = append(found, e.Type)
					}
				}
				for _, want := range tc.wantTypes {
					if !slices.Contains(found, want) {
						t.Errorf("events of article %d found: %v; want a %s", tc.article, found, want)
					}
				}
			})
		}
	})

	t.Run("Search", func(t *testing.T) {
		hits, err := db.SearchArticles(ctx, `"rare earth" Pakistan`, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].ArticleID != first[0].ID {
			t.Errorf("hits = %+v, want the fixture article first", hits)
		}
	})

	t.Run("Feeds", func(t *testing.T) {
		s := newSite(t)
		s.set("/feed.xml", response{ctype: "application/rss+xml", body: rss(
			rssItem("Gallium and germanium", "/news/gallium", ""),
			rssItem("Nickel", "/news/nickel", "Wed, 01 Jan 2020 07:00:00 +0700"),
		)})
		s.set("/broken.xml", response{ctype: "application/atom+xml", body: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x`)})
		s.set("/news/gallium", response{ctype: "text/html", body: page(t, "gallium.html")})
		s.set("/news/nickel", response{ctype: "text/plain; charset=utf-8", body: []byte("Zimbabwe bans raw lithium ore exports\n\nZimbabwe banned exports of unprocessed lithium ore in December 2022 to push miners to process it at home.")})
		good := &orewatch.Feed{URL: s.srv.URL + "/feed.xml"}
		bad := &orewatch.Feed{URL: s.srv.URL + "/broken.xml"}
		for _, f := range []*orewatch.Feed{good, bad} {
			if err := db.CreateFeed(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := p.PollDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 2 {
			t.Fatalf("%d feeds polled", len(rs))
		}
		// The gallium page was stored from a file already: same text, so a
		// duplicate; the lithium story is new.
		if g := rs[0]; g.Status != ingest.FeedOK || g.Stored != 1 || g.Duplicates != 1 {
			t.Errorf("good feed: %+v", g)
		}
		bf, err := db.FindFeedByID(ctx, bad.ID)
		if err != nil {
			t.Fatal(err)
		}
		if bf.ErrorCount != 1 || bf.LastError == "" || !bf.NextCheckAt.After(testNow) {
			t.Errorf("broken feed: %d errors, %q, next %v", bf.ErrorCount, bf.LastError, bf.NextCheckAt)
		}
		q := orewatch.EventQuery{Country: "Zimbabwe"}
		if err := q.Resolve(cat); err != nil {
			t.Fatal(err)
		}
		es, err := orewatch.FindEventList(ctx, cat, db, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 || es[0].Type != orewatch.EventExportBan {
			t.Errorf("events for Zimbabwe: %+v, want the lithium ore export ban", es)
		}
	})
}
