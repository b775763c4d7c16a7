package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"orewatch"
)

func init() {
	register(&command{name: "production", summary: "show who produces a material: by country, with world share and source", run: runProduction})
}

const productionHelp = `Show a material's production by country for a year: quantity, unit, share of
the world total, flags and source. Each table comes from one source: for each
year, the newest release that reports it (2024 from the USGS MCS 2026 data
release, 2023 from MCS 2025; IEA 2025 where USGS has no table, e.g. refining
of lithium). Without --year, each stage shows its latest year with data.
Without --stage, mining, refining and other production tables are shown;
--stage reserves and --stage capacity show those tables.

Flags in the table: e = estimated, W = withheld by the source (no number),
r = revised, > = lower bound. Country rows need not add up to the world
total: sources round it and leave out "other countries".

--json prints one object:
  {"material": "rare earths", "year": 2024, "country": "CHN",   (as asked)
   "tables": [{
     "stage": "mining", "year": 2024,
     "detail": "Mine production",                  (the source's wording)
     "unit": "metric tons", "basis": "rare-earth-oxide (REO) equivalent",
     "source": {"id": "usgs-mcs-2026", "title": ..., "publisher": ...,
                "year": 2026, "doi": ..., "url": ..., "licence": ...},
     "world": ROW or null,                         (the source's world total, WLD)
     "rows": [ROW, ...],                           (largest first)
     "notes": [...]}],
   "notes": [...]}
where ROW is {"country": "CHN", "country_name": "China", "quantity": 270000
(null when withheld), "unit": "metric tons", "share": 0.71 (of the world
total, 0..1, or null), "estimated", "withheld", "revised", "lower_bound"
(present when true), "detail" (when the row's wording differs), "note",
"source": "usgs-mcs-2026"}.

An unknown material or country fails with suggestions of close names.`

func runProduction(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("production", "production MATERIAL [--year Y] [--stage mining|refining] [--country ISO3] [--json] [--db DSN]", productionHelp)
	year := fs.Int("year", 0, "year of the figures (default: the latest year with data)")
	stage := fs.String("stage", "", "mining or refining (also reserves, capacity, other; default: every production stage)")
	country := fs.String("country", "", "only this country (ISO3 code or name); the world total is still shown")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("production takes one MATERIAL (quote names with spaces: orewatch production \"rare earths\" --year 2024)")
	}
	if *year != 0 && !orewatch.ValidProductionYear(*year) {
		return usagef("production: --year must be a year from %d to %d, such as 2024, got %d", orewatch.MinProductionYear, orewatch.MaxProductionYear, *year)
	}
	q := orewatch.ProductionQuery{Material: pos[0], Year: *year, Country: *country}
	if *stage != "" {
		st := orewatch.Stage(strings.ToLower(*stage))
		if !orewatch.KnownStage(st) {
			return usagef("production: unknown --stage %q (want mining or refining; also reserves, capacity, other)", *stage)
		}
		q.Stages = []orewatch.Stage{st}
	}
	if err := q.Resolve(m.Catalog()); err != nil {
		return err
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	rep, err := orewatch.FindProduction(ctx, store, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(rep)
	}
	return printProduction(m.Stdout, rep)
}

func printProduction(w io.Writer, rep *orewatch.ProductionReport) error {
	for i, t := range rep.Tables {
		if i > 0 {
			fmt.Fprintln(w)
		}
		head := fmt.Sprintf("%s — %s, %d: %s", rep.Material, t.Stage, t.Year, t.Detail)
		if t.Basis != "" {
			head += " (" + t.Basis + ")"
		}
		fmt.Fprintln(w, head)
		fmt.Fprintf(w, "Source: %s\n", sourceLine(t.Source))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "COUNTRY\tISO3\tQUANTITY\tUNIT\tSHARE\tFLAGS")
		row := func(r *orewatch.ProductionRow) {
			name := r.CountryName
			// A detail that only repeats the printed name (two rows for one
			// country) says nothing more.
			if r.Detail != "" && !strings.HasSuffix(r.Detail, "; "+r.CountryName) {
				name += " [" + r.Detail + "]"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, r.Country, quantityText(r), r.Unit, shareText(r.Share), flagText(r))
		}
		for _, r := range t.Rows {
			row(r)
		}
		if t.World != nil {
			row(t.World)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, n := range t.Notes {
			fmt.Fprintf(w, "Note: %s\n", n)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	return nil
}

func sourceLine(s *orewatch.Source) string {
	if s == nil {
		return "unknown"
	}
	out := s.Title
	if s.Publisher != "" {
		out += ", " + s.Publisher
	}
	if s.Year != 0 {
		out += fmt.Sprintf(" (%d)", s.Year)
	}
	if s.DOI != "" {
		out += ", doi:" + s.DOI
	} else if s.URL != "" {
		out += ", " + s.URL
	}
	return out + " [" + s.ID + "]"
}

func quantityText(r *orewatch.ProductionRow) string {
	if r.Quantity == nil {
		if r.Withheld {
			return "W"
		}
		return "—"
	}
	s := formatQuantity(*r.Quantity)
	if r.LowerBound {
		s = ">" + s
	}
	return s
}

// formatQuantity prints a number with thousands separators and at most three
// decimals ("270,000", "45.787").
func formatQuantity(q float64) string {
	s := strconv.FormatFloat(q, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}

func shareText(s *float64) string {
	switch {
	case s == nil:
		return ""
	case *s > 0 && *s < 0.0005:
		return "<0.1%"
	}
	return strconv.FormatFloat(*s*100, 'f', 1, 64) + "%"
}

func flagText(r *orewatch.ProductionRow) string {
	var f []string
	if r.Estimated {
		f = append(f, "e")
	}
	if r.Withheld {
		f = append(f, "W")
	}
	if r.Revised {
		f = append(f, "r")
	}
	if r.LowerBound {
		f = append(f, ">")
	}
	return strings.Join(f, " ")
}
