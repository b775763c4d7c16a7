// Package sim is the Monte Carlo disruption model: a buyer's monthly demand
// for one material met by a supply mix, an export restriction by one
// exporter, alternative suppliers ramping up after a lead time, and a
// stockpile released to cover what is left. It reports monthly quantiles,
// the probability of unmet demand and how long the stockpile lasts, and
// sizes the stockpile that meets a target. It is pure and seeded: the same
// scenario and seed give the same numbers.
package sim

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"orewatch"
)

// Scenario is everything one simulation needs. Months are numbered from 1;
// month 1 is Start when a calendar start is given.
type Scenario struct {
	Name     string `json:"name,omitempty" yaml:"name,omitempty"`
	Buyer    string `json:"buyer" yaml:"buyer"`
	Material string `json:"material" yaml:"material"`
	// Start is the calendar month of month 1 ("2025-04"), for labels only.
	Start  string `json:"start,omitempty" yaml:"start,omitempty"`
	Months int    `json:"months" yaml:"months"`
	// Demand is the buyer's demand in month 1, in Unit per month; 1 with
	// Unit "normalised" expresses everything in months of demand.
	Demand float64 `json:"demand" yaml:"demand"`
	Unit   string  `json:"unit" yaml:"unit"`
	// Growth is the yearly growth rate of demand (0.05 = 5 % a year).
	Growth float64 `json:"growth" yaml:"growth"`
	// Noise is the standard deviation of independent monthly multiplicative
	// demand noise: demand × max(0, 1 + Noise·z), z standard normal.
	Noise        float64       `json:"noise" yaml:"noise"`
	Supply       []SupplyShare `json:"supply" yaml:"supply"`
	Restriction  Restriction   `json:"restriction" yaml:"restriction"`
	Alternatives Alternatives  `json:"alternatives" yaml:"alternatives"`
	Stockpile    Stockpile     `json:"stockpile" yaml:"stockpile"`
	Trials       int           `json:"trials" yaml:"trials"`
	Seed         uint64        `json:"seed" yaml:"seed"`
	// Basis says where each parameter comes from, by the names Parameters
	// uses; a parameter without an entry is an assumption.
	Basis map[string]string `json:"-" yaml:"-"`
}

// SupplyShare is the share of the buyer's demand one supplier meets in
// normal times. The buyer's own country stands for domestic supply and
// "other" for unnamed suppliers.
type SupplyShare struct {
	Country string  `json:"country" yaml:"country"`
	Share   float64 `json:"share" yaml:"share"`
}

// Restriction is an export restriction by one supplier: a fraction of its
// supply is cut from a start month for a duration (months; the horizon or
// more means to the end).
type Restriction struct {
	Exporter string `json:"exporter" yaml:"exporter"`
	Cut      Dist   `json:"cut" yaml:"cut"`
	Start    Dist   `json:"start" yaml:"start"`
	Duration Dist   `json:"duration" yaml:"duration"`
}

// Alternatives are the other suppliers that step in: at full ramp they can
// add Headroom (a fraction of monthly demand); they start LeadTime months
// after the restriction begins and add Ramp of their headroom each month.
type Alternatives struct {
	Headroom Dist `json:"headroom" yaml:"headroom"`
	LeadTime Dist `json:"lead_time" yaml:"lead_time"`
	Ramp     Dist `json:"ramp" yaml:"ramp"`
}

// Stockpile is the initial stock, in tonnes (Unit) or months of month-1
// demand, and the release policy: release what covers the shortfall, at most
// MaxRelease per month (0: no limit). There is no replenishment.
type Stockpile struct {
	Tonnes     float64 `json:"tonnes,omitempty" yaml:"tonnes,omitempty"`
	Months     float64 `json:"months,omitempty" yaml:"months,omitempty"`
	MaxRelease float64 `json:"max_release,omitempty" yaml:"max_release,omitempty"`
}

// Parameter names, as Basis keys and in Parameters.
const (
	ParamBuyer        = "buyer"
	ParamMaterial     = "material"
	ParamStart        = "start"
	ParamMonths       = "months"
	ParamDemand       = "demand"
	ParamGrowth       = "growth"
	ParamNoise        = "noise"
	ParamSupply       = "supply"
	ParamExporter     = "restriction.exporter"
	ParamCut          = "restriction.cut"
	ParamRStart       = "restriction.start"
	ParamDuration     = "restriction.duration"
	ParamHeadroom     = "alternatives.headroom"
	ParamLeadTime     = "alternatives.lead_time"
	ParamRamp         = "alternatives.ramp"
	ParamStockpile    = "stockpile"
	ParamMaxRelease   = "stockpile.max_release"
	ParamTrials       = "trials"
	ParamSeed         = "seed"
	BasisAssumption   = "assumption"
	BasisUser         = "user"
	UnitNormalised    = "normalised"
	DefaultTrials     = 10000
	DefaultMonths     = 24
	maxTrials         = 10_000_000
	maxMonths         = 600
	shareSumTolerance = 1e-6
)

