package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"orewatch"
	"orewatch/registry"
)

func init() {
	register(&command{name: "check", summary: "what exporting an item from A to B needs on a date, and why (or screen a bill of materials)", run: runCheck})
}

const checkSynopsis = `check ITEM --from A --to B [--date D] [--end-use civil|military] [--content-share PCT --made-in C] [--as-known D2] [--json]
       orewatch check --bom FILE.csv [--date D] [--end-use civil|military] [--json|--csv]`

func runCheck(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("check", checkSynopsis,
		`Decide what exporting ITEM from country A to country B needs on date D under
the export-control registry, most restrictive first: prohibited, quota,
licence_required or not_controlled. ITEM is a material name, alias or symbol
("gallium", "Dy"), a catalogue product or technology, or a tariff line of 6
to 10 digits (matched by prefix). The answer lists the measures that apply,
those suspended on the day (by which suspension, until when), those
announced but not yet in force, and suspensions that have lapsed, with a
plain-words explanation citing each record.

--content-share and --made-in screen re-exports from other countries under
China's extraterritorial rules: --made-in CHN for a China-made item, or
--made-in C --content-share PCT for an item made in C with PCT percent
China-origin content. Without them a re-export is screened on the rules of
the exporting country only. --as-known D2 answers as the registry knew it at
the end of D2 (or at an RFC 3339 instant).

--bom FILE.csv screens a bill of materials (- for standard input) with the
columns part,item,origin,destination and optionally date,end_use,
content_share (a header row may name them in any order). It streams: one
result per line as it goes (text, --json for JSON Lines, --csv for CSV), then
a summary. Lines without a date or end use take --date and --end-use. Bad
lines are reported with their numbers on standard error and in the summary,
and the rest are still screened; the exit code is then 1.

--json of a single check prints {"item", "materials", "from", "to", "date",
"end_use", "decision", "applied": [{"id", "type", "effect", "instrument",
"source_url"}], "suspended": [{"id", "suspended_by", "until"}], "upcoming":
[{"id", "effective"}], "lapsed": [{"id", "suspension", "lapsed_on"}],
"explanation"}.`)
	from := fs.String("from", "", "exporting country (ISO3 code or name)")
	to := fs.String("to", "", "destination country (ISO3 code or name)")
	date := fs.String("date", "", "the day to answer for, YYYY-MM-DD (default: today)")
	endUse := fs.String("end-use", "", "civil (default) or military")
	share := fs.Float64("content-share", 0, "percent of China-origin content, for de minimis rules")
	madeIn := fs.String("made-in", "", "country where the item was made, when it is re-exported")
	asKnown := fs.String("as-known", "", "answer as the registry knew it on this day (YYYY-MM-DD) or instant (RFC 3339)")
	bomFile := fs.String("bom", "", "screen this bill-of-materials CSV file (- for standard input)")
	asJSON := fs.Bool("json", false, "print JSON (JSON Lines with --bom)")
	asCSV := fs.Bool("csv", false, "with --bom: print CSV results")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	q := orewatch.CheckQuery{From: *from, To: *to, EndUse: strings.ToLower(*endUse), ContentShare: *share, MadeIn: *madeIn}
	if q.Date, err = checkDateFlag(*date, m.Now); err != nil {
		return err
	}
	switch q.EndUse {
	case "", registry.EndUseCivil, registry.EndUseMilitary:
	default:
		return usagef("check: --end-use must be civil or military, got %q", *endUse)
	}
	if *asKnown != "" {
		t, err := parseAsKnown(*asKnown)
		if err != nil {
			return err
		}
		q.AsKnown = &t
	}
	if *asJSON && *asCSV {
		return usagef("check: --json and --csv cannot be combined")
	}

	if set["bom"] {
		if len(pos) > 0 {
			return usagef("check --bom takes no ITEM (got %q): the items are in the file", pos[0])
		}
		for _, f := range []string{"from", "to", "content-share", "made-in"} {
			if set[f] {
				return usagef("check --bom: --%s does not apply: each line gives its own", f)
			}
		}
		return m.checkBOM(ctx, *bomFile, q, *asJSON, *asCSV)
	}
	if *asCSV {
		return usagef("check: --csv applies to --bom only")
	}
	switch {
	case len(pos) == 0:
		return usagef("check needs an ITEM (see 'orewatch check --help')")
	case len(pos) > 1:
		return usagef("check takes one ITEM, got %d (%s); quote names with spaces", len(pos), strings.Join(pos, ", "))
	case q.From == "":
		return usagef("check: --from is required (the exporting country)")
	case q.To == "":
		return usagef("check: --to is required (the destination country)")
	case set["content-share"] && (*share < 0 || *share > 100):
		return usagef("check: --content-share must be a percentage between 0 and 100")
	}
	q.Item = pos[0]

	reg, err := m.registry(ctx)
	if err != nil {
		return err
	}
	d, err := reg.Check(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(d)
	}
	printDetermination(m.Stdout, d)
	return nil
}

// registry returns the registry service over the store.
func (m *Main) registry(ctx context.Context) (orewatch.RegistryService, error) {
	store, err := m.Store(ctx)
	if err != nil {
		return nil, err
	}
	if newRegistry == nil {
		return nil, fmt.Errorf("no registry service is wired in")
	}
	svc := newRegistry(store, m.Catalog())
	if rs, ok := svc.(*registry.Service); ok {
		rs.Now = m.Now
	}
	return svc, nil
}

// checkDateFlag reads --date: a day, or today by m.Now when empty.
func checkDateFlag(v string, now func() time.Time) (orewatch.Date, error) {
	return dayArg("--date", v, now)
}

