package sim_test

import (
	"os"
	"testing"
	"time"

	"orewatch/sim"
)

// benchScenario is the 24-month single-material scenario of the speed goal,
// read from the file the harness (bench/sim) and the numpy twin
// (bench/sim_numpy.py) read too: every trial draws all six restriction and
// supplier parameters and one demand shock per month.
func benchScenario(tb testing.TB, trials int) *sim.Scenario {
	tb.Helper()
	f, err := os.Open("../bench/sim/scenario.json")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := sim.Default()
	if err := sim.LoadConfig(f, "scenario.json", sc); err != nil {
		tb.Fatal(err)
	}
	sc.Trials = trials
	return sc
}

// BenchmarkRun times a whole run of 100k trials: drawing, simulating,
// storing every monthly path and computing the monthly quantiles and
// summaries. Run with -cpu 1 for the one-core figure.
func BenchmarkRun(b *testing.B) {
	const trials = 100_000
	sc := benchScenario(b, trials)
	c0 := cpuTime()
	for b.Loop() {
		if _, err := sim.Run(sc); err != nil {
			b.Fatal(err)
		}
	}
	reportTrials(b, trials, c0)
}

// BenchmarkTrials times drawing and simulating trials without storing paths
// (the sizer's pre-draw), the inner loop alone.
func BenchmarkTrials(b *testing.B) {
	const trials = 100_000
	sc := benchScenario(b, trials)
	c0 := cpuTime()
	for b.Loop() {
		if _, err := sim.NewSizer(sc); err != nil {
			b.Fatal(err)
		}
	}
	reportTrials(b, trials, c0)
}

// BenchmarkSize times sizing a stockpile for 95 % of 100k trials without
// unmet demand: the pre-draw, the bisection and the 21-point curve.
func BenchmarkSize(b *testing.B) {
	sc := benchScenario(b, 100_000)
	sc.Stockpile.MaxRelease = 0
	c0 := cpuTime()
	for b.Loop() {
		z, err := sim.NewSizer(sc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := z.Size(sim.Target{NoUnmet: 0.95}); err != nil {
			b.Fatal(err)
		}
	}
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(c.Seconds()/float64(b.N), "cpu-s/op")
	}
}

// BenchmarkSimulate times the trials with their stored paths, without the
// summary.
func BenchmarkSimulate(b *testing.B) {
	const trials = 100_000
	sc := benchScenario(b, trials)
	c0 := cpuTime()
	for b.Loop() {
		if _, err := sim.Simulate(sc); err != nil {
			b.Fatal(err)
		}
	}
	reportTrials(b, trials, c0)
}

// reportTrials reports trials per wall-clock second and, where the system
// measures it, per CPU second of the process since c0: with -cpu 1 the
// latter is the one-core throughput even when other jobs share the machine.
func reportTrials(b *testing.B, trials int, c0 time.Duration) {
	b.ReportMetric(float64(trials*b.N)/b.Elapsed().Seconds(), "trials/s")
	if c := cpuTime() - c0; c > 0 {
		b.ReportMetric(float64(trials*b.N)/c.Seconds(), "trials/cpu-s")
	}
}
