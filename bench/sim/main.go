// Command sim times orewatch's Monte Carlo model on one core against its
// vectorised numpy twin (bench/sim_numpy.py) in the same run, on the same
// scenario file, and prints both and the ratio. It also checks that the two
// implementations agree within sampling error, since a fast wrong model
// proves nothing.
//
//	go run ./bench/sim [-trials 100000] [-reps 5] [-cold] [-v]
//
// The twin runs as a second process that waits for a command per
// repetition, and the two alternate (Go, numpy, Go, numpy, …), so that a
// change in the machine's load during the run falls on both. Each time is
// the best of the repetitions, taken separately, as wall-clock and as CPU
// time of the process (Go with GOMAXPROCS=1; numpy's element-wise
// operations are single-threaded).
// On a shared machine the CPU time is the fairer measure.
//
// Both run warm: a repetition reuses the memory that its allocator got back
// from the previous one, as any long-running process does. With -cold each
// first returns its freed memory to the system (Go's debug.FreeOSMemory,
// glibc's malloc_trim), so that every repetition pays the page faults of
// fresh memory. The minor page faults of the simulation in the repetition
// with the best simulate CPU time are printed.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"orewatch/sim"
)

// timing is one repetition's times (seconds) and minor page faults, or,
// from best, the best of each over the repetitions.
type timing struct {
	SimWall, SimCPU, TotWall, TotCPU float64 // simulate, and simulate+summary
	Faults                           int64   // in the repetition with the best simulate CPU time
}

// best takes the minimum of each time separately.
func best(ts []timing) timing {
	b := ts[0]
	for _, t := range ts[1:] {
		if t.SimCPU < b.SimCPU {
			b.SimCPU, b.Faults = t.SimCPU, t.Faults
		}
		b.SimWall, b.TotWall, b.TotCPU = min(b.SimWall, t.SimWall), min(b.TotWall, t.TotWall), min(b.TotCPU, t.TotCPU)
	}
	return b
}

// pyRep is one repetition of the twin (sim_numpy.py --serve).
type pyRep struct {
	SimWall            float64 `json:"simulate_wall_s"`
	SimCPU             float64 `json:"simulate_cpu_s"`
	SumWall            float64 `json:"summary_wall_s"`
	SumCPU             float64 `json:"summary_cpu_s"`
	Faults             int64   `json:"minor_faults"`
	PAnyUnmet          float64 `json:"p_any_unmet"`
	ExpectedTotalUnmet float64 `json:"expected_total_unmet"`
	RunoutNever        float64 `json:"runout_never"`
	Month12SupplyP50   float64 `json:"month12_supply_p50"`
}

// usage returns the process's CPU time in seconds and its minor page faults.
func usage() (cpu float64, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN(), 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime), int64(ru.Minflt)
}

// loadavg is the first line of /proc/loadavg, or "" where there is none.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func main() {
	config := flag.String("config", "bench/sim/scenario.json", "scenario file shared with the numpy twin")
	script := flag.String("script", "bench/sim_numpy.py", "the numpy twin")
	trials := flag.Int("trials", 100000, "trials per run")
	reps := flag.Int("reps", 5, "repetitions; the best is kept")
	cold := flag.Bool("cold", false, "return freed memory to the system before each repetition")
	verbose := flag.Bool("v", false, "print every repetition's simulate times")
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
	load0 := loadavg()

	py, pyErr := startNumpy(*script, *config, *trials)
	var numpyVer, pythonVer string
	if py != nil {
		defer py.close()
		numpyVer, pythonVer = py.numpy, py.python
	}
	var goTimes, pyTimes []timing
	var res *sim.Result
	var pyRes *pyRep
	for range *reps {
		t, r := goRep(sc, *cold)
		goTimes, res = append(goTimes, t), r
		if *verbose {
			fmt.Printf("rep      go    simulate %.4f s cpu, %.4f s wall, %d page faults\n", t.SimCPU, t.SimWall, t.Faults)
		}
		if py != nil {
			p, err := py.rep(*cold)
			if err != nil {
				pyErr, py = err, nil
				continue
			}
			pyTimes = append(pyTimes, timing{p.SimWall, p.SimCPU, p.SimWall + p.SumWall, p.SimCPU + p.SumCPU, p.Faults})
			pyRes = p
			if *verbose {
				fmt.Printf("rep      numpy simulate %.4f s cpu, %.4f s wall, %d page faults\n", p.SimCPU, p.SimWall, p.Faults)
			}
		}
	}
	goBest := best(goTimes)
	mode := "warm"
	if *cold {
		mode = "cold"
	}
	fmt.Printf("scenario %s: %d months, %d trials, best of %d (%s), %s %s/%s, GOMAXPROCS=1\n",
		*config, sc.Months, *trials, *reps, mode, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if load0 != "" {
		fmt.Printf("load     %s at the start\n", load0)
	}
	row := func(name string, t timing) {
		n := float64(*trials)
		fmt.Printf("%-8s simulate %8.0f trials/s cpu (%7.0f wall), %d page faults   simulate+summary %8.0f trials/s cpu (%7.0f wall)\n",
			name, n/t.SimCPU, n/t.SimWall, t.Faults, n/t.TotCPU, n/t.TotWall)
	}
	row("go", goBest)
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
		w0 := time.Now()
		c0, _ := usage()
		z, err := sim.NewSizer(&szc)
		if err != nil {
			fatal(err)
		}
		r, err := z.Size(sim.Target{NoUnmet: 0.95})
		if err != nil {
			fatal(err)
		}
		c, _ := usage()
		w, c := time.Since(w0).Seconds(), c-c0
		if i == 0 || c < szCPU {
			szWall, szCPU, sized = w, c, r
		}
	}
	fmt.Printf("go       stockpile sizing (95%% of %d trials without unmet demand): %.3f s cpu (%.3f s wall), %d bisection steps, %.4g %s\n",
		*trials, szCPU, szWall, sized.Iterations, sized.Result.Stockpile, sc.Unit)
	defer func() {
		if l := loadavg(); l != "" {
			fmt.Printf("load     %s at the end\n", l)
		}
	}()

	if pyRes == nil {
		fmt.Printf("numpy    skipped: %v\n", pyErr)
		return
	}
	pyBest := best(pyTimes)
	row("numpy", pyBest)
	fmt.Printf("numpy    P(any unmet) %.4f, expected total unmet %.2f, never runs out %.4f, month-12 supply p50 %.2f (numpy %s, Python %s)\n",
		pyRes.PAnyUnmet, pyRes.ExpectedTotalUnmet, pyRes.RunoutNever, pyRes.Month12SupplyP50, numpyVer, pythonVer)
	fmt.Printf("ratio    go/numpy: simulate %.2f× (cpu), %.2f× (wall); simulate+summary %.2f× (cpu), %.2f× (wall)\n",
		pyBest.SimCPU/goBest.SimCPU, pyBest.SimWall/goBest.SimWall, pyBest.TotCPU/goBest.TotCPU, pyBest.TotWall/goBest.TotWall)

	// The two must describe the same model: P(any unmet) within four
	// standard errors of the difference of two independent estimates.
	p := (res.PAnyUnmet + pyRes.PAnyUnmet) / 2
	se := math.Sqrt(2 * p * (1 - p) / float64(*trials))
	if d := math.Abs(res.PAnyUnmet - pyRes.PAnyUnmet); d > 4*se+1e-12 {
		fmt.Printf("MISMATCH P(any unmet) differs by %.4f (4 SE = %.4f): the models are not the same\n", d, 4*se)
		os.Exit(1)
	}
	fmt.Printf("check    P(any unmet) agrees within 4 standard errors (%.4f)\n", 4*se)
}

