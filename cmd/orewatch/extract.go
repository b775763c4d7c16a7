package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"orewatch"
)

func init() {
	register(&command{name: "extract", summary: "run the ingestion pipeline on one document and print what it finds, without storing", run: runExtract})
}

// extractOutput is the `extract --json` contract.
type extractOutput struct {
	URL           *string               `json:"url"` // null for stdin
	Title         string                `json:"title"`
	Published     orewatch.Date         `json:"published"`
	Language      string                `json:"language"`
	Body          string                `json:"body"`
	Countries     []string              `json:"countries"`
	Organizations []string              `json:"organizations"`
	Materials     []string              `json:"materials"`
	Events        []*orewatch.Event     `json:"events"`
	Claims        []*orewatch.Claim     `json:"claims"`
	DateChecks    []*orewatch.DateCheck `json:"date_checks"`
}

func newExtractOutput(a *orewatch.Article) *extractOutput {
	out := &extractOutput{
		Title:         a.Title,
		Published:     a.Published,
		Language:      a.Language,
		Body:          a.Body,
		Countries:     nonNil(a.Countries),
		Organizations: nonNil(a.Organizations),
		Materials:     nonNil(a.Materials),
		Events:        nonNil(a.Events),
		Claims:        nonNil(a.Claims),
		DateChecks:    nonNil(a.DateChecks),
	}
	if a.URL != "" {
		out.URL = &a.URL
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func runExtract(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("extract", "extract FILE|URL|- [--published D] [--json] [--allow-private] [--db DSN]",
		`Run the whole ingestion pipeline on one document (a .txt, .html or .htm
file, an http(s) URL, or - for stdin) and print what it finds, without
storing anything: the main text, title, publication date and language; the
countries, organizations and materials it names; the events it reports,
linked to registry measures; its share claims checked against the reference
data; and the dates it states for registry measures checked against the
registry. The reference data and registry are the embedded ones.

--json prints {url, title, published, language, body, countries,
organizations, materials, events: [{type, actor, counterparty, materials,
announced, effective, evidence, confidence, primary, measure}], claims:
[{text, subject, material, stage, comparator, value, unit, verdict,
reference: {value, year, source}}], date_checks}. Unknown values are null.`)
	published := fs.String("published", "", "publication date `YYYY-MM-DD` (or YYYY-MM), in place of what the document states; relative dates are read against it")
	asJSON := fs.Bool("json", false, "print JSON")
	allowPrivate := fs.Bool("allow-private", false, "allow URLs on loopback and private networks")
	m.addIgnoredDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("extract takes one FILE, URL or - (see 'orewatch extract --help'), got %d", len(pos))
	}
	pub, err := parseDateFlag("extract", "published", *published)
	if err != nil {
		return err
	}
	p, err := m.newStorelessPipeline(*allowPrivate)
	if err != nil {
		return err
	}
	p.Published = pub
	a, err := p.Read(ctx, pos[0], m.Stdin)
	if err != nil {
		return err
	}
	out := newExtractOutput(a)
	if *asJSON {
		return m.printJSON(out)
	}
	printExtract(m.Stdout, out)
	return nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func printExtract(w io.Writer, o *extractOutput) {
	url := ""
	if o.URL != nil {
		url = *o.URL
	}
	fmt.Fprintf(w, "Title:         %s\n", orUnknown(o.Title))
	fmt.Fprintf(w, "URL:           %s\n", orUnknown(url))
	fmt.Fprintf(w, "Published:     %s\n", orUnknown(o.Published.String()))
	fmt.Fprintf(w, "Language:      %s\n", orUnknown(o.Language))
	fmt.Fprintf(w, "Countries:     %s\n", orDash(strings.Join(o.Countries, ", ")))
	fmt.Fprintf(w, "Organizations: %s\n", orDash(strings.Join(o.Organizations, ", ")))
	fmt.Fprintf(w, "Materials:     %s\n", orDash(strings.Join(o.Materials, ", ")))

	fmt.Fprintf(w, "\nEvents (%d)\n", len(o.Events))
	for i, e := range o.Events {
		printEvent(w, i+1, e)
	}
	fmt.Fprintf(w, "\nClaims (%d)\n", len(o.Claims))
	for i, c := range o.Claims {
		fmt.Fprintf(w, "%2d. %s: %q\n", i+1, strings.ToUpper(orUnknown(c.Verdict)), c.Text)
		fmt.Fprintf(w, "    %s %s %s %s %g%s", orDash(c.Subject), orDash(c.Material), orDash(string(c.Stage)), orDash(c.Comparator), c.Value, c.Unit)
		if r := c.Reference; r != nil {
			fmt.Fprintf(w, "; reference %g%s in %d (%s)", r.Value, c.Unit, r.Year, r.Source)
		}
		fmt.Fprintln(w)
		if c.Note != "" {
			fmt.Fprintf(w, "    %s\n", c.Note)
		}
	}
	if len(o.DateChecks) > 0 {
		fmt.Fprintf(w, "\nDate checks (%d)\n", len(o.DateChecks))
		for i, d := range o.DateChecks {
			fmt.Fprintf(w, "%2d. %s: %s %s stated %s, registry %s\n", i+1, strings.ToUpper(d.Verdict), d.Measure, d.Field, orUnknown(d.Stated.String()), orUnknown(d.Recorded.String()))
			if d.Note != "" {
				fmt.Fprintf(w, "    %s\n", d.Note)
			}
		}
	}
	fmt.Fprintf(w, "\nText (%d words)\n%s\n", len(strings.Fields(o.Body)), o.Body)
}

// printEvent writes one event as two or three readable lines.
func printEvent(w io.Writer, n int, e *orewatch.Event) {
	who := orUnknown(e.Actor)
	if e.Counterparty != "" {
		who += " → " + e.Counterparty
	}
	role := "background"
	if e.Primary {
		role = "reported"
	}
	fmt.Fprintf(w, "%2d. %s by %s (%s, confidence %.2f)\n", n, e.Type, who, role, e.Confidence)
	fmt.Fprintf(w, "    materials: %s; announced %s; effective %s", orDash(strings.Join(e.Materials, ", ")), orUnknown(e.Announced.String()), orUnknown(e.Effective.String()))
	if e.Measure != "" {
		fmt.Fprintf(w, "; registry measure %s", e.Measure)
	}
	fmt.Fprintln(w)
	if e.Evidence != "" {
		fmt.Fprintf(w, "    %q\n", e.Evidence)
	}
}
