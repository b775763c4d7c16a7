package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"orewatch"
	"orewatch/plot"
	"orewatch/risk"
	"orewatch/sim"
)

func init() {
	register(&command{name: "simulate", summary: "Monte Carlo disruption scenario: monthly supply, unmet demand and stockpile", run: runSimulate})
}

// scenarioFlags are the scenario inputs simulate and stockpile share. Each
// overrides the preset and the config file when given.
type scenarioFlags struct {
	fs                                              *flag.FlagSet
	preset, config                                  string
	buyer, material, exporter, start, unit, supply  string
	cut, rstart, duration, headroom, leadTime, ramp string
	months, trials                                  int
	demand, growth, noise, nir                      float64
	stockpile, stockpileMonths, maxRelease          float64
	seed                                            uint64
}

func addScenarioFlags(fs *flag.FlagSet) *scenarioFlags {
	f := &scenarioFlags{fs: fs}
	fs.StringVar(&f.preset, "preset", "", "start from a preset of the record: "+presetNames())
	fs.StringVar(&f.config, "config", "", "scenario file, YAML or JSON (.json): buyer, material, months, demand, unit, growth, noise, supply, restriction, alternatives, stockpile, trials, seed (see docs/scenarios.md)")
	fs.StringVar(&f.buyer, "buyer", "", "ISO3 of the buying country (default USA)")
	fs.StringVar(&f.material, "material", "", "material; its US import sources give the default supply mix")
	fs.StringVar(&f.exporter, "exporter", "", "ISO3 of the restricting exporter (must be in the supply mix)")
	fs.StringVar(&f.supply, "supply", "", "supply mix as shares of demand, e.g. CHN=0.47,MYS=0.09,other=0.11,USA=0.33 (default: from the data)")
	fs.Float64Var(&f.nir, "nir", 0, "net import reliance in percent for the default supply mix (default: the latest USGS value)")
	fs.StringVar(&f.start, "start", "", "calendar month of month 1, YYYY-MM (labels only)")
	fs.IntVar(&f.months, "months", 0, "horizon in months (default 24)")
	fs.Float64Var(&f.demand, "demand", 0, "demand per month in --unit (default 1, normalised: results in months of demand)")
	fs.StringVar(&f.unit, "unit", "", "unit of demand and stockpile, e.g. t (default normalised)")
	fs.Float64Var(&f.growth, "growth", 0, "yearly demand growth rate, e.g. 0.05 (default 0)")
	fs.Float64Var(&f.noise, "noise", 0, "standard deviation of monthly multiplicative demand noise (default 0.05)")
	fs.StringVar(&f.cut, "cut", "", "fraction of the exporter's supply cut: a number or uniform(a,b), triangular(min,mode,max)")
	fs.StringVar(&f.rstart, "restriction-start", "", "month the restriction starts (1 = first month): number or distribution")
	fs.StringVar(&f.duration, "duration", "", "months the restriction lasts: number or uniform/triangular/lognormal(median,sigma)")
	fs.StringVar(&f.headroom, "headroom", "", "extra supply other suppliers can add at full ramp, as a fraction of demand")
	fs.StringVar(&f.leadTime, "lead-time", "", "months before other suppliers add anything")
	fs.StringVar(&f.ramp, "ramp", "", "fraction of their headroom other suppliers add each month after the lead time")
	fs.Float64Var(&f.stockpile, "stockpile", 0, "initial stockpile in --unit")
	fs.Float64Var(&f.stockpileMonths, "stockpile-months", 0, "initial stockpile in months of demand")
	fs.Float64Var(&f.maxRelease, "max-release", 0, "largest release per month in --unit (default: no limit)")
	fs.IntVar(&f.trials, "trials", 0, fmt.Sprintf("number of trials (default %d)", sim.DefaultTrials))
	fs.Uint64Var(&f.seed, "seed", 0, "random seed: the same seed gives the same output (default 1)")
	return f
}

