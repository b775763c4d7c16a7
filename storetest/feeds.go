package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"orewatch"
)

func testFeeds(t *testing.T, open OpenFunc) {
	t.Run("CRUD", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		before := time.Now().Add(-time.Second)
		f := &orewatch.Feed{URL: "https://news.example.org/minerals/rss.xml", Title: "Minerals news"}
		must(t, s.CreateFeed(c, f))
		if f.ID == 0 {
			t.Fatalf("got ID 0 after CreateFeed, want an ID")
		}
		if f.CreatedAt.Before(before) || f.CreatedAt.After(time.Now().Add(time.Second)) {
			t.Errorf("got CreatedAt %v, want the current time", f.CreatedAt)
		}
		got, err := s.FindFeedByID(c, f.ID)
		must(t, err)
		diff(t, "created feed", f, got)

		g := &orewatch.Feed{URL: "https://wire.example.com/feed.json", Title: "Wire"}
		must(t, s.CreateFeed(c, g))

		f.Title = "Minerals news (renamed)"
		f.ETag = `W/"5e1f-17a"`
		f.LastModified = "Tue, 06 Jan 2026 10:00:00 GMT"
		f.LastCheckedAt = time.Date(2026, 1, 6, 10, 0, 1, 234567890, time.FixedZone("CET", 3600))
		f.NextCheckAt = f.LastCheckedAt.Add(30 * time.Minute)
		f.ErrorCount = 2
		f.LastError = "GET https://news.example.org/minerals/rss.xml: 503 Service Unavailable"
		must(t, s.UpdateFeed(c, f))
		got, err = s.FindFeedByID(c, f.ID)
		must(t, err)
		want := *f
		want.LastCheckedAt = f.LastCheckedAt.UTC().Truncate(time.Microsecond)
		want.NextCheckAt = f.NextCheckAt.UTC().Truncate(time.Microsecond)
		diff(t, "updated feed", &want, got)

		// Clearing the state stores zero times and empty strings again.
		f.ETag, f.LastError, f.ErrorCount, f.NextCheckAt = "", "", 0, time.Time{}
		must(t, s.UpdateFeed(c, f))
		got, err = s.FindFeedByID(c, f.ID)
		must(t, err)
		if got.ETag != "" || got.LastError != "" || got.ErrorCount != 0 || !got.NextCheckAt.IsZero() {
			t.Errorf("got %+v, want the cleared state", got)
		}

		all, err := s.FindFeeds(c)
		must(t, err)
		if len(all) != 2 || all[0].ID != f.ID || all[1].ID != g.ID {
			t.Errorf("got %d feeds, want 2 in id order", len(all))
		}

		must(t, s.DeleteFeed(c, f.ID))
		_, err = s.FindFeedByID(c, f.ID)
		wantCode(t, err, orewatch.ENOTFOUND)
		all, err = s.FindFeeds(c)
		must(t, err)
		if len(all) != 1 || all[0].ID != g.ID {
			t.Errorf("got %d feeds after delete, want only feed %d", len(all), g.ID)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		f := &orewatch.Feed{URL: "https://news.example.org/minerals/rss.xml"}
		must(t, s.CreateFeed(c, f))
		cases := []struct {
			name string
			err  func() error
			code string
		}{
			{"DuplicateURL", func() error { return s.CreateFeed(c, &orewatch.Feed{URL: f.URL, Title: "again"}) }, orewatch.ECONFLICT},
			{"NoURL", func() error { return s.CreateFeed(c, &orewatch.Feed{Title: "nameless"}) }, orewatch.EINVALID},
			{"NULInTitle", func() error { return s.CreateFeed(c, &orewatch.Feed{URL: "https://a.example/rss", Title: "a\x00b"}) }, orewatch.EINVALID},
			{"NULInLastError", func() error {
				g := *f
				g.LastError = "read: \x00"
				return s.UpdateFeed(c, &g)
			}, orewatch.EINVALID},
			{"FindMissing", func() error { _, err := s.FindFeedByID(c, f.ID+100); return err }, orewatch.ENOTFOUND},
			{"UpdateMissing", func() error { return s.UpdateFeed(c, &orewatch.Feed{ID: f.ID + 100, URL: "x"}) }, orewatch.ENOTFOUND},
			{"DeleteMissing", func() error { return s.DeleteFeed(c, f.ID+100) }, orewatch.ENOTFOUND},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) { wantCode(t, tc.err(), tc.code) })
		}
		all, err := s.FindFeeds(c)
		must(t, err)
		if len(all) != 1 {
			t.Errorf("got %d feeds, want 1", len(all))
		}
	})

	t.Run("DeleteKeepsArticles", func(t *testing.T) {
		s := open(t)
		c := ctx(t)
		f := &orewatch.Feed{URL: "https://wire.example.com/feed.json"}
		must(t, s.CreateFeed(c, f))
		a := articles()[1]
		a.FeedID = f.ID
		_, err := s.SaveArticle(c, a)
		must(t, err)
		got, err := s.FindArticleByID(c, a.ID)
		must(t, err)
		if got.FeedID != f.ID {
			t.Errorf("got FeedID %d, want %d", got.FeedID, f.ID)
		}
		must(t, s.DeleteFeed(c, f.ID))
		got, err = s.FindArticleByID(c, a.ID)
		must(t, err)
		if got.FeedID != 0 {
			t.Errorf("got FeedID %d after its feed was deleted, want 0", got.FeedID)
		}
	})
}

