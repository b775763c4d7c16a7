package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"orewatch"
	"orewatch/claims"
)

func init() {
	register(&command{name: "verify", summary: "check a share claim (\"China controls over 60% of rare earth production\") against the data", run: runVerify})
}

const verifyHelp = `Check the share claims in a text against the reference figures: who (a
country), what (a material), which stage (production or mining, refining or
processing, reserves), and how much ("over 60%", "about 70 percent", "most",
"nearly all", "a third"). Each claim is compared with the country's share of
the world total in the latest year of data before --date (default: the latest
year), from the newest release that has both figures; refining shares come
from the IEA, mine production from the USGS. The share is of the larger of the
world total and the sum of the listed countries (a rounded world total can be
below its own rows). "Production" in general means mine production, or, for a
material the data has no mine production of, the primary or refinery
production the USGS reports (gallium): the note says which. A claim that says
mining or mined is checked against mine production only.

Verdicts: supported, contradicted, or unverifiable (no country, material or
stage named, or no figures for them). A plain number holds within 2.5
percentage points, a hedged one ("about", "nearly", "a third") within 5, and
"over"/"at least" bounds as written (0.5 points of slack for rounding).
"Most" means over 50%, "nearly all" 90% or more.

TEXT may be several sentences; "-" reads it from standard input.

--json prints {"text", "as_of", "claims": [{"text", "subject", "material",
"stage", "comparator", "value", "unit", "verdict", "reference": {"value",
"year", "source"} or null, "note"}]}.`

func runVerify(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("verify", `verify "TEXT"|- [--date YYYY-MM-DD] [--json] [--db DSN]`, verifyHelp)
	dateFlag := fs.String("date", "", "date the claim was made: only data for years before it is used (default: the latest data)")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef(`verify takes the claim to check: orewatch verify "China controls over 60%% of rare earth production"`)
	}
	asOf, err := orewatch.ParseDate(*dateFlag)
	if err != nil {
		return usagef("verify: --date: %v", err)
	}
	text := strings.Join(pos, " ")
	if text == "-" {
		b, err := io.ReadAll(m.Stdin)
		if err != nil {
			return fmt.Errorf("verify: reading standard input: %w", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return usagef("verify: the text to check is empty")
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	figs, err := store.FindFigures(ctx, orewatch.FigureFilter{Latest: true})
	if err != nil {
		return fmt.Errorf("verify: reading reference figures: %w", err)
	}
	srcs, err := store.FindSources(ctx)
	if err != nil {
		return fmt.Errorf("verify: reading sources: %w", err)
	}
	titles := map[string]string{}
	for _, s := range srcs {
		titles[s.ID] = s.Title
	}
	found := claims.NewChecker(figs, m.Catalog()).Verify(text, asOf)
	if *asJSON {
		if found == nil {
			found = []*orewatch.Claim{}
		}
		return m.printJSON(struct {
			Text   string            `json:"text"`
			AsOf   orewatch.Date     `json:"as_of"`
			Claims []*orewatch.Claim `json:"claims"`
		}{text, asOf, found})
	}
	if len(found) == 0 {
		return orewatch.Errorf(orewatch.EINVALID, "no share claim found in %q: a claim gives a share (\"over 60%%\", \"most\", \"nearly all\") of a stage (production, refining, reserves), e.g. \"China controls over 60%% of rare earth production\"", text)
	}
	for i, cl := range found {
		if i > 0 {
			fmt.Fprintln(m.Stdout)
		}
		printClaim(m.Stdout, cl, titles)
	}
	return nil
}

func printClaim(w io.Writer, cl *orewatch.Claim, titles map[string]string) {
	fmt.Fprintf(w, "%q\n", cl.Text)
	orDash := func(s string) string {
		if s == "" {
			return "?"
		}
		return s
	}
	fmt.Fprintf(w, "  claim:    %s, %s, %s, %s %g%s\n", orDash(cl.Subject), orDash(cl.Material), orDash(string(cl.Stage)), cl.Comparator, cl.Value, cl.Unit)
	fmt.Fprintf(w, "  verdict:  %s\n", cl.Verdict)
	if r := cl.Reference; r != nil {
		src := r.Source
		if t := titles[r.Source]; t != "" {
			src += " (" + t + ")"
		}
		fmt.Fprintf(w, "  figure:   %.1f%% in %d\n  source:   %s\n", r.Value, r.Year, src)
	}
	if cl.Note != "" {
		fmt.Fprintf(w, "  note:     %s\n", cl.Note)
	}
}
