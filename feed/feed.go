// Package feed reads RSS, Atom and JSON Feed documents into what ingestion
// needs: the feed's title and, for each item, its link (absolute), title,
// publication date and summary. It wraps github.com/mmcdole/gofeed, which no
// other package imports.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"orewatch"
)

// Feed is a parsed feed.
type Feed struct {
	Title  string
	Link   string // the site the feed belongs to, absolute when known
	Format string // "rss", "atom" or "json"
	Items  []*Item
}

// Item is one entry of a feed.
type Item struct {
	GUID      string
	URL       string // absolute http(s) link, or "" when the item has none
	Title     string
	Published orewatch.Date // unknown when the feed gives no date
	// PublishedAt is the instant the feed states, zero when it gives none.
	PublishedAt time.Time
	Summary     string // as the feed gives it; may be HTML
	Content     string // full content when the feed carries it; may be HTML
}

// ErrNotFeed is a document that is not RSS, Atom or JSON Feed.
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

// Parse reads body, fetched from feedURL, and resolves relative links
// against feedURL. A malformed or unrecognised document is an error that
// says what is wrong.
func Parse(body []byte, feedURL string) (f *Feed, err error) {
	// A third-party parser fed arbitrary bytes must not take the process
	// down with it: a panic becomes this feed's error.
	defer func() {
		if v := recover(); v != nil {
			f, err = nil, fmt.Errorf("parsing feed %s: parser failed: %v", feedURL, v)
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("parsing feed %s: empty document", feedURL)
	}
	base, _ := url.Parse(feedURL)
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, fmt.Errorf("parsing feed %s: %w", feedURL, ErrNotFeed)
		}
		return nil, fmt.Errorf("parsing feed %s: %w", feedURL, err)
	}
	f = &Feed{
		Title:  clean(gf.Title),
		Link:   resolve(base, gf.Link),
		Format: gf.FeedType,
	}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := &Item{
			GUID:    strings.TrimSpace(gi.GUID),
			Title:   clean(gi.Title),
			Summary: strings.TrimSpace(gi.Description),
			Content: strings.TrimSpace(gi.Content),
			URL:     itemLink(base, gi),
		}
		switch {
		case gi.PublishedParsed != nil:
			it.PublishedAt = withOffset(*gi.PublishedParsed, gi.Published)
		case gi.UpdatedParsed != nil:
			it.PublishedAt = withOffset(*gi.UpdatedParsed, gi.Updated)
		}
		if !it.PublishedAt.IsZero() && it.PublishedAt.Year() > 0 {
			// The date as the publisher printed it, in its own offset.
			it.Published = orewatch.DateOf(it.PublishedAt)
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// itemLink picks the item's link: its link element, else a GUID that is a
// URL (RSS permalinks), else the first of its other links.
func itemLink(base *url.URL, gi *gofeed.Item) string {
	candidates := append([]string{gi.Link, gi.GUID}, gi.Links...)
	for i, c := range candidates {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if i == 1 && !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
			continue // a GUID counts only when it is an absolute URL
		}
		if u := resolve(base, c); u != "" {
			return u
		}
	}
	return ""
}

// resolve makes ref absolute against base and keeps it only if it is http(s).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if s := strings.ToLower(r.Scheme); (s != "http" && s != "https") || r.Host == "" {
		return ""
	}
	return r.String()
}

// stampLayouts are the common feed date formats that carry a UTC offset.
var stampLayouts = []string{
	time.RFC3339Nano,
	time.RFC1123Z,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	"Mon, 2 Jan 2006 15:04 -0700",
}

// withOffset returns t in the offset the feed printed: the parser converts
// dates to UTC, which can move an evening story to the next day.
func withOffset(t time.Time, raw string) time.Time {
	raw = strings.TrimSpace(raw)
	for _, layout := range stampLayouts {
		if p, err := time.Parse(layout, raw); err == nil && p.Equal(t) {
			return p
		}
	}
	return t
}

// clean folds the runs of white space feeds put in titles.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }
