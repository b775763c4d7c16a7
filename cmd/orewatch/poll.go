package main

import (
	"context"
	"fmt"
	"log/slog"
	"text/tabwriter"

	"orewatch/ingest"
)

func init() {
	register(&command{name: "poll", summary: "read the stored feeds and ingest their new items", run: runPoll})
}

func runPoll(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("poll", "poll [--once] [--all] [--interval D] [--allow-private] [--json] [--db DSN]",
		`Read the feeds that are due (see 'orewatch feeds list'), fetch their new
items and ingest them, then wait --interval and poll again, until
interrupted. With --once, poll the due feeds once and exit; with --once
--all, poll every feed now, whatever its next check time (after fixing what
made a feed fail, for instance). The exit code of --once is 1 when a feed
failed.

Feeds are fetched with conditional requests, politely (one request at a
time per host, with a pause between them). A feed that fails keeps its
error and waits longer after each failure in a row (the interval doubled
each time, at most a day); the other feeds go on. A page that cannot be
read is reported and skipped.

--json (with --once) prints an array of per-feed results: feed_id, url,
title, status (ok, not_modified, failed), error, error_count,
next_check_at, items, new, stored, duplicates, failed, articles.`)
	once := fs.Bool("once", false, "poll once and exit")
	all := fs.Bool("all", false, "with --once, poll every feed, not only the due ones")
	interval := fs.Duration("interval", ingest.DefaultPollInterval, "time `D` between polls, and before a feed read successfully is due again")
	allowPrivate := fs.Bool("allow-private", false, "allow feeds and pages on loopback and private networks")
	asJSON := fs.Bool("json", false, "print JSON (with --once)")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("poll takes no arguments, got %q", pos[0])
	}
	if *interval <= 0 {
		return usagef("poll: --interval must be positive, got %v", *interval)
	}
	if *asJSON && !*once {
		return usagef("poll: --json needs --once")
	}
	if *all && !*once {
		return usagef("poll: --all needs --once")
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	p, err := m.newPipeline(ctx, store, *allowPrivate)
	if err != nil {
		return err
	}
	p.PollInterval = *interval
	if !*once {
		p.Logger = slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
		fmt.Fprintf(m.Stderr, "polling feeds every %v; interrupt to stop\n", *interval)
		return (&ingest.Poller{Pipeline: p}).Run(ctx, *interval)
	}
	results, err := p.PollFeeds(ctx, *all)
	if *asJSON {
		if results == nil {
			results = []ingest.FeedResult{}
		}
		if jerr := m.printJSON(results); jerr != nil {
			return jerr
		}
	} else {
		printPollResults(m, results)
	}
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range results {
		if r.Status == ingest.FeedFailed {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d feeds failed", failed, len(results))
	}
	return nil
}

func printPollResults(m *Main, rs []ingest.FeedResult) {
	if len(rs) == 0 {
		fmt.Fprintln(m.Stdout, "no feeds due (see 'orewatch feeds list')")
		return
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tSTATUS\tITEMS\tNEW\tSTORED\tDUPLICATE\tFAILED\tNEXT CHECK\tURL")
	for _, r := range rs {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", r.FeedID, r.Status, r.Items, r.New, r.Stored, r.Duplicates, r.Failed, stamp(r.NextCheckAt), r.URL)
	}
	tw.Flush()
	for _, r := range rs {
		if r.Error != "" {
			fmt.Fprintf(m.Stdout, "feed %d failed (%d in a row): %s\n", r.FeedID, r.ErrorCount, r.Error)
		}
		for _, a := range r.Articles {
			if a.Status == ingest.StatusFailed {
				fmt.Fprintf(m.Stdout, "feed %d: %s: %s\n", r.FeedID, a.Input, a.Error)
			}
		}
	}
}