// testConcurrency reads while another goroutine writes: readers must never
// fail nor see half of a transaction.
func testConcurrency(t *testing.T, open OpenFunc) {
	s := open(t)
	c := ctx(t)
	_, err := s.ImportRelease(c, release2025())
	must(t, err)

	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-done:
					if n == 0 {
						errs <- fmt.Errorf("reader %d: no read completed", r)
					}
					return
				default:
				}
				figs, err := s.FindFigures(c, orewatch.FigureFilter{SourceID: ptr(mcs2026.ID)})
				if err != nil {
					errs <- fmt.Errorf("reader %d: FindFigures: %w", r, err)
					return
				}
				if len(figs) != 0 && len(figs) != len(release2026().Figures) {
					errs <- fmt.Errorf("reader %d: saw %d figures of a release of %d: a partial transaction", r, len(figs), len(release2026().Figures))
					return
				}
				if _, err := s.SearchArticles(c, "cobalt", 5); err != nil {
					errs <- fmt.Errorf("reader %d: SearchArticles: %w", r, err)
					return
				}
				as, err := s.FindArticles(c, orewatch.ArticleFilter{})
				if err != nil {
					errs <- fmt.Errorf("reader %d: FindArticles: %w", r, err)
					return
				}
				for _, a := range as {
					if len(a.Events) == 0 {
						errs <- fmt.Errorf("reader %d: article %d without its events: a partial transaction", r, a.ID)
						return
					}
				}
			}
		}()
	}

	// The writer: articles one transaction each, then a release, then more
	// articles from a second goroutine at the same time as a measure put.
	var ww sync.WaitGroup
	ww.Add(2)
	go func() {
		defer ww.Done()
		for i := range 6 {
			for _, a := range articles() {
				a.URL += fmt.Sprintf("#w%d", i)
				a.CanonicalURL, a.ContentHash = "", fmt.Sprintf("%s-%d", a.ContentHash, i)
				if _, err := s.SaveArticle(c, a); err != nil {
					errs <- fmt.Errorf("writer: SaveArticle: %w", err)
					return
				}
			}
		}
	}()
	go func() {
		defer ww.Done()
		if _, err := s.ImportRelease(c, release2026()); err != nil {
			errs <- fmt.Errorf("writer: ImportRelease: %w", err)
		}
		if _, err := s.PutMeasures(c, []*orewatch.Measure{galliumGermanium(), cobaltBan()}, t1); err != nil {
			errs <- fmt.Errorf("writer: PutMeasures: %w", err)
		}
	}()
	ww.Wait()
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	as, err := s.FindArticles(c, orewatch.ArticleFilter{Limit: 1000})
	must(t, err)
	if got, want := len(as), 6*len(articles()); got != want {
		t.Errorf("got %d articles, want %d", got, want)
	}
}
