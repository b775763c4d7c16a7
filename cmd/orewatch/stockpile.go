package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"orewatch/sim"
)

func init() {
	register(&command{name: "stockpile", summary: "size the stockpile that meets a target across Monte Carlo trials", run: runStockpile})
}

func runStockpile(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("stockpile", "stockpile [--preset P] [--config FILE] [scenario flags] (--target 0.95 | --max-unmet-p95 PCT) [--json]",
		`Smallest initial stockpile that meets a target over the horizon of a scenario
(the same scenario inputs as 'orewatch simulate'; any stockpile size given is
replaced by the one found):

  --target 0.95        95% of trials see no unmet demand at all: P(any unmet) <= 0.05
  --max-unmet-p95 2    the 95th percentile of unmet demand is at most 2% of demand

The trials are drawn once and every candidate size is evaluated on the same
trials (common random numbers), so a larger stockpile never looks worse by
chance; the size is found by bisection. The sizing curve shows the outcome of
sizes from none to twice the result.

JSON fields: buyer, material, unit, target, result {stockpile, stockpile_months,
p_any_unmet, expected_total_unmet, p95_total_unmet, p95_unmet_share}, curve [same
fields], trials, seed, iterations, parameters [{name, value, basis}], notes,
preset.`)
	f := addScenarioFlags(fs)
	target := fs.Float64("target", 0, "share of trials that must see no unmet demand, e.g. 0.95")
	maxP95 := fs.Float64("max-unmet-p95", 0, "largest 95th-percentile unmet demand, in percent of demand over the horizon")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("stockpile takes no arguments, got %q", strings.Join(pos, " "))
	}
	t := sim.Target{NoUnmet: *target, MaxUnmetP95: *maxP95 / 100}
	switch {
	case *target == 0 && *maxP95 == 0:
		return usagef("give --target (e.g. 0.95) or --max-unmet-p95 (e.g. 2)")
	case *target != 0 && *maxP95 != 0:
		return usagef("give --target or --max-unmet-p95, not both")
	}
	if err := t.Validate(); err != nil {
		return usagef("%v", err)
	}
	in, err := f.build(ctx, m)
	if err != nil {
		return err
	}
	z, err := sim.NewSizer(in.sc)
	if err != nil {
		return err
	}
	res, err := z.Size(t)
	if err != nil {
		return err
	}
	// The size replaces any stockpile among the inputs.
	for i, p := range res.Parameters {
		if p.Name == sim.ParamStockpile {
			res.Parameters[i] = sim.Parameter{Name: p.Name, Value: "sized here", Basis: "result"}
		}
	}
	res.Notes = append(res.Notes, in.notes...)
	if *asJSON {
		return m.printJSON(struct {
			*sim.Sizing
			Preset *sim.Preset `json:"preset,omitempty"`
		}{res, in.preset})
	}
	printSizing(m.Stdout, res, in.preset)
	return nil
}

func printSizing(w io.Writer, r *sim.Sizing, preset *sim.Preset) {
	printParameters(w, r.Parameters, preset)
	unit := r.Unit
	if unit == sim.UnitNormalised {
		unit = "months of demand"
	}
	o := r.Result
	fmt.Fprintf(w, "\nTarget: %s\n", r.Target)
	size := num(o.Stockpile) + " " + unit
	if r.Unit != sim.UnitNormalised {
		size += fmt.Sprintf(" (%s months of month-1 demand)", num(o.StockpileMonths))
	}
	fmt.Fprintf(w, "Smallest stockpile: %s, found in %d bisection steps over %d trials (seed %d)\n", size, r.Iterations, r.Trials, r.Seed)
	fmt.Fprintf(w, "It achieves: P(any unmet) %.3f, expected total unmet %s, 95th pct total unmet %s (%s of demand)\n\n",
		o.PAnyUnmet, num(o.ExpectedTotalUnmet), num(o.P95TotalUnmet), pct(o.P95UnmetShare))
	fmt.Fprintln(w, "Sizing curve:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "STOCKPILE (%s)\tMONTHS\tP(ANY UNMET)\tE[UNMET]\tP95 UNMET\t\n", unit)
	for _, c := range r.Curve {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%s\t%s\t\n", num(c.Stockpile), num(c.StockpileMonths), c.PAnyUnmet, num(c.ExpectedTotalUnmet), num(c.P95TotalUnmet))
	}
	tw.Flush()
	printNotes(w, r.Notes)
}
