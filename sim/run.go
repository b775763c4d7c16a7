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

// Run simulates the scenario, sc.Trials trials drawn from sc.Seed, and
// summarises them.
func Run(sc *Scenario) (*Result, error) {
	s, err := Simulate(sc)
	if err != nil {
		return nil, err
	}
	return s.Summary(), nil
}

// Simulation holds every trial's monthly path: the work of a run before
// its summary.
type Simulation struct {
	sc      *Scenario
	md      *model
	out     *paths
	totals  []float64
	runouts []int32
}

// Simulate runs the trials and keeps their paths.
func Simulate(sc *Scenario) (*Simulation, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	s := &Simulation{sc: sc, md: newModel(sc), out: newPaths(sc.Trials, sc.Months),
		totals: make([]float64, sc.Trials), runouts: make([]int32, sc.Trials)}
	simulate(s.md, newRNG(sc.Seed), s.out, s.totals, s.runouts)
	return s, nil
}

// Summary computes the monthly quantiles and the summaries.
func (s *Simulation) Summary() *Result {
	return summarise(s.sc, s.md, s.out, s.totals, s.runouts)
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

// simulate runs every trial, in order, from one generator, and stores each
// month's market supply, unmet demand and stockpile level. Trials go in
// blocks: the block's inputs are drawn, its trials run into a small
// month-major buffer, and the buffer is copied out (writing straight into the
// full arrays would touch 3 × months pages per trial, more than the TLB
// holds). Shortfall and release are fused into one pass.
func simulate(md *model, r *rng, out *paths, totals []float64, runouts []int32) {
	n, h := out.n, md.h
	base := md.base
	noise, maxRel, stock0 := md.noise, md.maxRel, md.stock0
	b := newBatch(h)
	buf := make([]float32, 3*h*blockSize)
	bs, bu, bl := buf[:h*blockSize], buf[h*blockSize:2*h*blockSize], buf[2*h*blockSize:]
	for b0 := 0; b0 < n; b0 += blockSize {
		nb := min(blockSize, n-b0)
		md.draw(r, b, nb)
		for k := range nb {
			t := b.trial(k)
			z := b.z[k*h : (k+1)*h]
			s, total, runout := stock0, 0.0, int32(0)
			// Months outside the restriction have no shortfall: only the
			// window [lo, hi) needs the full computation, and splitting
			// the loop keeps its branches predictable.
			lo := min(max(t.start, 0), h)
			hi := min(max(t.end, lo), h)
			sf := float32(s)
			for m := range lo {
				j := m*blockSize + k
				bs[j], bu[j], bl[j] = float32(demand(base[m], z[m], noise)), 0, sf
			}
			for m := lo; m < hi; m++ {
				d := demand(base[m], z[m], noise)
				x := t.shortfall(m, d)
				u := 0.0
				if x > 0 {
					rel := minRelease(x, s, maxRel)
					s -= rel
					u = x - rel
					total += u
					if s == 0 && runout == 0 {
						runout = int32(m + 1)
					}
				}
				j := m*blockSize + k
				bs[j] = float32(d - x)
				bu[j] = float32(u)
				bl[j] = float32(s)
			}
			sf = float32(s)
			for m := hi; m < h; m++ {
				j := m*blockSize + k
				bs[j], bu[j], bl[j] = float32(demand(base[m], z[m], noise)), 0, sf
			}
			totals[b0+k], runouts[b0+k] = total, runout
		}
		for m := range h {
			copy(out.supply[m*n+b0:m*n+b0+nb], bs[m*blockSize:m*blockSize+nb])
			copy(out.unmet[m*n+b0:m*n+b0+nb], bu[m*blockSize:m*blockSize+nb])
			copy(out.level[m*n+b0:m*n+b0+nb], bl[m*blockSize:m*blockSize+nb])
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
