package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"orewatch"
)

func init() {
	register(&command{name: "events", summary: "list the events found in ingested articles", run: runEvents})
}

func runEvents(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("events", "events [--since D] [--until D] [--material M] [--country ISO3] [--type T] [--limit N] [--json] [--db DSN]",
		`List the events found in ingested articles, newest first: export controls,
bans, suspensions, quotas, supply agreements, tariffs and others. An event's
date is its announced date, or its article's publication date when it has
none; --since and --until (YYYY-MM-DD or YYYY-MM) are inclusive.

--material takes a catalogue name, alias or symbol and includes everything
below it ("rare earths" includes dysprosium); --country takes a name or code
and matches the actor or the counterparty; --type is one of
export_control, export_ban, export_control_suspension, quota,
supply_agreement, tariff, other. Unknown names fail with suggestions.

--json prints an array of events: id, article_id, type, actor,
counterparty, materials, announced, effective, evidence, confidence,
primary, measure.`)
	since := fs.String("since", "", "first date `D`")
	until := fs.String("until", "", "last date `D`")
	material := fs.String("material", "", "material `M` (and everything below it)")
	country := fs.String("country", "", "actor or counterparty `ISO3` (or name)")
	typ := fs.String("type", "", "event type `T`")
	limit := fs.Int("limit", orewatch.DefaultEventLimit, "at most `N` events")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("events takes no arguments, got %q (use --material, --country, --type)", pos[0])
	}
	if *limit <= 0 {
		return usagef("events: --limit must be positive, got %d", *limit)
	}
	cat := m.Catalog()
	// Flag values are checked here, so that a bad one is a usage error
	// naming the flag; unknown names stay the catalogue's not-found errors.
	tq := orewatch.EventQuery{Type: *typ}
	if err := tq.Resolve(cat); err != nil {
		return usagef("events: --type: %v", err)
	}
	q := orewatch.EventQuery{Material: *material, Country: *country, Type: *typ, Limit: *limit}
	if q.Since, err = parseDateFlag("events", "since", *since); err != nil {
		return err
	}
	if q.Until, err = parseDateFlag("events", "until", *until); err != nil {
		return err
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Since.After(q.Until) {
		return usagef("events: --since %s is after --until %s", q.Since, q.Until)
	}
	if err := q.Resolve(cat); err != nil {
		return err
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	events, err := orewatch.FindEventList(ctx, cat, store, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(nonNil(events))
	}
	if len(events) == 0 {
		fmt.Fprintln(m.Stdout, "no events")
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ANNOUNCED\tEFFECTIVE\tTYPE\tACTOR\tCOUNTERPARTY\tMATERIALS\tMEASURE\tARTICLE")
	for _, e := range events {
		mats := strings.Join(e.Materials, ", ")
		if len(e.Materials) > 3 {
			mats = strings.Join(e.Materials[:3], ", ") + fmt.Sprintf(" +%d more", len(e.Materials)-3)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t#%d\n", orDash(e.Announced.String()), orDash(e.Effective.String()),
			e.Type, orDash(e.Actor), orDash(e.Counterparty), orDash(mats), orDash(e.Measure), e.ArticleID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, plural(len(events), "event"))
	return nil
}
