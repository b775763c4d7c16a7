package ingest_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/ingest"
)

func rss(items ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Minerals Desk (test)</title><link>https://news.example.org/</link>
` + strings.Join(items, "\n") + `
</channel></rss>`)
}

func rssItem(title, link, date string) string {
	s := "<item><title>" + title + "</title>"
	if link != "" {
		s += "<link>" + link + "</link>"
	}
	if date != "" {
		s += "<pubDate>" + date + "</pubDate>"
	}
	return s + "</item>"
}

func TestPollFeeds(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	html := "text/html; charset=utf-8"
	s.set("/news/cobalt", response{ctype: html, body: page(t, "cobalt.html")})
	s.set("/news/gallium", response{ctype: html, body: page(t, "gallium.html")})
	s.set("/news/broken-page", response{status: http.StatusInternalServerError, body: []byte("oops")})
	s.set("/good.xml", response{ctype: "application/rss+xml", etag: `"g1"`, body: rss(
		rssItem("Congo halts cobalt exports", "/news/cobalt", "Sat, 22 Feb 2025 10:00:00 +0100"),
		rssItem("Gallium licences", "news/gallium", ""),
		rssItem("A page that fails", "/news/broken-page", ""),
		rssItem("No link at all", "", ""),
	)})
	s.set("/bad.xml", response{ctype: "application/rss+xml", body: []byte("<rss><channel><item><title>cut off")})

	store := mustStore(t)
	now := testNow
	p := newPipeline(t, store)
	p.Now = func() time.Time { return now }
	p.PollInterval = 30 * time.Minute

	good := &orewatch.Feed{URL: s.srv.URL + "/good.xml"}
	bad := &orewatch.Feed{URL: s.srv.URL + "/bad.xml", Title: "Broken on purpose"}
	for _, f := range []*orewatch.Feed{good, bad} {
		if err := store.CreateFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}

	// Round 1: the good feed is read and its new items stored; the broken
	// one records its error and backs off.
	rs, err := p.PollDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("%d feeds polled, want 2", len(rs))
	}
	g, b := rs[0], rs[1]
	if g.Status != ingest.FeedOK || g.Items != 4 || g.New != 3 || g.Stored != 2 || g.Failed != 1 {
		t.Errorf("good feed: %s, %d items, %d new, %d stored, %d failed; want ok, 4, 3, 2, 1", g.Status, g.Items, g.New, g.Stored, g.Failed)
	}
	if b.Status != ingest.FeedFailed || b.ErrorCount != 1 || !strings.Contains(b.Error, "XML syntax error") {
		t.Errorf("bad feed: %s, %d errors, %q; want failed, 1, an XML syntax error", b.Status, b.ErrorCount, b.Error)
	}
	byInput := map[string]ingest.Result{}
	for _, a := range g.Articles {
		byInput[a.Input] = a
	}
	if r := byInput[s.srv.URL+"/news/broken-page"]; r.Status != ingest.StatusFailed || !strings.Contains(r.Error, "500") {
		t.Errorf("failing page: %+v", r)
	}
	if r := byInput["No link at all"]; r.Status != ingest.StatusSkipped {
		t.Errorf("item without a link: %+v", r)
	}

	gf, _ := store.FindFeedByID(ctx, good.ID)
	bf, _ := store.FindFeedByID(ctx, bad.ID)
	if gf.Title != "Minerals Desk (test)" || gf.ETag != `"g1"` || gf.ErrorCount != 0 || !gf.NextCheckAt.Equal(now.Add(30*time.Minute)) {
		t.Errorf("good feed stored as title %q, etag %q, %d errors, next %v", gf.Title, gf.ETag, gf.ErrorCount, gf.NextCheckAt)
	}
	if bf.Title != "Broken on purpose" || bf.ErrorCount != 1 || bf.LastError == "" || !bf.NextCheckAt.Equal(now.Add(30*time.Minute)) || !bf.LastCheckedAt.Equal(now) {
		t.Errorf("bad feed stored as title %q, %d errors, %q, next %v, checked %v", bf.Title, bf.ErrorCount, bf.LastError, bf.NextCheckAt, bf.LastCheckedAt)
	}

	// The feed's date fills in for a page without one; the page's own wins.
	for _, r := range g.Articles {
		if r.Status != ingest.StatusStored {
			continue
		}
		a, err := store.FindArticleByID(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.FeedID != good.ID {
			t.Errorf("%s: feed id %d, want %d", a.URL, a.FeedID, good.ID)
		}
		if strings.HasSuffix(a.URL, "/news/cobalt") && a.Published != orewatch.MustParseDate("2025-02-22") {
			t.Errorf("cobalt story published %v", a.Published)
		}
	}

	// Round 2, half an hour on: the good feed has not changed (304); the
	// broken one fails again and waits twice as long.
	now = now.Add(31 * time.Minute)
	rs, err = p.PollDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Status != ingest.FeedNotModified || rs[1].ErrorCount != 2 {
		t.Fatalf("round 2: %+v", rs)
	}
	if want := now.Add(time.Hour); !rs[1].NextCheckAt.Equal(want) {
		t.Errorf("after 2 failures next check %v, want %v", rs[1].NextCheckAt, want)
	}

	// Round 3, a minute later: nothing is due.
	now = now.Add(time.Minute)
	if rs, err = p.PollDue(ctx); err != nil || len(rs) != 0 {
		t.Fatalf("round 3 polled %d feeds (%v), want none", len(rs), err)
	}

	// The broken feed is fixed and a new story is added to the good one:
	// only new items are fetched, the failed page is tried again, and the
	// fixed feed's error is cleared.
	s.set("/bad.xml", response{ctype: "application/rss+xml", body: rss(rssItem("Nickel", "/news/nickel", ""))})
	s.set("/news/nickel", response{ctype: "text/plain", body: page(t, "nickel.txt")})
	s.set("/good.xml", response{ctype: "application/rss+xml", etag: `"g2"`, body: rss(
		rssItem("Congo halts cobalt exports", "/news/cobalt", ""),
		rssItem("Gallium licences", "news/gallium", ""),
		rssItem("A page that fails", "/news/broken-page", ""),
		rssItem("Cobalt, another outlet", "/news/cobalt-copy", ""),
	)})
	s.set("/news/cobalt-copy", response{ctype: html, body: page(t, "cobalt-copy.html")})
	hitsBefore := s.hitCount("/news/cobalt")
	rs, err = p.PollFeeds(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if g := rs[0]; g.Status != ingest.FeedOK || g.New != 2 || g.Stored != 1 || g.Failed != 1 {
		t.Errorf("good feed: %s, %d new, %d stored, %d failed; want ok, 2, 1, 1", g.Status, g.New, g.Stored, g.Failed)
	}
	if s.hitCount("/news/cobalt") != hitsBefore {
		t.Error("a stored item was fetched again")
	}
	if b := rs[1]; b.Status != ingest.FeedOK || b.ErrorCount != 0 || b.Error != "" || b.Stored != 1 {
		t.Errorf("fixed feed: %+v", b)
	}
	bf, _ = store.FindFeedByID(ctx, bad.ID)
	if bf.ErrorCount != 0 || bf.LastError != "" || !bf.NextCheckAt.Equal(now.Add(30*time.Minute)) {
		t.Errorf("fixed feed stored with %d errors, %q, next %v", bf.ErrorCount, bf.LastError, bf.NextCheckAt)
	}
	// The other outlet's copy joined the first cobalt story's cluster.
	copyRes := rs[0].Articles[len(rs[0].Articles)-1]
	first := byInput[s.srv.URL+"/news/cobalt"]
	if !strings.HasSuffix(copyRes.Input, "/news/cobalt-copy") || copyRes.ClusterID != first.ID {
		t.Errorf("copy %s in cluster %d, want %d", copyRes.Input, copyRes.ClusterID, first.ID)
	}
}

func TestBackoffCap(t *testing.T) {
	for _, tc := range []struct {
		interval, max time.Duration
		n             int
		want          time.Duration
	}{
		{30 * time.Minute, 24 * time.Hour, 0, 30 * time.Minute},
		{30 * time.Minute, 24 * time.Hour, 1, 30 * time.Minute},
		{30 * time.Minute, 24 * time.Hour, 3, 2 * time.Hour},
		{30 * time.Minute, 24 * time.Hour, 1000, 24 * time.Hour},
		{0, 0, 2, time.Hour}, // defaults: 30 min, 24 h
		{time.Hour, 90 * time.Minute, 2, 90 * time.Minute},
		{48 * time.Hour, 24 * time.Hour, 1, 24 * time.Hour},
	} {
		t.Run(fmt.Sprintf("%v/%v/%d", tc.interval, tc.max, tc.n), func(t *testing.T) {
			p := &ingest.Pipeline{PollInterval: tc.interval, MaxBackoff: tc.max}
			if got := p.Backoff(tc.n); got != tc.want {
				t.Errorf("Backoff(%d) = %v, want %v", tc.n, got, tc.want)
			}
		})
	}
}

func TestPoller(t *testing.T) {
	s := newSite(t)
	s.set("/feed.xml", response{ctype: "application/rss+xml", body: rss(rssItem("Cobalt", "/news/cobalt", ""))})
	s.set("/news/cobalt", response{ctype: "text/html", body: page(t, "cobalt.html")})
	store := mustStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := store.CreateFeed(ctx, &orewatch.Feed{URL: s.srv.URL + "/feed.xml"}); err != nil {
		t.Fatal(err)
	}
	p := newPipeline(t, store)
	p.Now = time.Now

	var mu sync.Mutex
	var rounds [][]ingest.FeedResult
	pl := &ingest.Poller{Pipeline: p, Round: func(rs []ingest.FeedResult, err error) {
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		rounds = append(rounds, rs)
		if len(rounds) == 2 {
			cancel()
		}
		mu.Unlock()
	}}
	done := make(chan error)
	go func() { done <- pl.Run(ctx, 20*time.Millisecond) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil when the context ends", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("poller did not stop")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(rounds) < 2 || len(rounds[0]) != 1 || rounds[0][0].Stored != 1 {
		t.Fatalf("rounds = %+v, want a first round storing the item", rounds)
	}
	if p.PollInterval != 20*time.Millisecond {
		t.Errorf("PollInterval = %v, want the poller's interval", p.PollInterval)
	}

	if err := (&ingest.Poller{Pipeline: p}).Run(context.Background(), 0); err == nil {
		t.Error("Run with a zero interval did not fail")
	}
}