// Default returns the generic scenario: every value is an assumption, to be
// replaced by data, a preset or the user. Supply and exporter are empty.
func Default() *Scenario {
	return &Scenario{
		Buyer:  "USA",
		Months: DefaultMonths,
		Demand: 1,
		Unit:   UnitNormalised,
		Growth: 0,
		Noise:  0.05,
		Restriction: Restriction{
			Cut:      Dist{Kind: Triangular, A: 0.25, B: 0.5, C: 1},
			Start:    Value(1),
			Duration: Dist{Kind: Uniform, A: 6, B: 18},
		},
		Alternatives: Alternatives{
			Headroom: Dist{Kind: Triangular, A: 0, B: 0.1, C: 0.3},
			LeadTime: Dist{Kind: Uniform, A: 3, B: 9},
			Ramp:     Dist{Kind: Triangular, A: 0.05, B: 0.1, C: 0.25},
		},
		Trials: DefaultTrials,
		Seed:   1,
		Basis:  map[string]string{},
	}
}

// SetBasis records where a parameter comes from.
func (sc *Scenario) SetBasis(param, basis string) {
	if sc.Basis == nil {
		sc.Basis = map[string]string{}
	}
	sc.Basis[param] = basis
}

func (sc *Scenario) basis(param string) string {
	if b := sc.Basis[param]; b != "" {
		return b
	}
	return BasisAssumption
}

// Parameter is one input of a run with where it comes from: "assumption",
// "user", or the source or record it was read from.
type Parameter struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Basis string `json:"basis"`
}

// Parameters lists every input with its basis, in a fixed order.
func (sc *Scenario) Parameters() []Parameter {
	g := func(v float64) string { return fmt.Sprintf("%g", v) }
	var mix []string
	for _, s := range sc.Supply {
		mix = append(mix, fmt.Sprintf("%s %.4g%%", s.Country, 100*s.Share))
	}
	stock := "0"
	switch {
	case sc.Stockpile.Months > 0:
		stock = g(sc.Stockpile.Months) + " months of demand"
	case sc.Stockpile.Tonnes > 0:
		stock = g(sc.Stockpile.Tonnes) + " " + sc.Unit
	}
	maxRel := "no limit"
	if sc.Stockpile.MaxRelease > 0 {
		maxRel = g(sc.Stockpile.MaxRelease) + " " + sc.Unit + "/month"
	}
	start := sc.Start
	if start == "" {
		start = "month 1 (no calendar date)"
	}
	ps := []Parameter{
		{ParamBuyer, sc.Buyer, ""},
		{ParamMaterial, sc.Material, ""},
		{ParamStart, start, ""},
		{ParamMonths, fmt.Sprint(sc.Months), ""},
		{ParamDemand, demandText(sc), ""},
		{ParamGrowth, g(sc.Growth) + " per year", ""},
		{ParamNoise, g(sc.Noise) + " (sd, monthly, multiplicative)", ""},
		{ParamSupply, strings.Join(mix, "; "), ""},
		{ParamExporter, sc.Restriction.Exporter, ""},
		{ParamCut, sc.Restriction.Cut.String() + " of the exporter's supply", ""},
		{ParamRStart, sc.Restriction.Start.String() + " (month)", ""},
		{ParamDuration, durationText(sc.Restriction.Duration, sc.Months), ""},
		{ParamHeadroom, sc.Alternatives.Headroom.String() + " of monthly demand", ""},
		{ParamLeadTime, sc.Alternatives.LeadTime.String() + " months", ""},
		{ParamRamp, sc.Alternatives.Ramp.String() + " of headroom per month", ""},
		{ParamStockpile, stock, ""},
		{ParamMaxRelease, maxRel, ""},
		{ParamTrials, fmt.Sprint(sc.Trials), ""},
		{ParamSeed, fmt.Sprint(sc.Seed), ""},
	}
	for i := range ps {
		ps[i].Basis = sc.basis(ps[i].Name)
	}
	// Run settings are choices, not assumptions about the world.
	for i := range ps {
		switch ps[i].Name {
		case ParamTrials, ParamSeed, ParamMonths:
			if sc.Basis[ps[i].Name] == "" {
				ps[i].Basis = "setting"
			}
		}
	}
	return ps
}

func invalid(format string, args ...any) error {
	return orewatch.Errorf(orewatch.EINVALID, format, args...)
}