func presetNames() string {
	var names []string
	for _, p := range sim.Presets() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// given reports whether a flag was set on the command line.
func (f *scenarioFlags) given(name string) bool {
	set := false
	f.fs.Visit(func(fl *flag.Flag) {
		if fl.Name == name {
			set = true
		}
	})
	return set
}

// scenarioInput is a built scenario with the facts a preset rests on.
type scenarioInput struct {
	sc     *sim.Scenario
	preset *sim.Preset
	notes  []string
}

// build assembles the scenario: defaults, then the preset, then the config
// file, then the flags; the supply mix comes from the data when none is
// given.
func (f *scenarioFlags) build(ctx context.Context, m *Main) (*scenarioInput, error) {
	in := &scenarioInput{sc: sim.Default()}
	sc := in.sc
	if f.preset != "" {
		p, err := sim.PresetByName(f.preset)
		if err != nil {
			return nil, usagef("--preset: unknown preset %q; the presets are %s (see 'orewatch simulate --presets')", f.preset, presetNames())
		}
		p.Apply(sc)
		in.preset = &p
	}
	if f.config != "" {
		file, err := os.Open(f.config)
		if err != nil {
			return nil, usagef("--config: %v", err)
		}
		err = sim.LoadConfig(file, f.config, sc)
		file.Close()
		if err != nil {
			return nil, err
		}
	}
	user := func(param string) { sc.SetBasis(param, sim.BasisUser) }
	if f.given("buyer") {
		c, err := m.Catalog().Country(f.buyer)
		if err != nil {
			return nil, flagError("buyer", err)
		}
		sc.Buyer = c.ISO3
		user(sim.ParamBuyer)
	}
	if f.given("material") {
		sc.Material = f.material
		user(sim.ParamMaterial)
	}
	if sc.Material != "" {
		mat, err := m.Catalog().Material(sc.Material)
		if err != nil {
			if f.given("material") {
				return nil, flagError("material", err)
			}
			return nil, err
		}
		sc.Material = mat.Name
	}
	if f.given("exporter") {
		c, err := m.Catalog().Country(f.exporter)
		if err != nil {
			return nil, flagError("exporter", err)
		}
		sc.Restriction.Exporter = c.ISO3
		user(sim.ParamExporter)
	}
	if f.given("start") {
		sc.Start = f.start
		user(sim.ParamStart)
	}
	if f.given("months") {
		sc.Months = f.months
		user(sim.ParamMonths)
	}
	if f.given("demand") {
		sc.Demand = f.demand
		user(sim.ParamDemand)
	}
	if f.given("unit") {
		sc.Unit = f.unit
		user(sim.ParamDemand)
	}
	if f.given("growth") {
		sc.Growth = f.growth
		user(sim.ParamGrowth)
	}
	if f.given("noise") {
		sc.Noise = f.noise
		user(sim.ParamNoise)
	}
	dists := []struct {
		flag, param string
		val         string
		dst         *sim.Dist
	}{
		{"cut", sim.ParamCut, f.cut, &sc.Restriction.Cut},
		{"restriction-start", sim.ParamRStart, f.rstart, &sc.Restriction.Start},
		{"duration", sim.ParamDuration, f.duration, &sc.Restriction.Duration},
		{"headroom", sim.ParamHeadroom, f.headroom, &sc.Alternatives.Headroom},
		{"lead-time", sim.ParamLeadTime, f.leadTime, &sc.Alternatives.LeadTime},
		{"ramp", sim.ParamRamp, f.ramp, &sc.Alternatives.Ramp},
	}
	for _, d := range dists {
		if !f.given(d.flag) {
			continue
		}
		v, err := sim.ParseDist(d.val)
		if err != nil {
			return nil, usagef("--%s: %v", d.flag, err)
		}
		*d.dst = v
		user(d.param)
	}
	if f.given("stockpile") && f.given("stockpile-months") {
		return nil, usagef("give --stockpile or --stockpile-months, not both")
	}
	if f.given("stockpile") {
		sc.Stockpile.Tonnes, sc.Stockpile.Months = f.stockpile, 0
		user(sim.ParamStockpile)
	}
	if f.given("stockpile-months") {
		sc.Stockpile.Months, sc.Stockpile.Tonnes = f.stockpileMonths, 0
		user(sim.ParamStockpile)
	}
	if f.given("max-release") {
		sc.Stockpile.MaxRelease = f.maxRelease
		user(sim.ParamMaxRelease)
	}
	if f.given("trials") {
		sc.Trials = f.trials
		user(sim.ParamTrials)
	}
	if f.given("seed") {
		sc.Seed = f.seed
		user(sim.ParamSeed)
	}
	if f.given("supply") {
		mix, err := parseSupply(f.supply)
		if err != nil {
			return nil, err
		}
		sc.Supply = mix
		user(sim.ParamSupply)
	}
	if len(sc.Supply) == 0 {
		if err := f.mixFromData(ctx, m, in); err != nil {
			return nil, err
		}
	}
	if sc.Restriction.Exporter == "" {
		return nil, usagef("no exporter: give --exporter ISO3 (or --preset)")
	}
	if err := sc.Validate(); err != nil {
		if f.config == "" && orewatch.ErrorCode(err) == orewatch.EINVALID {
			// Presets are valid and no file was read: the wrong value
			// came from a flag.
			return nil, usagef("%s", orewatch.ErrorMessage(err))
		}
		return nil, err
	}
	return in, nil
}

// flagError makes an unknown or invalid name given in a flag a usage error,
// keeping the catalogue's suggestions.
func flagError(name string, err error) error {
	switch orewatch.ErrorCode(err) {
	case orewatch.ENOTFOUND, orewatch.EINVALID:
		return usagef("--%s: %s", name, errorText(err))
	}
	return err
}

// mixFromData reads the buyer's import sources and net import reliance.
func (f *scenarioFlags) mixFromData(ctx context.Context, m *Main, in *scenarioInput) error {
	sc := in.sc
	if sc.Material == "" {
		return usagef("no supply mix: give --material (its import sources give the mix), --supply or --preset")
	}
	if sc.Buyer != risk.DefaultBuyer {
		return orewatch.Errorf(orewatch.EINVALID, "import sources are known only for the United States; give the supply mix of %s with --supply", sc.Buyer)
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	rows, err := store.FindImportReliance(ctx, orewatch.ImportRelianceFilter{Material: &sc.Material, Latest: true})
	if err != nil {
		return fmt.Errorf("reading import reliance: %w", err)
	}
	var sources, latest *orewatch.ImportReliance
	for _, r := range rows {
		if latest == nil || r.Year > latest.Year {
			latest = r
		}
		if len(r.Sources) > 0 && (sources == nil || r.Year > sources.Year) {
			sources = r
		}
	}
	if sources == nil {
		return orewatch.Errorf(orewatch.ENOTFOUND, "no US import sources for %s: give the supply mix with --supply", sc.Material)
	}
	rel := latest
	if f.given("nir") {
		if !(f.nir >= 0 && f.nir <= 100) {
			return usagef("--nir must be a percentage between 0 and 100, got %g", f.nir)
		}
		cp := *latest
		cp.Value, cp.SourceID = strconv.FormatFloat(f.nir, 'g', -1, 64), "--nir"
		rel = &cp
	}
	mix, err := sim.MixFromImports(sc.Buyer, sources, rel)
	if err != nil {
		return err
	}
	sc.Supply = mix.Supply
	basis := mix.Basis
	if mix.Assumption != "" {
		basis = "assumption: " + mix.Assumption + "; " + basis
	}
	sc.SetBasis(sim.ParamSupply, basis)
	in.notes = append(in.notes, mix.Notes...)
	return nil
}

// parseSupply reads "CHN=0.47,MYS=0.09,other=0.44".
func parseSupply(s string) ([]sim.SupplyShare, error) {
	var out []sim.SupplyShare
	for i, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, usagef("--supply: item %d %q: want COUNTRY=SHARE", i+1, part)
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, usagef("--supply: item %d %q: share %q is not a number", i+1, part, v)
		}
		code := strings.TrimSpace(k)
		if !strings.EqualFold(code, sim.OtherSuppliers) {
			code = strings.ToUpper(code)
		} else {
			code = sim.OtherSuppliers
		}
		out = append(out, sim.SupplyShare{Country: code, Share: x})
	}
	return out, nil
}

