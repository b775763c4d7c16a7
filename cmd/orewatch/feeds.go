package main

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"orewatch"
	"orewatch/dedup"
)

func init() {
	register(&command{name: "feeds", summary: "add, list and remove the RSS, Atom and JSON feeds that poll reads", run: runFeeds})
}

const feedsSynopsis = "feeds add URL [--title T] | feeds list [--json] | feeds remove ID|URL"

func runFeeds(ctx context.Context, m *Main, args []string) error {
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	switch sub {
	case "add":
		return runFeedsAdd(ctx, m, args)
	case "list", "ls":
		return runFeedsList(ctx, m, args)
	case "remove", "rm":
		return runFeedsRemove(ctx, m, args)
	case "":
		fs := m.newFlagSet("feeds", feedsSynopsis,
			`Manage the feeds that 'orewatch poll' (and 'orewatch serve') read:
  feeds add URL [--title T]   add an RSS, Atom or JSON feed
  feeds list [--json]         list the feeds with their polling state
  feeds remove ID|URL         remove a feed (its articles stay)`)
		if _, err := parseArgs(fs, args); err != nil {
			return err
		}
		return usagef("feeds needs a subcommand: add, list or remove (see 'orewatch feeds --help')")
	}
	return usagef("feeds: unknown subcommand %q (want add, list or remove)", sub)
}

func runFeedsAdd(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("feeds add", "feeds add URL [--title T] [--db DSN]",
		`Add an RSS, Atom or JSON feed. It is read at the next poll; its title is
taken from the feed when --title is not given.`)
	title := fs.String("title", "", "title `T` of the feed")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds add takes one URL, got %d", len(pos))
	}
	raw := strings.TrimSpace(pos[0])
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return orewatch.Errorf(orewatch.EINVALID, "feed URL %q: want an absolute http or https URL", raw)
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	f := &orewatch.Feed{URL: u.String(), Title: strings.TrimSpace(*title)}
	if err := store.CreateFeed(ctx, f); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "added feed %d: %s\n", f.ID, f.URL)
	return nil
}

func runFeedsList(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("feeds list", "feeds list [--json] [--db DSN]",
		`List the feeds with their polling state: when each was last checked, when
it is next due, and the last error with the count of failures in a row.

--json prints an array of {id, url, title, etag, last_modified,
last_checked_at, next_check_at, error_count, last_error, created_at}.`)
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("feeds list takes no arguments, got %q", pos[0])
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	feeds, err := store.FindFeeds(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(nonNil(feeds))
	}
	if len(feeds) == 0 {
		fmt.Fprintln(m.Stdout, "no feeds (add one with 'orewatch feeds add URL')")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tURL\tLAST CHECKED\tNEXT CHECK\tERRORS\tLAST ERROR")
	for _, f := range feeds {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\n", f.ID, orDash(f.Title), f.URL, stamp(f.LastCheckedAt), stamp(f.NextCheckAt), f.ErrorCount, orDash(shorten(f.LastError, 60)))
	}
	return tw.Flush()
}

func runFeedsRemove(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("feeds remove", "feeds remove ID|URL [--db DSN]",
		`Remove a feed, named by its id or URL. The articles read from it stay.`)
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("feeds remove takes one ID or URL, got %d", len(pos))
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	f, err := findFeed(ctx, store, pos[0])
	if err != nil {
		return err
	}
	if err := store.DeleteFeed(ctx, f.ID); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "removed feed %d: %s\n", f.ID, f.URL)
	return nil
}

// findFeed finds a feed by id or by URL (compared in canonical form).
func findFeed(ctx context.Context, s orewatch.FeedStore, ref string) (*orewatch.Feed, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return s.FindFeedByID(ctx, id)
	}
	feeds, err := s.FindFeeds(ctx)
	if err != nil {
		return nil, err
	}
	want := dedup.CanonicalURL(ref)
	for _, f := range feeds {
		if f.URL == ref || dedup.CanonicalURL(f.URL) == want {
			return f, nil
		}
	}
	return nil, orewatch.Errorf(orewatch.ENOTFOUND, "no feed with id or URL %q (see 'orewatch feeds list')", ref)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
