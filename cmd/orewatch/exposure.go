package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"orewatch"
	"orewatch/risk"
)

func init() {
	register(&command{name: "exposure", summary: "supply behind export restrictions on a date, and a buyer's exposure through its import sources", run: runExposure})
}

func runExposure(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("exposure", "exposure [--buyer ISO3] [--material M] [--date D] [--json]",
		`How much supply sits behind export restrictions on a date.

With --material: per stage (mining, refining), the share of world supply whose
export to the buyer needs a licence, is under quota or is banned on --date, by
producing country, from the registry's licence determinations.

For the buyer (USA by default: USGS publishes US import sources and net import
reliance): exposure = sum over import sources of share of imports x restriction
level of that source's exports to the buyer on --date. The levels are assumptions:
prohibited 1.0, quota 0.5, licence required 0.25, not controlled 0. Supply exposure
is that times net import reliance (the share of consumption exposed). Without
--material every material with import-source data is ranked, most exposed first.

JSON fields: buyer, date, controlled_share {material, to, date, stages [{stage,
year, world_total, unit, controlled, by_decision, jurisdictions [{country, share,
decision, measures}], unknown, sources}], notes}, exposure {buyer, date, levels,
materials [{material, import_exposure, net_import_reliance,
net_import_reliance_year, supply_exposure, supply_exposure_bound, import_sources
[{country, share, decision, level, measures}], unattributed, period, source,
notes}], notes}, notes.`)
	buyer := fs.String("buyer", risk.DefaultBuyer, "ISO3 code (or name) of the buying country")
	material := fs.String("material", "", "one material (default: every material with US import sources)")
	date := fs.String("date", "", "date of the measures in force, YYYY-MM-DD (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("exposure takes no arguments, got %q (use --material)", strings.Join(pos, " "))
	}
	d, err := checkDateFlag(*date, m.Now)
	if err != nil {
		return err
	}
	svc, err := m.analytics(ctx)
	if err != nil {
		return err
	}
	res, err := svc.Assess(ctx, orewatch.ExposureQuery{Buyer: *buyer, Material: *material, Date: d})
	if err != nil {
		return err
	}
	out := *res
	if *asJSON {
		return m.printJSON(out)
	}
	printExposure(m.Stdout, out, m.countryName)
	return nil
}

func printExposure(w io.Writer, out orewatch.ExposureResult, name func(string) string) {
	if cs := out.ControlledShare; cs != nil {
		fmt.Fprintf(w, "%s: world supply behind export restrictions toward %s on %s\n", cs.Material, cs.To, cs.Date)
		for _, st := range cs.Stages {
			fmt.Fprintf(w, "\n%s (%d): %s controlled", st.Stage, st.Year, pct(st.Controlled))
			var parts []string
			for _, dec := range []orewatch.Decision{orewatch.DecisionProhibited, orewatch.DecisionQuota, orewatch.DecisionLicence} {
				if v := st.ByDecision[dec]; v > 0 {
					parts = append(parts, fmt.Sprintf("%s %s", dec, pct(v)))
				}
			}
			if len(parts) > 0 {
				fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
			}
			if st.Unknown > 0 {
				fmt.Fprintf(w, "; %s could not be screened", pct(st.Unknown))
			}
			fmt.Fprintf(w, " [%s]\n", strings.Join(st.Sources, ", "))
			if len(st.Jurisdictions) > 0 {
				tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "  PRODUCER\tSHARE\tDECISION\tMEASURES")
				for _, j := range st.Jurisdictions {
					fmt.Fprintf(tw, "  %s (%s)\t%s\t%s\t%s\n", name(j.Country), j.Country, pct(j.Share), j.Decision, strings.Join(j.Measures, ", "))
				}
				tw.Flush()
			}
		}
		printNotes(w, cs.Notes)
		fmt.Fprintln(w)
	}
	if ex := out.Exposure; ex != nil {
		fmt.Fprintf(w, "Exposure of %s through its import sources on %s\n", ex.Buyer, ex.Date)
		if len(ex.Materials) == 1 {
			me := ex.Materials[0]
			fmt.Fprintf(w, "%s: import exposure %s", me.Material, pct(me.ImportExposure))
			if me.SupplyExposure != nil {
				fmt.Fprintf(w, ", supply exposure %s%s (net import reliance %s%% in %d)", me.SupplyExposureBound, pct(*me.SupplyExposure), me.NetImportReliance, me.NetImportRelianceYear)
			}
			fmt.Fprintf(w, "\nimport sources %s [%s]\n", me.Period, me.Source)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  SOURCE\tSHARE\tDECISION\tLEVEL\tMEASURES")
			for _, s := range me.Sources {
				fmt.Fprintf(tw, "  %s (%s)\t%s\t%s\t%.2g\t%s\n", name(s.Country), s.Country, pct(s.Share), s.Decision, s.Level, strings.Join(s.Measures, ", "))
			}
			tw.Flush()
			printNotes(w, me.Notes)
		} else {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "MATERIAL\tIMPORT EXPOSURE\tSUPPLY EXPOSURE\tNIR\tRESTRICTED SOURCES")
			var free []string
			for _, me := range ex.Materials {
				if me.ImportExposure == 0 {
					free = append(free, me.Material)
					continue
				}
				supply := "—"
				if me.SupplyExposure != nil {
					supply = me.SupplyExposureBound + pct(*me.SupplyExposure)
				}
				var restricted []string
				for _, s := range me.Sources {
					if s.Level > 0 {
						restricted = append(restricted, fmt.Sprintf("%s %s (%s)", s.Country, pct(s.Share), s.Decision))
					}
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s (%d)\t%s\n", me.Material, pct(me.ImportExposure), supply, me.NetImportReliance, me.NetImportRelianceYear, strings.Join(restricted, "; "))
			}
			tw.Flush()
			if len(free) > 0 {
				fmt.Fprintf(w, "No named import source restricts exports to %s of the other %d materials with import data (--json lists them).\n", ex.Buyer, len(free))
			}
		}
		printNotes(w, ex.Notes)
	}
	printNotes(w, out.Notes)
}

func printNotes(w io.Writer, notes []string) {
	if len(notes) == 0 {
		return
	}
	fmt.Fprintln(w, "Notes:")
	for _, n := range slices.Compact(slices.Clone(notes)) {
		fmt.Fprintf(w, "  - %s\n", n)
	}
}