func runSimulate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("simulate", "simulate [--preset P] [--config FILE] [scenario flags] [--json] [--plot out.svg|out.png]",
		`Monte Carlo disruption scenario for one buyer and material, in monthly steps.

Demand (per month, growing yearly, with monthly noise) is met by a supply mix
(default: the buyer's USGS import sources x net import reliance, plus domestic
supply). One exporter cuts part of its supply from a start month for a duration;
other suppliers add up to their headroom after a lead time, ramping up; a
stockpile covers what is left, releasing at most --max-release a month. Cut,
start, duration, headroom, lead time and ramp are each a number or a distribution:
uniform(min,max), triangular(min,mode,max) or lognormal(median,sigma).

Order of precedence: defaults, --preset, --config, flags. Every parameter is
printed with its basis: the record or data it comes from, "user", or
"assumption" for a default that no source fixes.

Output: per month the 5th, 50th and 95th percentiles of market supply, unmet
demand and stockpile level; the probability of any unmet demand; the expected
and 95th-percentile total unmet demand; when the stockpile runs out. The same
seed gives the same output.

JSON fields: name, buyer, material, unit, months, trials, seed, stockpile,
monthly [{month, date, base_demand, supply, unmet, stockpile: {p5, p50, p95}}],
p_any_unmet, expected_total_unmet, p95_total_unmet, stockpile_runout {never,
by_month, median}, parameters [{name, value, basis}], notes, preset.`)
	f := addScenarioFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	plotPath := fs.String("plot", "", "write a fan chart to this file (.svg, or .png)")
	listPresets := fs.Bool("presets", false, "list the presets and exit")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("simulate takes no arguments, got %q", strings.Join(pos, " "))
	}
	if *listPresets {
		return m.printPresets(*asJSON)
	}
	in, err := f.build(ctx, m)
	if err != nil {
		return err
	}
	res, err := sim.Run(in.sc)
	if err != nil {
		return err
	}
	res.Notes = append(res.Notes, in.notes...)
	if *plotPath != "" {
		if err := plot.Save(*plotPath, res); err != nil {
			return err
		}
	}
	if *asJSON {
		return m.printJSON(struct {
			*sim.Result
			Preset *sim.Preset `json:"preset,omitempty"`
		}{res, in.preset})
	}
	printSimulation(m.Stdout, res, in.preset)
	if *plotPath != "" {
		fmt.Fprintf(m.Stdout, "\nFan chart written to %s\n", *plotPath)
	}
	return nil
}

