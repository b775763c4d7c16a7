package sim_test

import (
	"math"
	"testing"

	"orewatch/sim"
)

// The worked example of docs/scenarios.md, whose numbers were worked out by
// hand there. Keep the two in step.
func workedExample() *sim.Scenario {
	sc := sim.Default()
	sc.Material, sc.Buyer = "example", "USA"
	sc.Months = 12
	sc.Demand, sc.Unit = 100, "t"
	sc.Growth, sc.Noise = 0, 0
	sc.Supply = []sim.SupplyShare{{Country: "CHN", Share: 0.6}, {Country: "other", Share: 0.4}}
	sc.Restriction = sim.Restriction{Exporter: "CHN", Cut: sim.Value(0.5), Start: sim.Value(3), Duration: sim.Value(6)}
	sc.Alternatives = sim.Alternatives{Headroom: sim.Value(0.1), LeadTime: sim.Value(2), Ramp: sim.Value(0.5)}
	sc.Stockpile = sim.Stockpile{Tonnes: 60}
	sc.Trials = 10
	return sc
}

func TestWorkedExampleA(t *testing.T) {
	res, err := sim.Run(workedExample())
	if err != nil {
		t.Fatal(err)
	}
	// Month by month (section "Part A" of the document): supply from the
	// market, unmet demand, stockpile at month end.
	want := []struct{ supply, unmet, stock float64 }{
		{100, 0, 60}, {100, 0, 60}, // before the restriction
		{70, 0, 30},                           // month 3: shortfall 30, released from stock
		{70, 0, 0},                            // month 4: shortfall 30 empties the stock
		{75, 25, 0},                           // month 5: alternatives add 5
		{80, 20, 0}, {80, 20, 0}, {80, 20, 0}, // months 6–8: alternatives add 10
		{100, 0, 0}, {100, 0, 0}, {100, 0, 0}, {100, 0, 0}, // after the restriction
	}
	for i, w := range want {
		m := res.Monthly[i]
		// Every trial is the same, so each band collapses to one value.
		for name, pair := range map[string][2]any{"supply": {m.Supply, w.supply}, "unmet": {m.Unmet, w.unmet}, "stockpile": {m.Stockpile, w.stock}} {
			b, v := pair[0].(sim.Band), pair[1].(float64)
			if b.P5 != v || b.P50 != v || b.P95 != v {
				t.Errorf("month %d %s: %+v, want %v", i+1, name, b, v)
			}
		}
	}
	if res.PAnyUnmet != 1 || res.ExpectedTotalUnmet != 85 || res.P95TotalUnmet != 85 {
		t.Errorf("P(any) %v, expected %v, p95 %v; want 1, 85, 85", res.PAnyUnmet, res.ExpectedTotalUnmet, res.P95TotalUnmet)
	}
	if res.Runout.Never != 0 || res.Runout.ByMonth[3] != 1 || res.Runout.Median == nil || *res.Runout.Median != 4 {
		t.Errorf("runout %+v", res.Runout)
	}

	// Sizing: the whole shortfall, 30+30+25+20+20+20 = 145 t.
	z, err := sim.NewSizer(workedExample())
	if err != nil {
		t.Fatal(err)
	}
	sz, err := z.Size(sim.Target{NoUnmet: 0.95})
	if err != nil {
		t.Fatal(err)
	}
	if got := sz.Result.Stockpile; math.Abs(got-145) > 145e-6 || sz.Result.PAnyUnmet != 0 {
		t.Errorf("sized %v t (P %v), want 145", got, sz.Result.PAnyUnmet)
	}
}

func TestWorkedExampleB(t *testing.T) {
	sc := workedExample()
	// Duration uniform(3.5, 7.5) rounds to 4, 5, 6 or 7 months, each with
	// probability 1/4; the total shortfalls are 105, 125, 145 and 165 t.
	sc.Restriction.Duration = sim.Dist{Kind: sim.Uniform, A: 3.5, B: 7.5}
	sc.Stockpile = sim.Stockpile{Tonnes: 120}
	sc.Trials = 10000
	res, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	n := float64(sc.Trials)
	// P(any unmet) = 3/4; expected unmet (0+5+25+45)/4 = 18.75, with a
	// per-trial standard deviation of 17.8.
	if se := math.Sqrt(0.75 * 0.25 / n); math.Abs(res.PAnyUnmet-0.75) > 4*se {
		t.Errorf("P(any unmet) %v, want 0.75 ± %v", res.PAnyUnmet, 4*se)
	}
	if se := 17.81 / math.Sqrt(n); math.Abs(res.ExpectedTotalUnmet-18.75) > 4*se {
		t.Errorf("expected unmet %v, want 18.75 ± %v", res.ExpectedTotalUnmet, 4*se)
	}
	if res.P95TotalUnmet != 45 {
		t.Errorf("p95 total unmet %v, want 45", res.P95TotalUnmet)
	}
	// Runs out in month 7 unless the restriction lasts 4 months.
	if se := math.Sqrt(0.75 * 0.25 / n); math.Abs(res.Runout.ByMonth[6]-0.75) > 4*se || math.Abs(res.Runout.Never-0.25) > 4*se {
		t.Errorf("runout %+v", res.Runout)
	}

	z, err := sim.NewSizer(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		target, want float64
	}{{0.95, 165}, {0.70, 145}, {0.40, 125}} {
		sz, err := z.Size(sim.Target{NoUnmet: c.target})
		if err != nil {
			t.Fatal(err)
		}
		if got := sz.Result.Stockpile; math.Abs(got-c.want) > c.want*1e-6 {
			t.Errorf("target %v: sized %v t, want %v", c.target, got, c.want)
		}
	}
}
