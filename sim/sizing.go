package sim

import (
	"fmt"
	"math"
	"slices"
)

// Target is what a stockpile must achieve. Set exactly one: NoUnmet, the
// share of trials that must see no unmet demand at all (0.95: at most 5 % of
// trials have any), or MaxUnmetP95, the largest acceptable 95th percentile of
// unmet demand as a share of the trial's demand over the horizon (0.02:
// 2 %).
type Target struct {
	NoUnmet     float64 `json:"no_unmet,omitempty"`
	MaxUnmetP95 float64 `json:"max_unmet_p95,omitempty"`
}

// Validate checks that exactly one goal is set and in range.
func (t Target) Validate() error {
	switch {
	case t.NoUnmet != 0 && t.MaxUnmetP95 != 0:
		return invalid("give one target: the share of trials without unmet demand, or the 95th-percentile unmet share, not both")
	case t.NoUnmet != 0:
		if !(t.NoUnmet > 0 && t.NoUnmet < 1) {
			return invalid("target must be a share of trials strictly between 0 and 1 (0.95 = 95 %% of trials without unmet demand), got %g", t.NoUnmet)
		}
	case t.MaxUnmetP95 != 0:
		if !(t.MaxUnmetP95 > 0 && t.MaxUnmetP95 < 1) {
			return invalid("the 95th-percentile unmet share must lie strictly between 0 and 1 (0.02 = 2 %%), got %g", t.MaxUnmetP95)
		}
	default:
		return invalid("no target: give the share of trials that must see no unmet demand (e.g. 0.95)")
	}
	return nil
}

func (t Target) String() string {
	if t.NoUnmet != 0 {
		return fmt.Sprintf("P(any unmet demand) ≤ %.4g (%.4g%% of trials without unmet demand)", 1-t.NoUnmet, 100*t.NoUnmet)
	}
	return fmt.Sprintf("95th percentile of unmet demand ≤ %.4g%% of demand over the horizon", 100*t.MaxUnmetP95)
}

// Outcome is what a stockpile size achieves over the trials.
type Outcome struct {
	Stockpile          float64 `json:"stockpile"`        // in Unit
	StockpileMonths    float64 `json:"stockpile_months"` // in months of month-1 demand
	PAnyUnmet          float64 `json:"p_any_unmet"`
	ExpectedTotalUnmet float64 `json:"expected_total_unmet"`
	P95TotalUnmet      float64 `json:"p95_total_unmet"`
	P95UnmetShare      float64 `json:"p95_unmet_share"` // of the trial's horizon demand
}

// Sizing is the smallest stockpile that meets a target, with the curve of
// outcomes around it. Its JSON is the `stockpile --json` contract.
type Sizing struct {
	Buyer      string      `json:"buyer"`
	Material   string      `json:"material"`
	Unit       string      `json:"unit"`
	Target     string      `json:"target"`
	Result     Outcome     `json:"result"`
	Curve      []Outcome   `json:"curve"`
	Trials     int         `json:"trials"`
	Seed       uint64      `json:"seed"`
	Iterations int         `json:"iterations"`
	Parameters []Parameter `json:"parameters"`
	Notes      []string    `json:"notes,omitempty"`
}

// Sizer evaluates stockpile sizes against one set of trials: the random
// inputs are drawn once, and each trial's shortfall path (which does not
// depend on the stockpile) is kept, so every candidate size meets the same
// trials (common random numbers) and comparisons between sizes carry no
// sampling noise.
type Sizer struct {
	sc      *Scenario
	md      *model
	n, h    int
	short   []float64 // trial-major: short[i*h+m]
	demand  []float64 // total demand of each trial over the horizon
	total   []float64 // total shortfall of each trial
	peak    []float64 // largest monthly shortfall of each trial
	unmet   []float64 // scratch: each trial's total unmet
	maxNeed float64   // the largest total shortfall of any trial
}

// NewSizer draws sc.Trials trials from sc.Seed, in the same order as Run, so
// that a size found here and re-run with the same seed gives the same
// outcome.
func NewSizer(sc *Scenario) (*Sizer, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	md := newModel(sc)
	n, h := sc.Trials, sc.Months
	z := &Sizer{sc: sc, md: md, n: n, h: h,
		short: make([]float64, n*h), demand: make([]float64, n), unmet: make([]float64, n),
		total: make([]float64, n), peak: make([]float64, n)}
	dem := make([]float64, n*h)
	md.trials(newRNG(sc.Seed), n, dem, z.short)
	for i := range n {
		sh := z.short[i*h : (i+1)*h]
		var d, s, p float64
		for m := range h {
			d += dem[i*h+m]
			s += sh[m]
			p = max(p, sh[m])
		}
		z.demand[i], z.total[i], z.peak[i] = d, s, p
		z.maxNeed = max(z.maxNeed, s)
	}
	return z, nil
}

