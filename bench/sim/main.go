// Command sim times orewatch's Monte Carlo model on one core against its
// vectorised numpy twin (bench/sim_numpy.py) in the same run, on the same
// scenario file, and prints both and the ratio. It also checks that the two
// implementations agree within sampling error, since a fast wrong model
// proves nothing.
//
//	go run ./bench/sim [-trials 100000] [-reps 5]
//
// Times are the best of the repetitions, as wall-clock and as CPU time of the
// process (Go with GOMAXPROCS=1; numpy's element-wise operations are single-
// threaded). On a shared machine the CPU time is the fairer measure.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"orewatch/sim"
)

type timing struct {
	SimWall, SimCPU, SumWall, SumCPU float64
}

func (t timing) total() float64 { return t.SimCPU + t.SumCPU }

type pyOut struct {
	Skipped            string  `json:"skipped"`
	Numpy              string  `json:"numpy"`
	Python             string  `json:"python"`
	SimWall            float64 `json:"simulate_wall_s"`
	SimCPU             float64 `json:"simulate_cpu_s"`
	SumWall            float64 `json:"summary_wall_s"`
	SumCPU             float64 `json:"summary_cpu_s"`
	PAnyUnmet          float64 `json:"p_any_unmet"`
	ExpectedTotalUnmet float64 `json:"expected_total_unmet"`
	RunoutNever        float64 `json:"runout_never"`
	Month12SupplyP50   float64 `json:"month12_supply_p50"`
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

func main() {
	config := flag.String("config", "bench/sim/scenario.json", "scenario file shared with the numpy twin")
	script := flag.String("script", "bench/sim_numpy.py", "the numpy twin")
	trials := flag.Int("trials", 100000, "trials per run")
	reps := flag.Int("reps", 5, "repetitions; the best is kept")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	f, err := os.Open(*config)
	if err != nil {
		fatal(err)
	}
	sc := sim.Default()
	if err := sim.LoadConfig(f, *config, sc); err != nil {
		fatal(err)
	}
	f.Close()
	sc.Trials = *trials

	var best timing
	var res *sim.Result
	for i := range *reps {
		runtime.GC()
		debug.FreeOSMemory()
		w0, c0 := time.Now(), cpuSeconds()
		s, err := sim.Simulate(sc)
		if err != nil {
			fatal(err)
		}
		w1, c1 := time.Now(), cpuSeconds()
		r := s.Summary()
		w2, c2 := time.Now(), cpuSeconds()
		t := timing{w1.Sub(w0).Seconds(), c1 - c0, w2.Sub(w1).Seconds(), c2 - c1}
		if i == 0 || t.total() < best.total() {
			best, res = t, r
		}
	}
	fmt.Printf("scenario %s: %d months, %d trials, best of %d, %s %s/%s, GOMAXPROCS=1\n",
		*config, sc.Months, *trials, *reps, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	row := func(name string, t timing) {
		n := float64(*trials)
		fmt.Printf("%-8s simulate %8.0f trials/s cpu (%7.0f wall)   simulate+summary %8.0f trials/s cpu (%7.0f wall)\n",
			name, n/t.SimCPU, n/t.SimWall, n/(t.SimCPU+t.SumCPU), n/(t.SimWall+t.SumWall))
	}
	row("go", best)
	fmt.Printf("go       P(any unmet) %.4f, expected total unmet %.2f, never runs out %.4f, month-12 supply p50 %.2f\n",
		res.PAnyUnmet, res.ExpectedTotalUnmet, res.Runout.Never, res.Monthly[11].Supply.P50)

	// Stockpile sizing on the same scenario, without the release cap so that
	// every target is reachable: pre-draw, bisection and curve.
	szc := *sc
	szc.Stockpile.MaxRelease = 0
	var szWall, szCPU float64
	var sized *sim.Sizing
	for i := range *reps {
		runtime.GC()
		w0, c0 := time.Now(), cpuSeconds()
		z, err := sim.NewSizer(&szc)
		if err != nil {
			fatal(err)
		}
		r, err := z.Size(sim.Target{NoUnmet: 0.95})
		if err != nil {
			fatal(err)
		}
		w, c := time.Since(w0).Seconds(), cpuSeconds()-c0
		if i == 0 || c < szCPU {
			szWall, szCPU, sized = w, c, r
		}
	}
	fmt.Printf("go       stockpile sizing (95%% of %d trials without unmet demand): %.3f s cpu (%.3f s wall), %d bisection steps, %.4g %s\n",
		*trials, szCPU, szWall, sized.Iterations, sized.Result.Stockpile, sc.Unit)

	py, err := runNumpy(*script, *config, *trials, *reps)
	if err != nil {
		fmt.Printf("numpy    skipped: %v\n", err)
		return
	}
	row("numpy", timing{py.SimWall, py.SimCPU, py.SumWall, py.SumCPU})
	fmt.Printf("numpy    P(any unmet) %.4f, expected total unmet %.2f, never runs out %.4f, month-12 supply p50 %.2f (numpy %s, Python %s)\n",
		py.PAnyUnmet, py.ExpectedTotalUnmet, py.RunoutNever, py.Month12SupplyP50, py.Numpy, py.Python)
	fmt.Printf("ratio    go/numpy: simulate %.2f× (cpu), %.2f× (wall); simulate+summary %.2f× (cpu), %.2f× (wall)\n",
		py.SimCPU/best.SimCPU, py.SimWall/best.SimWall, (py.SimCPU+py.SumCPU)/best.total(), (py.SimWall+py.SumWall)/(best.SimWall+best.SumWall))

	// The two must describe the same model: P(any unmet) within four
	// standard errors of the difference of two independent estimates.
	p := (res.PAnyUnmet + py.PAnyUnmet) / 2
	se := math.Sqrt(2 * p * (1 - p) / float64(*trials))
	if d := math.Abs(res.PAnyUnmet - py.PAnyUnmet); d > 4*se+1e-12 {
		fmt.Printf("MISMATCH P(any unmet) differs by %.4f (4 SE = %.4f): the models are not the same\n", d, 4*se)
		os.Exit(1)
	}
	fmt.Printf("check    P(any unmet) agrees within 4 standard errors (%.4f)\n", 4*se)
}

// runNumpy runs the twin with the first interpreter that has numpy.
func runNumpy(script, config string, trials, reps int) (*pyOut, error) {
	var last error
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		cmd := exec.Command(py, script, "--config", config, "--trials", fmt.Sprint(trials), "--reps", fmt.Sprint(reps))
		cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var out pyOut
		if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr == nil && out.Skipped != "" {
			last = fmt.Errorf("%s: %s", py, out.Skipped)
			continue
		}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) || errors.Is(err, exec.ErrNotFound) {
				last = fmt.Errorf("%s: %v %s", py, err, bytes.TrimSpace(stderr.Bytes()))
				continue
			}
			return nil, err
		}
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			return nil, fmt.Errorf("%s: reading output: %w", py, err)
		}
		return &out, nil
	}
	return nil, last
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench/sim:", err)
	os.Exit(1)
}