// goRep runs and times one repetition: the simulation, then its summary.
// The previous repetition's memory is collected before the clock starts,
// as the twin frees its arrays before its clock starts. (Warm, the
// runtime's background scavenger may still return some of it to the system
// while the twin runs; the page faults show when it did.)
func goRep(sc *sim.Scenario, cold bool) (timing, *sim.Result) {
	runtime.GC()
	if cold {
		debug.FreeOSMemory()
	}
	c0, f0 := usage()
	w0 := time.Now()
	s, err := sim.Simulate(sc)
	if err != nil {
		fatal(err)
	}
	w1 := time.Now()
	c1, f1 := usage()
	r := s.Summary()
	w2 := time.Now()
	c2, _ := usage()
	return timing{w1.Sub(w0).Seconds(), c1 - c0, w2.Sub(w0).Seconds(), c2 - c0, f1 - f0}, r
}

// numpyProc is the twin running in --serve mode.
type numpyProc struct {
	cmd           *exec.Cmd
	in            io.WriteCloser
	out           *bufio.Scanner
	stderr        bytes.Buffer
	numpy, python string
}

// startNumpy starts the twin with the first interpreter that has numpy.
func startNumpy(script, config string, trials int) (*numpyProc, error) {
	var last error
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		p := &numpyProc{cmd: exec.Command(py, script, "--config", config, "--trials", fmt.Sprint(trials), "--serve")}
		p.cmd.Env = append(os.Environ(), "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1")
		p.cmd.Stderr = &p.stderr
		var err error
		if p.in, err = p.cmd.StdinPipe(); err != nil {
			return nil, err
		}
		stdout, err := p.cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		p.out = bufio.NewScanner(stdout)
		if err := p.cmd.Start(); err != nil {
			last = fmt.Errorf("%s: %w", py, err)
			continue
		}
		var hello struct {
			Skipped       string `json:"skipped"`
			Numpy, Python string
		}
		if !p.out.Scan() || json.Unmarshal(p.out.Bytes(), &hello) != nil || hello.Skipped != "" {
			p.close()
			switch {
			case hello.Skipped != "":
				last = fmt.Errorf("%s: %s", py, hello.Skipped)
			default:
				last = fmt.Errorf("%s: no greeting from %s: %s", py, script, bytes.TrimSpace(p.stderr.Bytes()))
			}
			continue
		}
		p.numpy, p.python = hello.Numpy, hello.Python
		return p, nil
	}
	return nil, last
}

// rep runs one repetition in the twin.
func (p *numpyProc) rep(cold bool) (*pyRep, error) {
	cmd := "rep\n"
	if cold {
		cmd = "rep cold\n"
	}
	if _, err := io.WriteString(p.in, cmd); err != nil {
		return nil, fmt.Errorf("numpy twin: %w", err)
	}
	if !p.out.Scan() {
		return nil, errors.New("numpy twin stopped: " + string(bytes.TrimSpace(p.stderr.Bytes())))
	}
	var r pyRep
	if err := json.Unmarshal(p.out.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("numpy twin: reading output: %w", err)
	}
	return &r, nil
}

func (p *numpyProc) close() {
	io.WriteString(p.in, "quit\n")
	p.in.Close()
	p.cmd.Wait()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench/sim:", err)
	os.Exit(1)
}
