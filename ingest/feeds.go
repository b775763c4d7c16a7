package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"orewatch"
	"orewatch/dedup"
	"orewatch/feed"
	"orewatch/fetch"
)

// Feed poll statuses.
const (
	FeedOK          = "ok"
	FeedNotModified = "not_modified"
	FeedFailed      = "failed"
)

// FeedResult is the outcome of polling one feed.
type FeedResult struct {
	FeedID      int64     `json:"feed_id"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	Status      string    `json:"status"` // ok, not_modified or failed
	Error       string    `json:"error,omitempty"`
	ErrorCount  int       `json:"error_count"`
	NextCheckAt time.Time `json:"next_check_at"`
	Items       int       `json:"items"` // in the feed document
	New         int       `json:"new"`   // not seen before, and read
	Stored      int       `json:"stored"`
	Duplicates  int       `json:"duplicates"`
	Failed      int       `json:"failed"`
	Articles    []Result  `json:"articles"`
}

// feedAccept asks for feeds first.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

// PollDue polls every feed whose next check time has come.
func (p *Pipeline) PollDue(ctx context.Context) ([]FeedResult, error) {
	return p.PollFeeds(ctx, false)
}

// PollFeeds polls the stored feeds: the due ones, or all of them when all is
// true. Feeds are polled a few at a time (Workers); one failing feed records
// its error and backs off, and the others go on. The error is for what
// stops the whole round: the store failing or ctx ending.
func (p *Pipeline) PollFeeds(ctx context.Context, all bool) ([]FeedResult, error) {
	if p.Store == nil {
		return nil, errors.New("ingest: the pipeline has no store")
	}
	feeds, err := p.Store.FindFeeds(ctx)
	if err != nil {
		return nil, err
	}
	now := p.now()
	var due []*orewatch.Feed
	for _, f := range feeds {
		if all || f.NextCheckAt.IsZero() || !f.NextCheckAt.After(now) {
			due = append(due, f)
		}
	}
	results := make([]FeedResult, len(due))
	errs := make([]error, len(due))
	sem := make(chan struct{}, p.workers())
	var wg sync.WaitGroup
	for i, f := range due {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results[i], errs[i] = FeedResult{FeedID: f.ID, URL: f.URL, Title: f.Title, Status: FeedFailed, Error: ctx.Err().Error()}, ctx.Err()
				return
			}
			defer func() { <-sem }()
			results[i], errs[i] = p.PollFeed(ctx, f)
		})
	}
	wg.Wait()
	return results, errors.Join(errs...)
}

// PollFeed polls one feed now: a conditional GET, then every item not seen
// before is fetched, read and stored. The feed's polling state is updated:
// on success its error count is reset and it is due again after
// PollInterval; on failure the error is kept, the count goes up and the
// next check backs off exponentially, up to MaxBackoff. A failing item is a
// failed result of its own and does not make the feed fail.
func (p *Pipeline) PollFeed(ctx context.Context, f *orewatch.Feed) (FeedResult, error) {
	res := FeedResult{FeedID: f.ID, URL: f.URL, Title: f.Title, Articles: []Result{}}
	now := p.now()
	f.LastCheckedAt = now.UTC()

	resp, err := p.fetcher().Do(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified, Accept: feedAccept})
	if err == nil && !resp.NotModified {
		var parsed *feed.Feed
		if parsed, err = feed.Parse(resp.Body, resp.URL); err == nil {
			if f.Title == "" {
				f.Title = parsed.Title
			}
			res.Title, res.Items = f.Title, len(parsed.Items)
			if err = p.pollItems(ctx, f, parsed.Items, &res); err != nil && ctx.Err() == nil {
				return res, err // the store failed
			}
		}
	}
	if ctx.Err() != nil {
		// Interrupted: not the feed's fault, and nothing to record.
		res.Status, res.Error = FeedFailed, ctx.Err().Error()
		return res, ctx.Err()
	}
	if err != nil {
		f.ErrorCount++
		f.LastError = errorText(err)
		f.NextCheckAt = now.Add(p.Backoff(f.ErrorCount)).UTC()
		res.Status, res.Error = FeedFailed, f.LastError
		p.logger().Warn("feed failed", "feed", f.ID, "url", f.URL, "errors", f.ErrorCount, "next", f.NextCheckAt, "err", err)
	} else {
		f.ErrorCount, f.LastError = 0, ""
		f.NextCheckAt = now.Add(p.pollInterval()).UTC()
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		res.Status = FeedOK
		if resp.NotModified {
			res.Status = FeedNotModified
		}
	}
	res.ErrorCount, res.NextCheckAt = f.ErrorCount, f.NextCheckAt
	if err := p.Store.UpdateFeed(ctx, f); err != nil {
		return res, fmt.Errorf("recording the poll of feed %d: %w", f.ID, err)
	}
	return res, nil
}

// pollItems reads and stores the feed's new items with a bounded pool.
func (p *Pipeline) pollItems(ctx context.Context, f *orewatch.Feed, items []*feed.Item, res *FeedResult) error {
	if err := p.loadSeen(ctx); err != nil {
		return err
	}
	var todo []*feed.Item
	inBatch := map[string]bool{}
	for _, it := range items {
		if it.URL == "" {
			res.Articles = append(res.Articles, Result{Input: it.Title, Title: it.Title, Status: StatusSkipped, Error: "the item has no link"})
			continue
		}
		c := dedup.CanonicalURL(it.URL)
		if p.isSeen(c) || inBatch[c] {
			continue
		}
		inBatch[c] = true
		todo = append(todo, it)
	}
	res.New = len(todo)

	out := make([]Result, len(todo))
	errs := make([]error, len(todo))
	sem := make(chan struct{}, p.workers())
	var wg sync.WaitGroup
	for i, it := range todo {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				out[i], errs[i] = Result{Input: it.URL, Status: StatusFailed, Error: ctx.Err().Error()}, ctx.Err()
				return
			}
			defer func() { <-sem }()
			out[i], errs[i] = p.ingestItem(ctx, f, it)
		})
	}
	wg.Wait()
	for _, r := range out {
		switch r.Status {
		case StatusStored:
			res.Stored++
		case StatusDuplicate:
			res.Duplicates++
		case StatusFailed:
			res.Failed++
		}
	}
	res.Articles = append(res.Articles, out...)
	return errors.Join(errs...)
}

// ingestItem fetches, reads and stores one feed item. The page's own title
// and date win; the feed's fill in what the page does not say (before
// analysis, which reads relative dates against the publication date).
func (p *Pipeline) ingestItem(ctx context.Context, f *orewatch.Feed, it *feed.Item) (Result, error) {
	a, err := p.readURL(ctx, it.URL, source{feedID: f.ID, title: it.Title, published: it.Published})
	return p.store(ctx, it.URL, a, err)
}

// loadSeen reads the canonical URLs of recently stored articles once, so
// that items stored before are not fetched again. The store's own
// de-duplication remains the guarantee; this only spares the fetch.
func (p *Pipeline) loadSeen(ctx context.Context) error {
	p.seenMu.Lock()
	defer p.seenMu.Unlock()
	if p.seen != nil {
		return nil
	}
	since := p.now().Add(-p.clusterWindow())
	as, err := p.Store.FindArticles(ctx, orewatch.ArticleFilter{Since: &since, Limit: seenLimit})
	if err != nil {
		return err
	}
	p.seen = make(map[string]bool, len(as))
	for _, a := range as {
		if a.CanonicalURL != "" {
			p.seen[a.CanonicalURL] = true
		}
	}
	return nil
}

// seenLimit bounds the articles loadSeen reads.
const seenLimit = 5000

func (p *Pipeline) isSeen(canonical string) bool {
	p.seenMu.Lock()
	defer p.seenMu.Unlock()
	return p.seen[canonical]
}

// Backoff is how long a feed that has failed n times in a row waits before
// its next check: PollInterval doubled for each failure after the first, at
// most MaxBackoff.
func (p *Pipeline) Backoff(n int) time.Duration {
	d, max := p.pollInterval(), p.maxBackoff()
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

func (p *Pipeline) pollInterval() time.Duration {
	if p.PollInterval > 0 {
		return p.PollInterval
	}
	return DefaultPollInterval
}

func (p *Pipeline) maxBackoff() time.Duration {
	if p.MaxBackoff > 0 {
		return p.MaxBackoff
	}
	return DefaultMaxBackoff
}

func (p *Pipeline) workers() int {
	if p.Workers > 0 {
		return p.Workers
	}
	return DefaultWorkers
}
