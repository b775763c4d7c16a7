package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"orewatch"
	"orewatch/risk"
)

func init() {
	register(&command{name: "risk", summary: "concentration indicators of a material: shares, HHI, top producers, governance-weighted HHI", run: runRisk})
}

// analytics returns the analytics service over the store, with the registry
// for governance weighting and the catalogue for names.
func (m *Main) analytics(ctx context.Context) (*risk.Service, error) {
	store, err := m.Store(ctx)
	if err != nil {
		return nil, err
	}
	if newAnalytics == nil {
		return nil, fmt.Errorf("no analytics service is wired in")
	}
	reg, err := m.registry(ctx)
	if err != nil {
		return nil, err
	}
	svc, ok := newAnalytics(store, reg, m.Catalog()).(*risk.Service)
	if !ok {
		return nil, fmt.Errorf("the analytics service wired in is not orewatch/risk")
	}
	svc.Catalog = m.Catalog()
	svc.Now = m.Now
	return svc, nil
}

// parseStage reads --stage; empty stays empty (the stage with data).
func parseStage(v string) (orewatch.Stage, error) {
	switch s := orewatch.Stage(strings.ToLower(strings.TrimSpace(v))); s {
	case "", orewatch.StageMining, orewatch.StageRefining:
		return s, nil
	}
	return "", usagef("--stage must be mining or refining, got %q", v)
}

func runRisk(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("risk", "risk MATERIAL [--year Y] [--stage mining|refining] [--date D] [--json]",
		`Concentration of world supply of a material at one stage and year: world total
and unit (the source's world figure), each country's share of it, the
Herfindahl-Hirschman index (0-10,000), the top-1 and top-3 shares, the number of
producers and the trend over the years in the data. Refining uses USGS refinery
tables when USGS prints one, else IEA (kt). Without --stage, mining when the
data has mine production, else refining (USGS reports gallium, for one, only as
primary production); a note says so.

Shares are of the larger of the world total and the sum of the listed
countries, so they add up to 1 even when the source's rounded world total is
below its own country rows. When the world total is larger, the part the
source attributes to no country is listed as OTH; it is left out of the HHI,
the top shares and the producer count (it is many producers' supply, and any
split of it adds at most its share squared to the HHI), as a note says.

hhi_wgi is the EU criticality method's governance-weighted concentration,
HHI_WGI,t = sum of share^2 x WGI x t on a 0-10 scale: WGI is the mean of the six
World Bank governance estimates rescaled to 0-10 (10 = worst), and t is 1, or an
assumed 1.1 for a producer whose exports of the material need a licence, are under
quota or are banned on --date (per the registry).

JSON fields: material, stage, year, world_total, unit, shares [{country, share}],
hhi, top1, top3, producers, hhi_wgi, trend [{year, hhi, top1}], sources, notes.`)
	year := fs.Int("year", 0, "year of the figures (default: the latest year with data)")
	stage := fs.String("stage", "", "mining or refining (default: mining when the data has it, else refining)")
	date := fs.String("date", "", "date for export restrictions in governance weighting, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("risk: want one MATERIAL, got %d arguments (see 'orewatch risk --help')", len(pos))
	}
	st, err := parseStage(*stage)
	if err != nil {
		return err
	}
	if *year < 0 {
		return usagef("--year must be a year, got %d", *year)
	}
	d, err := checkDateFlag(*date, m.Now)
	if err != nil {
		return err
	}
	svc, err := m.analytics(ctx)
	if err != nil {
		return err
	}
	r, err := svc.Risk(ctx, orewatch.RiskQuery{Material: pos[0], Stage: st, Year: *year, Date: d})
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(r)
	}
	titles := m.sourceTitles(ctx)
	printRisk(m.Stdout, r, titles, m.countryName)
	return nil
}

// sourceTitles maps source ids to "title (publisher, year)" for display.
func (m *Main) sourceTitles(ctx context.Context) map[string]string {
	out := map[string]string{}
	store, err := m.Store(ctx)
	if err != nil {
		return out
	}
	srcs, err := store.FindSources(ctx)
	if err != nil {
		return out
	}
	for _, s := range srcs {
		out[s.ID] = fmt.Sprintf("%s, %s (%d)", s.Title, s.Publisher, s.Year)
	}
	return out
}

// countryName is the catalogue's name of an ISO3 code, or the code.
func (m *Main) countryName(code string) string {
	if c, err := m.Catalog().Country(code); err == nil && c.ISO3 == code {
		return c.Name
	}
	return code
}

func pct(v float64) string {
	switch {
	case v == 0:
		return "0%"
	case v < 0.001:
		return "<0.1%"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

func printRisk(w io.Writer, r *orewatch.RiskReport, titles map[string]string, name func(string) string) {
	fmt.Fprintf(w, "%s — %s, %d\n", r.Material, r.Stage, r.Year)
	if r.WorldTotal != nil {
		fmt.Fprintf(w, "World total   %s %s\n", fmtQty(*r.WorldTotal), r.Unit)
	} else {
		fmt.Fprintf(w, "World total   not printed by the source (unit %s)\n", r.Unit)
	}
	fmt.Fprintf(w, "HHI           %.0f (0-10,000)\n", r.HHI)
	fmt.Fprintf(w, "Top 1, top 3  %s, %s\n", pct(r.Top1), pct(r.Top3))
	fmt.Fprintf(w, "Producers     %d\n", r.Producers)
	if r.HHIWGI != nil {
		fmt.Fprintf(w, "HHI_WGI,t     %.2f (EU method, 0-10 scale)\n", *r.HHIWGI)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNTRY\tISO3\tSHARE")
	for _, s := range r.Shares {
		n := name(s.Country)
		if s.Country == risk.OtherCode {
			n = "(not attributed by the source)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", n, s.Country, pct(s.Share))
	}
	tw.Flush()
	if len(r.Trend) > 1 {
		fmt.Fprintln(w, "\nTrend:")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "YEAR\tHHI\tTOP 1")
		for _, t := range r.Trend {
			fmt.Fprintf(tw, "%d\t%.0f\t%s\n", t.Year, t.HHI, pct(t.Top1))
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\nSources:")
	for _, id := range r.Sources {
		if t := titles[id]; t != "" {
			fmt.Fprintf(w, "  %s [%s]\n", t, id)
		} else {
			fmt.Fprintf(w, "  %s\n", id)
		}
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
}

// fmtQty writes a quantity with thousands separators.
func fmtQty(v float64) string {
	if v != float64(int64(v)) || v >= 1e15 || v <= -1e15 {
		return strconv.FormatFloat(v, 'g', 6, 64)
	}
	s := fmt.Sprint(int64(v))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