// Evaluate returns what a stockpile of size (in Unit) achieves.
func (z *Sizer) Evaluate(size float64) Outcome {
	o := Outcome{Stockpile: size, StockpileMonths: size / z.sc.Demand}
	var any int
	var sum float64
	for i := range z.n {
		t := z.unmetOf(i, size)
		z.unmet[i] = t
		if t > 0 {
			any++
		}
		sum += t
	}
	o.PAnyUnmet = float64(any) / float64(z.n)
	o.ExpectedTotalUnmet = sum / float64(z.n)
	tot := slices.Clone(z.unmet)
	o.P95TotalUnmet = quantiles(tot, []float64{0.95})[0]
	for i := range z.n {
		if z.demand[i] > 0 {
			tot[i] = z.unmet[i] / z.demand[i]
		} else {
			tot[i] = 0
		}
	}
	o.P95UnmetShare = quantiles(tot, []float64{0.95})[0]
	return o
}

func (t Target) met(o Outcome) bool {
	if t.NoUnmet != 0 {
		return o.PAnyUnmet <= 1-t.NoUnmet
	}
	return o.P95UnmetShare <= t.MaxUnmetP95
}

// unmetOf is trial i's total unmet demand with a stockpile of size. When
// no month's shortfall exceeds the release cap, the stockpile covers every
// month until it is empty, so the unmet total is what the total shortfall
// exceeds the stock by: O(1) instead of a pass over the months. Within a
// billionth of the boundary, where the month-by-month subtraction of Run
// could round the other way, and when the cap binds, the pass is run.
func (z *Sizer) unmetOf(i int, size float64) float64 {
	t := z.total[i]
	if z.peak[i] <= z.md.maxRel {
		if d := t - size; math.Abs(d) > 1e-9*max(t, size) {
			return max(d, 0)
		}
	}
	u, _ := release(z.short[i*z.h:(i+1)*z.h], size, z.md.maxRel, nil, nil)
	return u
}

// meets reports whether a size meets the target; for the share of trials
// without unmet demand it only counts them.
func (z *Sizer) meets(t Target, size float64) bool {
	if t.NoUnmet == 0 {
		return t.met(z.Evaluate(size))
	}
	var count int
	for i := range z.n {
		if z.unmetOf(i, size) > 0 {
			count++
			// The same comparison as met, so the two never disagree.
			if float64(count)/float64(z.n) > 1-t.NoUnmet {
				return false
			}
		}
	}
	return true
}

// curvePoints is the number of sizes on the sizing curve.
const curvePoints = 21

// Size finds the smallest stockpile meeting the target by bisection over
// the common trials, to within a millionth of the largest need (or 1e-9
// Unit), and the curve of outcomes from no stockpile to twice that size.
func (z *Sizer) Size(t Target) (*Sizing, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	res := &Sizing{
		Buyer: z.sc.Buyer, Material: z.sc.Material, Unit: z.sc.Unit, Target: t.String(),
		Trials: z.n, Seed: z.sc.Seed, Parameters: z.sc.Parameters(),
	}
	lo, hi := 0.0, z.maxNeed
	if !z.meets(t, hi) {
		return nil, unreachable(t, z, z.Evaluate(hi))
	}
	if z.meets(t, 0) {
		hi = 0
	} else {
		// Invariant: lo fails, hi meets the target. Under common random
		// numbers unmet demand never rises with the stockpile, so the
		// outcome is monotone and bisection converges on the threshold.
		tol := max(1e-6*z.maxNeed, 1e-9)
		for hi-lo > tol {
			mid := lo + (hi-lo)/2
			res.Iterations++
			if z.meets(t, mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
	}
	res.Result = z.Evaluate(hi)
	top := 2 * hi
	if top == 0 {
		top = z.maxNeed
	}
	if top == 0 {
		top = z.sc.Demand // nothing is ever short: show a month of demand
	}
	for i := range curvePoints {
		res.Curve = append(res.Curve, z.Evaluate(top*float64(i)/float64(curvePoints-1)))
	}
	if hi == 0 {
		res.Notes = append(res.Notes, "the target is met without a stockpile")
	}
	res.Notes = append(res.Notes, fmt.Sprintf("sized on %d trials with common random numbers; re-running with another seed moves P(any unmet) by about ±%.2g (two standard errors)",
		z.n, 2*math.Sqrt(max(res.Result.PAnyUnmet*(1-res.Result.PAnyUnmet), 1/float64(z.n))/float64(z.n))))
	return res, nil
}

func unreachable(t Target, z *Sizer, top Outcome) error {
	if z.md.maxRel < math.Inf(1) {
		return invalid("no stockpile size meets %s: with releases capped at %g %s/month some months' shortfall exceeds the cap (P(any unmet) stays at %.3g even with %g %s in stock); raise the maximum release",
			t, z.md.maxRel, z.sc.Unit, top.PAnyUnmet, z.maxNeed, z.sc.Unit)
	}
	return invalid("no stockpile size meets %s (P(any unmet) %.3g with the largest need in stock)", t, top.PAnyUnmet)
}
