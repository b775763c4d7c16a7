package sim_test

import (
	"testing"

	"orewatch/sim"
)

// benchScenario is the 24-month single-material scenario of the speed goal:
// every trial draws all six restriction and supplier parameters and one
// demand shock per month. bench/sim/scenario.json holds the same scenario for
// the harness that times the numpy twin.
func benchScenario(trials int) *sim.Scenario {
	sc := sim.Default()
	sc.Material, sc.Demand, sc.Unit = "bench", 100, "t"
	sc.Months = 24
	sc.Growth = 0.03
	sc.Noise = 0.05
	sc.Supply = []sim.SupplyShare{{Country: "CHN", Share: 0.47}, {Country: "MYS", Share: 0.09}, {Country: "other", Share: 0.11}, {Country: "USA", Share: 0.33}}
	sc.Restriction = sim.Restriction{
		Exporter: "CHN",
		Cut:      sim.Dist{Kind: sim.Triangular, A: 0.2, B: 0.5, C: 0.9},
		Start:    sim.Dist{Kind: sim.Uniform, A: 1, B: 6},
		Duration: sim.Dist{Kind: sim.Lognormal, A: 9, B: 0.5},
	}
	sc.Alternatives = sim.Alternatives{
		Headroom: sim.Dist{Kind: sim.Triangular, A: 0, B: 0.1, C: 0.3},
		LeadTime: sim.Dist{Kind: sim.Uniform, A: 3, B: 9},
		Ramp:     sim.Dist{Kind: sim.Triangular, A: 0.05, B: 0.1, C: 0.25},
	}
	sc.Stockpile = sim.Stockpile{Months: 2, MaxRelease: 40}
	sc.Trials = trials
	return sc
}

// BenchmarkRun times a whole run of 100k trials: drawing, simulating,
// storing every monthly path and computing the monthly quantiles and
// summaries. Run with -cpu 1 for the one-core figure.
func BenchmarkRun(b *testing.B) {
	const trials = 100_000
	sc := benchScenario(trials)
	for b.Loop() {
		if _, err := sim.Run(sc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(trials*b.N)/b.Elapsed().Seconds(), "trials/s")
}

// BenchmarkTrials times drawing and simulating trials without storing paths
// (the sizer's pre-draw), the inner loop alone.
func BenchmarkTrials(b *testing.B) {
	const trials = 100_000
	sc := benchScenario(trials)
	for b.Loop() {
		if _, err := sim.NewSizer(sc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(trials*b.N)/b.Elapsed().Seconds(), "trials/s")
}

// BenchmarkSize times sizing a stockpile for 95 % of 100k trials without
// unmet demand: the pre-draw, the bisection and the 21-point curve.
func BenchmarkSize(b *testing.B) {
	sc := benchScenario(100_000)
	sc.Stockpile.MaxRelease = 0
	for b.Loop() {
		z, err := sim.NewSizer(sc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := z.Size(sim.Target{NoUnmet: 0.95}); err != nil {
			b.Fatal(err)
		}
	}
}
