package sim

import (
	"strconv"
)

// Band is the 5th, 50th and 95th percentile of a quantity across trials.
type Band struct {
	P5  float64 `json:"p5"`
	P50 float64 `json:"p50"`
	P95 float64 `json:"p95"`
}

// MonthStats are the quantiles of one month. Supply is what the market
// delivers (all suppliers after the cut, plus alternatives), without
// stockpile releases; Unmet is demand left after the release; Stockpile is
// the level at the end of the month.
type MonthStats struct {
	Month      int     `json:"month"`
	Date       string  `json:"date,omitempty"`
	BaseDemand float64 `json:"base_demand"` // expected demand without noise
	Supply     Band    `json:"supply"`
	Unmet      Band    `json:"unmet"`
	Stockpile  Band    `json:"stockpile"`
}

// Runout is the distribution of the month in which the stockpile runs out.
type Runout struct {
	// Never is the share of trials in which it lasts the horizon (or is
	// never drawn on).
	Never float64 `json:"never"`
	// ByMonth[m-1] is the share of trials in which it runs out in month m.
	ByMonth []float64 `json:"by_month"`
	// Median is the month by which half the trials have run out, or nil
	// when more than half never run out.
	Median *int `json:"median"`
}

// Result is the outcome of a run. Its JSON is the `simulate --json`
// contract.
type Result struct {
	Name      string       `json:"name,omitempty"`
	Buyer     string       `json:"buyer"`
	Material  string       `json:"material"`
	Unit      string       `json:"unit"`
	Months    int          `json:"months"`
	Trials    int          `json:"trials"`
	Seed      uint64       `json:"seed"`
	Stockpile float64      `json:"stockpile"` // initial, in Unit
	Monthly   []MonthStats `json:"monthly"`
	PAnyUnmet float64      `json:"p_any_unmet"`
	// ExpectedTotalUnmet and P95TotalUnmet are the mean and 95th
	// percentile over trials of the unmet demand summed over the horizon.
	ExpectedTotalUnmet float64     `json:"expected_total_unmet"`
	P95TotalUnmet      float64     `json:"p95_total_unmet"`
	Runout             Runout      `json:"stockpile_runout"`
	Parameters         []Parameter `json:"parameters"`
	Notes              []string    `json:"notes,omitempty"`
}

// Run simulates the scenario: sc.Trials trials drawn from sc.Seed.
func Run(sc *Scenario) (*Result, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	md := newModel(sc)
	n, h := sc.Trials, sc.Months
	out := newPaths(n, h)
	totals := make([]float64, n)
	runouts := make([]int32, n)
	simulate(md, newRNG(sc.Seed), out, totals, runouts)
	return summarise(sc, md, out, totals, runouts), nil
}

// paths holds each month's values across trials, month-major, so that each
// month's quantiles read one contiguous column. float32 halves the memory of
// large runs; the precision is far finer than any input.
type paths struct {
	n, h                 int
	supply, unmet, level []float32
}

func newPaths(n, h int) *paths {
	return &paths{n: n, h: h,
		supply: make([]float32, n*h), unmet: make([]float32, n*h), level: make([]float32, n*h)}
}

// simulate runs every trial, in order, from one generator.
func simulate(md *model, r *rng, out *paths, totals []float64, runouts []int32) {
	h, n := md.h, out.n
	buf := make([]float64, 4*h)
	demand, short, unmet, level := buf[:h], buf[h:2*h], buf[2*h:3*h], buf[3*h:]
	for i := range n {
		md.trial(r, demand, short)
		t, ro := release(short, md.stock0, md.maxRel, unmet, level)
		totals[i], runouts[i] = t, int32(ro)
		for m := range h {
			j := m*n + i
			out.supply[j] = float32(demand[m] - short[m])
			out.unmet[j] = float32(unmet[m])
			out.level[j] = float32(level[m])
		}
	}
}

var bandProbs = []float64{0.05, 0.5, 0.95}

func summarise(sc *Scenario, md *model, out *paths, totals []float64, runouts []int32) *Result {
	n, h := out.n, out.h
	res := &Result{
		Name: sc.Name, Buyer: sc.Buyer, Material: sc.Material, Unit: sc.Unit,
		Months: h, Trials: n, Seed: sc.Seed, Stockpile: md.stock0,
		Monthly:    make([]MonthStats, h),
		Parameters: sc.Parameters(),
	}
	cq := newColQuantiles()
	band := func(col []float32) Band {
		q := cq.quantiles(col, bandProbs)
		return Band{clean32(q[0]), clean32(q[1]), clean32(q[2])}
	}
	for m := range h {
		col := out.supply[m*n : (m+1)*n]
		res.Monthly[m] = MonthStats{
			Month:      m + 1,
			Date:       sc.MonthLabel(m + 1),
			BaseDemand: md.base[m],
			Supply:     band(col),
			Unmet:      band(out.unmet[m*n : (m+1)*n]),
			Stockpile:  band(out.level[m*n : (m+1)*n]),
		}
	}
	var any int
	var sum float64
	for _, t := range totals {
		if t > 0 {
			any++
		}
		sum += t
	}
	res.PAnyUnmet = float64(any) / float64(n)
	res.ExpectedTotalUnmet = sum / float64(n)
	tc := append([]float64(nil), totals...)
	res.P95TotalUnmet = quantiles(tc, []float64{0.95})[0]
	res.Runout = runoutOf(runouts, h)
	return res
}

func runoutOf(runouts []int32, h int) Runout {
	counts := make([]int, h+1)
	for _, r := range runouts {
		counts[r]++
	}
	n := float64(len(runouts))
	ro := Runout{Never: float64(counts[0]) / n, ByMonth: make([]float64, h)}
	cum := 0
	for m := 1; m <= h; m++ {
		ro.ByMonth[m-1] = float64(counts[m]) / n
		cum += counts[m]
		if ro.Median == nil && 2*cum >= len(runouts) {
			mm := m
			ro.Median = &mm
		}
	}
	return ro
}

// clean32 turns a float32 into the float64 with the same shortest decimal,
// so that JSON shows 0.3 rather than 0.30000001192092896.
func clean32(v float64) float64 {
	f, err := strconv.ParseFloat(strconv.FormatFloat(float64(float32(v)), 'g', -1, 32), 64)
	if err != nil {
		return v
	}
	return f
}