// Validate checks the scenario and says which parameter is wrong and why.
func (sc *Scenario) Validate() error {
	if sc.Months < 1 || sc.Months > maxMonths {
		return invalid("months must be between 1 and %d, got %d", maxMonths, sc.Months)
	}
	if sc.Start != "" {
		if _, err := time.Parse("2006-01", sc.Start); err != nil {
			return invalid("start must be a calendar month YYYY-MM, got %q", sc.Start)
		}
	}
	if !(sc.Demand > 0) || math.IsInf(sc.Demand, 0) {
		return invalid("demand must be a positive number, got %g", sc.Demand)
	}
	if !(sc.Growth > -1) || math.IsInf(sc.Growth, 0) {
		return invalid("growth must be a yearly rate above -1, got %g", sc.Growth)
	}
	if !(sc.Noise >= 0 && sc.Noise <= 1) {
		return invalid("noise must be a standard deviation between 0 and 1, got %g", sc.Noise)
	}
	if len(sc.Supply) == 0 {
		return invalid("supply mix is empty: give the suppliers and their shares of demand")
	}
	var sum float64
	var seen []string
	for _, s := range sc.Supply {
		if s.Country == "" {
			return invalid("supply mix: a supplier has no country")
		}
		if slices.Contains(seen, s.Country) {
			return invalid("supply mix: %s is listed twice", s.Country)
		}
		seen = append(seen, s.Country)
		if !(s.Share >= 0 && s.Share <= 1) {
			return invalid("supply mix: share of %s must lie between 0 and 1, got %g", s.Country, s.Share)
		}
		sum += s.Share
	}
	if math.Abs(sum-1) > shareSumTolerance {
		return invalid("supply mix: shares add up to %.6g, want 1", sum)
	}
	if !slices.Contains(seen, sc.Restriction.Exporter) {
		return invalid("restriction exporter %q is not in the supply mix (%s)", sc.Restriction.Exporter, strings.Join(seen, ", "))
	}
	r, a := sc.Restriction, sc.Alternatives
	checks := []struct {
		name   string
		d      Dist
		lo, hi float64
	}{
		{ParamCut, r.Cut, 0, 1},
		{ParamRStart, r.Start, 1, math.Inf(1)},
		{ParamDuration, r.Duration, 0, math.Inf(1)},
		{ParamHeadroom, a.Headroom, 0, math.Inf(1)},
		{ParamLeadTime, a.LeadTime, 0, math.Inf(1)},
		{ParamRamp, a.Ramp, 0, math.Inf(1)},
	}
	for _, c := range checks {
		if err := c.d.check(); err != nil {
			return invalid("%s: %v", c.name, err)
		}
		lo, hi := c.d.Support()
		if lo < c.lo || hi > c.hi {
			return invalid("%s: %s can take values outside [%g, %g]", c.name, c.d, c.lo, c.hi)
		}
	}
	st := sc.Stockpile
	if !(st.Tonnes >= 0) || !(st.Months >= 0) || !(st.MaxRelease >= 0) || math.IsInf(st.Tonnes+st.Months+st.MaxRelease, 0) {
		return invalid("stockpile size and maximum release must be finite and not negative")
	}
	if st.Tonnes > 0 && st.Months > 0 {
		return invalid("give the stockpile in tonnes or in months of demand, not both")
	}
	if sc.Trials < 1 || sc.Trials > maxTrials {
		return invalid("trials must be between 1 and %d, got %d", maxTrials, sc.Trials)
	}
	return nil
}

// StockpileTonnes is the initial stockpile in Unit.
func (sc *Scenario) StockpileTonnes() float64 {
	if sc.Stockpile.Months > 0 {
		return sc.Stockpile.Months * sc.Demand
	}
	return sc.Stockpile.Tonnes
}

// exporterShare is the exporter's share of demand.
func (sc *Scenario) exporterShare() float64 {
	for _, s := range sc.Supply {
		if s.Country == sc.Restriction.Exporter {
			return s.Share
		}
	}
	return 0
}

// MonthLabel is the calendar month of month m (1-based), or "" without a
// start.
func (sc *Scenario) MonthLabel(m int) string {
	if sc.Start == "" {
		return ""
	}
	t, err := time.Parse("2006-01", sc.Start)
	if err != nil {
		return ""
	}
	return t.AddDate(0, m-1, 0).Format("2006-01")
}

func durationText(d Dist, months int) string {
	if lo, _ := d.Support(); lo >= float64(months) {
		return d.String() + " months (lasts to the end of the horizon)"
	}
	return d.String() + " months"
}

func demandText(sc *Scenario) string {
	if sc.Unit == UnitNormalised {
		return fmt.Sprintf("%g per month (normalised: quantities are in months of demand)", sc.Demand)
	}
	return fmt.Sprintf("%g %s/month", sc.Demand, sc.Unit)
}