func (m *Main) printPresets(asJSON bool) error {
	ps := sim.Presets()
	if asJSON {
		return m.printJSON(ps)
	}
	for _, p := range ps {
		fmt.Fprintf(m.Stdout, "%s: %s\n", p.Name, p.Title)
		for _, fact := range p.Facts {
			fmt.Fprintf(m.Stdout, "  - %s\n", fact)
		}
	}
	return nil
}

func printParameters(w io.Writer, ps []sim.Parameter, preset *sim.Preset) {
	if preset != nil {
		fmt.Fprintf(w, "Preset %s: %s\n", preset.Name, preset.Title)
		for _, fact := range preset.Facts {
			fmt.Fprintf(w, "  - %s\n", fact)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Parameters:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, p := range ps {
		fmt.Fprintf(tw, "  %s\t%s\t[%s]\n", p.Name, p.Value, p.Basis)
	}
	tw.Flush()
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

func printSimulation(w io.Writer, r *sim.Result, preset *sim.Preset) {
	printParameters(w, r.Parameters, preset)
	unit := r.Unit
	if unit == sim.UnitNormalised {
		unit = "months of demand"
	}
	fmt.Fprintf(w, "\nResults over %d trials (seed %d), in %s:\n", r.Trials, r.Seed, unit)
	fmt.Fprintf(w, "  P(any unmet demand)        %.3f\n", r.PAnyUnmet)
	fmt.Fprintf(w, "  expected total unmet       %s\n", num(r.ExpectedTotalUnmet))
	fmt.Fprintf(w, "  95th pct total unmet       %s\n", num(r.P95TotalUnmet))
	fmt.Fprintf(w, "  stockpile lasts the horizon in %s of trials", pct(r.Runout.Never))
	if r.Runout.Median != nil {
		fmt.Fprintf(w, "; half the trials have run out by month %d", *r.Runout.Median)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "MONTH\t\tSUPPLY p5\tp50\tp95\tUNMET p50\tp95\tSTOCK p5\tp50\tp95\tRUN OUT\t")
	for i, mo := range r.Monthly {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", mo.Month, mo.Date,
			num(mo.Supply.P5), num(mo.Supply.P50), num(mo.Supply.P95),
			num(mo.Unmet.P50), num(mo.Unmet.P95),
			num(mo.Stockpile.P5), num(mo.Stockpile.P50), num(mo.Stockpile.P95), pct(r.Runout.ByMonth[i]))
	}
	tw.Flush()
	printNotes(w, slices.Clip(r.Notes))
}
