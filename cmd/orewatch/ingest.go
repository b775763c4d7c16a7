package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"orewatch"
	"orewatch/fetch"
	"orewatch/ingest"
	"orewatch/nlp"
	"orewatch/refdata"
	"orewatch/registry"
)

func init() {
	register(&command{name: "ingest", summary: "read files, folders, web pages or stdin into the store", run: runIngest})
}

func runIngest(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("ingest", "ingest PATH|URL|- ... [--published D] [--json] [--allow-private] [--db DSN]",
		`Read each input, extract its main text, find the countries, organizations,
materials, events and claims in it, and store it. An input is a .txt, .html
or .htm file, a folder (every such file below it), an http(s) URL, or - for
stdin (HTML when it starts with '<', plain text otherwise).

Re-ingesting changes nothing: an article whose text or canonical URL is
stored already is reported as a duplicate with its id. Copies of one story
from several outlets are grouped in one cluster.

Prints one line per input: stored, duplicate or failed, with the article id
and the number of events. --json prints an array of {input, status, id,
cluster_id, url, title, events, claims, error}. The exit code is 1 when any
input failed.`)
	published := fs.String("published", "", "publication date `YYYY-MM-DD` (or YYYY-MM) of the inputs, in place of what they state")
	asJSON := fs.Bool("json", false, "print JSON")
	allowPrivate := fs.Bool("allow-private", false, "allow URLs on loopback and private networks")
	m.addDBFlag(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("ingest needs at least one PATH, URL or - (see 'orewatch ingest --help')")
	}
	if n := countStdin(inputs); n > 1 {
		return usagef("ingest: - (stdin) can be given only once")
	}
	pub, err := parseDateFlag("ingest", "published", *published)
	if err != nil {
		return err
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	p, err := m.newPipeline(ctx, store, *allowPrivate)
	if err != nil {
		return err
	}
	p.Published = pub
	results, runErr := p.Ingest(ctx, inputs, m.Stdin)
	if *asJSON {
		if results == nil {
			results = []ingest.Result{}
		}
		if err := m.printJSON(results); err != nil {
			return err
		}
	} else {
		printIngestResults(m, results)
	}
	if runErr != nil {
		return runErr
	}
	if n := countFailed(results); n > 0 {
		return fmt.Errorf("%d of %d inputs failed", n, len(results))
	}
	return nil
}

func countStdin(inputs []string) int {
	n := 0
	for _, in := range inputs {
		if in == "-" {
			n++
		}
	}
	return n
}

func countFailed(rs []ingest.Result) int {
	n := 0
	for _, r := range rs {
		if r.Status == ingest.StatusFailed {
			n++
		}
	}
	return n
}

func printIngestResults(m *Main, rs []ingest.Result) {
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	counts := map[ingest.Status]int{}
	for _, r := range rs {
		counts[r.Status]++
		switch r.Status {
		case ingest.StatusFailed, ingest.StatusSkipped:
			fmt.Fprintf(tw, "%s\t\t\t%s: %s\n", r.Status, r.Input, strings.TrimPrefix(r.Error, r.Input+": "))
		default:
			fmt.Fprintf(tw, "%s\t#%d\t%s\t%s", r.Status, r.ID, plural(r.Events, "event"), r.Input)
			if r.Status == ingest.StatusStored && r.ClusterID != 0 && r.ClusterID != r.ID {
				fmt.Fprintf(tw, " (same story as #%d)", r.ClusterID)
			}
			fmt.Fprintln(tw)
		}
	}
	tw.Flush()
	fmt.Fprintf(m.Stdout, "%d stored, %d duplicate, %d failed\n", counts[ingest.StatusStored], counts[ingest.StatusDuplicate], counts[ingest.StatusFailed])
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// parseDateFlag reads an optional date flag; a bad one is a usage error
// naming the flag.
func parseDateFlag(cmd, flag, v string) (orewatch.Date, error) {
	d, err := orewatch.ParseDate(v)
	if err != nil {
		return d, usagef("%s: --%s: %v", cmd, flag, err)
	}
	return d, nil
}

// newPipeline builds the ingestion pipeline over the store: the analyzer
// checks claims against the store's latest reference figures and links
// events to its current registry measures.
func (m *Main) newPipeline(ctx context.Context, store orewatch.Store, allowPrivate bool) (*ingest.Pipeline, error) {
	figs, err := store.FindFigures(ctx, orewatch.FigureFilter{Latest: true})
	if err != nil {
		return nil, fmt.Errorf("reading reference figures: %w", err)
	}
	measures, err := store.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return nil, fmt.Errorf("reading registry measures: %w", err)
	}
	return &ingest.Pipeline{
		Store:    store,
		Analyzer: nlp.New(m.Catalog(), figs, measures),
		Fetcher:  &fetch.Client{AllowPrivate: allowPrivate},
		Now:      m.Now,
		Logger:   slog.New(slog.DiscardHandler),
	}, nil
}

// newStorelessPipeline builds a pipeline that only reads, for `extract`: its
// analyzer uses the embedded reference releases and registry, so no store
// is opened.
func (m *Main) newStorelessPipeline(allowPrivate bool) (*ingest.Pipeline, error) {
	releases, err := refdata.Releases()
	if err != nil {
		return nil, fmt.Errorf("reading the embedded reference data: %w", err)
	}
	measures, err := registry.Embedded(m.Catalog())
	if err != nil {
		return nil, fmt.Errorf("reading the embedded registry: %w", err)
	}
	return &ingest.Pipeline{
		Analyzer: nlp.New(m.Catalog(), ingest.LatestFigures(releases), measures),
		Fetcher:  &fetch.Client{AllowPrivate: allowPrivate},
		Now:      m.Now,
		Logger:   slog.New(slog.DiscardHandler),
	}, nil
}

// runPoller polls the store's feeds every interval until ctx ends; the
// serve command starts it in the background (startPoller).
func runPoller(ctx context.Context, m *Main, s orewatch.Store, interval time.Duration) error {
	p, err := m.newPipeline(ctx, s, false)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting: not a failure
		}
		return err
	}
	p.Logger = slog.Default()
	return (&ingest.Poller{Pipeline: p}).Run(ctx, interval)
}