// dayArg reads a day given as the flag or argument name: YYYY-MM-DD, or
// today by now when empty or "today". A bad value is a usage error naming
// it.
func dayArg(name, v string, now func() time.Time) (orewatch.Date, error) {
	if v == "" || strings.EqualFold(v, "today") {
		return orewatch.DateOf(now()), nil
	}
	d, err := orewatch.ParseDate(v)
	if err != nil {
		return d, usagef("%s: %v", name, err)
	}
	if d.MonthOnly() {
		return d, usagef("%s %s names a month: want a day (YYYY-MM-DD)", name, v)
	}
	return d, nil
}

// parseAsKnown reads --as-known: an RFC 3339 instant, or a day meaning its
// last instant in UTC (what the registry knew by the end of that day).
func parseAsKnown(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t, nil
	}
	d, err := orewatch.ParseDate(v)
	if err != nil || d.MonthOnly() {
		return time.Time{}, usagef("--as-known %q: want a day (YYYY-MM-DD) or an RFC 3339 instant", v)
	}
	return d.AddDays(1).Time().Add(-time.Microsecond), nil
}

func printDetermination(w io.Writer, d *orewatch.Determination) {
	fmt.Fprintf(w, "%s: %s\n", d.Item, strings.ToUpper(strings.ReplaceAll(string(d.Decision), "_", " ")))
	fmt.Fprintf(w, "%s → %s on %s, %s end use", d.From, d.To, d.Date, d.EndUse)
	if len(d.Materials) > 0 {
		fmt.Fprintf(w, "; materials: %s", strings.Join(d.Materials, ", "))
	}
	fmt.Fprintln(w)
	if len(d.Applied) > 0 {
		fmt.Fprintln(w, "\nApplied:")
		for _, a := range d.Applied {
			fmt.Fprintf(w, "  %-16s %-17s %s\n  %-16s %s\n  %-16s %s\n", a.ID, a.Effect, a.Instrument, "", a.Type, "", a.SourceURL)
		}
	}
	if len(d.Suspended) > 0 {
		fmt.Fprintln(w, "\nSuspended on the day:")
		for _, s := range d.Suspended {
			fmt.Fprintf(w, "  %-16s by %s until %s\n", s.ID, s.SuspendedBy, orUnknownDate(s.Until))
		}
	}
	if len(d.Lapsed) > 0 {
		fmt.Fprintln(w, "\nSuspension lapsed (verify: the record may be behind the news):")
		for _, l := range d.Lapsed {
			fmt.Fprintf(w, "  %-16s %s lapsed on %s\n", l.ID, l.Suspension, l.LapsedOn)
		}
	}
	if len(d.Upcoming) > 0 {
		fmt.Fprintln(w, "\nAnnounced, not yet in force:")
		for _, u := range d.Upcoming {
			fmt.Fprintf(w, "  %-16s effective %s\n", u.ID, orUnknownDate(u.Effective))
		}
	}
	fmt.Fprintf(w, "\n%s\n", d.Explanation)
}

func orUnknownDate(d orewatch.Date) string {
	if d.IsZero() {
		return "unknown"
	}
	return d.String()
}

// checkBOM screens a bill of materials, streaming results to standard
// output and the bad lines to standard error.
func (m *Main) checkBOM(ctx context.Context, name string, defaults orewatch.CheckQuery, asJSON, asCSV bool) error {
	var in io.Reader
	switch name {
	case "":
		return usagef("check: --bom needs a file name (- for standard input)")
	case "-":
		in, name = m.Stdin, "standard input"
	default:
		f, err := os.Open(name)
		if err != nil {
			return orewatch.Errorf(orewatch.EINVALID, "cannot read the bill of materials: %v", err)
		}
		defer f.Close()
		in = f
	}
	format := registry.FormatText
	switch {
	case asJSON:
		format = registry.FormatJSON
	case asCSV:
		format = registry.FormatCSV
	}
	reg, err := m.registry(ctx)
	if err != nil {
		return err
	}
	sum, err := reg.ScreenBOM(ctx, in, m.Stdout, format, defaults)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, e := range sum.Errors {
		fmt.Fprintf(m.Stderr, "%s: %s\n", name, e.Message)
	}
	bad := sum.Lines - sum.Screened
	if bad > len(sum.Errors) {
		fmt.Fprintf(m.Stderr, "%s: ... and %d more bad lines\n", name, bad-len(sum.Errors))
	}
	switch format {
	case registry.FormatJSON:
		if err := m.printJSONLine(map[string]any{"summary": sum}); err != nil {
			return err
		}
	case registry.FormatText:
		fmt.Fprintf(m.Stdout, "\n%d lines, %d screened:", sum.Lines, sum.Screened)
		for _, d := range []orewatch.Decision{orewatch.DecisionProhibited, orewatch.DecisionQuota, orewatch.DecisionLicence, orewatch.DecisionNotControlled} {
			fmt.Fprintf(m.Stdout, " %s %d,", d, sum.ByDecision[d])
		}
		fmt.Fprintf(m.Stdout, " errors %d\n", bad)
	default:
		fmt.Fprintf(m.Stderr, "%s: %d lines, %d screened, %d bad\n", name, sum.Lines, sum.Screened, bad)
	}
	if bad > 0 {
		return fmt.Errorf("%s: %d of %d lines could not be screened (listed above)", name, bad, sum.Lines)
	}
	return nil
}

// printJSONLine writes v as one line of JSON to m.Stdout.
func (m *Main) printJSONLine(v any) error {
	return json.NewEncoder(m.Stdout).Encode(v)
}
