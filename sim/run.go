package sim

import (
	"math"
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

// paths holds every trial's market supply, unmet demand and stock level
// for each month, float32 (half the memory of large runs; the precision is
// far finer than any input). Trials go in chunks of chunk trials; a chunk
// holds, for each of the three quantities, one row per month (stride
// stride), so that simulate writes a chunk with a single copy (large
// enough for the copy to use non-temporal stores, which do not read the
// destination first) and a month's values across trials are the chunks'
// rows for that month (see column).
type paths struct {
	n, h          int
	chunk, stride int
	data          []float32 // chunk c, quantity q, month m, trial k: data[((c*3+q)*h+m)*stride+k]
}

// The quantities in paths.
const (
	qSupply = iota
	qUnmet
	qLevel
)

// Chunk sizes: a chunk's buffer should stay in the L2 cache while its
// trials run and be at least 1 MiB, above which Go's copy streams past the
// cache. Its rows are longer than the chunk so that the 3 × months rows a
// trial writes fall in different L1 cache sets: with a stride of a power of
// two bytes they would share a few sets and evict each other on every
// trial.
const (
	chunkBytes = 1200 << 10
	rowPad     = 32
)

func newPaths(n, h int) *paths {
	c := chunkBytes / (3 * h * 4) / blockSize * blockSize
	c = min(max(c, blockSize), (n+blockSize-1)/blockSize*blockSize)
	p := &paths{n: n, h: h, chunk: c, stride: c + rowPad}
	nc := (n + c - 1) / c
	p.data = makeUninit(nc * 3 * h * p.stride) // simulate writes every value, padding included
	adviseHuge(p.data)
	return p
}

// chunkLen is the length of one chunk in data.
func (p *paths) chunkLen() int { return 3 * p.h * p.stride }

// column returns month m's values of quantity q across all trials, in
// trial order, as one segment per chunk.
func (p *paths) column(q, m int, segs [][]float32) [][]float32 {
	segs = segs[:0]
	for c0 := 0; c0 < p.n; c0 += p.chunk {
		i := (c0/p.chunk*3+q)*p.h*p.stride + m*p.stride
		segs = append(segs, p.data[i:i+min(p.chunk, p.n-c0)])
	}
	return segs
}

// simulate runs every trial, in order, from one generator, and stores each
// month's market supply, unmet demand and stockpile level.
//
// Trials are drawn in blocks of blockSize and run one by one into a chunk
// buffer laid out as a chunk of out, which is copied to out when full.
// Writing a trial's months straight into out would touch 3 × months pages
// per trial, more than the TLB holds, and running a block month by month
// makes the restriction window's branches unpredictable.
func simulate(md *model, r *rng, out *paths, totals []float64, runouts []int32) {
	n, h, stride := out.n, md.h, out.stride
	cb := make([]float32, out.chunkLen())
	tr := &trialRun{md: md, b: newBatch(h), w: rows{cb[:h*stride], cb[h*stride : 2*h*stride], cb[2*h*stride:], stride}}
	for c0 := 0; c0 < n; c0 += out.chunk {
		for b0 := c0; b0 < min(c0+out.chunk, n); b0 += blockSize {
			nb := min(blockSize, n-b0)
			md.draw(r, tr.b, nb)
			tr.fast = md.fast && tr.b.finite()
			for k := range nb {
				totals[b0+k], runouts[b0+k] = tr.path(k, b0-c0+k)
			}
		}
		c := c0 / out.chunk
		copy(out.data[c*len(cb):(c+1)*len(cb)], cb)
	}
}

// trialRun is what the trials of a block share: the per-trial functions
// take it as one pointer, so that little is saved and restored around
// their calls.
type trialRun struct {
	md   *model
	b    *batch
	w    rows
	fast bool // the block may take the fast path
}

// path runs trial k of the block, whose month m goes to m*stride + col in
// the chunk's rows, and returns its unmet total and run-out month. Months
// outside the restriction window [start, end) have no shortfall, so only
// the window needs the full computation; splitting the months keeps the
// branches predictable.
func (tr *trialRun) path(k, col int) (total float64, runout int32) {
	md, b, w := tr.md, tr.b, &tr.w
	h := md.h
	base := md.base[:h]
	z := b.z[k*h : (k+1)*h]
	lo := min(max(b.start[k], 0), h)
	hi := min(max(b.end[k], lo), h)
	outside(w, col, base[:lo], z[:lo], md.noise, float32(md.stock0))
	j := lo*w.stride + col
	// The restriction window: the fast path and windowExact give the same
	// numbers (see shortfalls).
	var s float64
	if tr.fast {
		xs := b.x[lo:hi]
		shortfalls(w, j, xs, b, k, lo, base[lo:hi], z[lo:hi], md.noise)
		s, total, runout = releaseWindow(w, j, xs, lo, md.maxRel, md.stock0)
	} else {
		s, total, runout = windowExact(w, j, b, k, lo, hi, base, z, md.noise, md.maxRel, md.stock0)
	}
	outside(w, hi*w.stride+col, base[hi:], z[hi:], md.noise, float32(s))
	return total, runout
}

// rows are the supply, unmet and level rows of a chunk buffer, one per
// month, stride apart: month m of the chunk's trial k is at m*stride + k.
type rows struct {
	supply, unmet, level []float32
	stride               int
}

// outside writes the months of base (expected demands) and z (their
// shocks), in which the trial has no shortfall, to the rows from j: the
// demand as supply, no unmet demand, the stock level unchanged. It is kept
// out of line, like the window's loops, so that the compiler gives its loop
// registers of its own; inlined in simulate's loop over trials, every
// slice would be reloaded from the stack on every month.
//
//go:noinline
func outside(w *rows, j int, base, z []float64, noise float64, level float32) {
	bs, bu, bl, stride := w.supply, w.unmet, w.level, w.stride
	z = z[:len(base)]
	for m, b := range base {
		d := b * (1 + noise*z[m]) // demand, with z = 0 when noise = 0
		if d < 0 {
			d = 0
		}
		bs[j], bu[j], bl[j] = float32(d), 0, level
		j += stride
	}
}

// windowExact runs months lo ≤ m < hi of trial k, inside its restriction
// window, from stock stock0, writing month lo's values to index j of the
// rows, one branch per case, exactly as the model reads. It
// returns the stock at the end, the unmet total and the run-out month. It
// is the reference for the fast path (shortfalls, releaseWindow) and its
// stand-in where that one's arithmetic could meet an infinity (see
// model.fast and batch.finite).
func windowExact(w *rows, j int, b *batch, k, lo, hi int, base, z []float64, noise, maxRel, stock0 float64) (s, total float64, runout int32) {
	bs, bu, bl, stride := w.supply, w.unmet, w.level, w.stride
	t := b.trial(k)
	s = stock0
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
		bs[j], bu[j], bl[j] = float32(d-x), float32(u), float32(s)
		j += stride
	}
	return s, total, runout
}

// releaseWindow runs the stock over the shortfalls xs of months m0, m0+1,
// …, from stock s, writing unmet demand and stock level to the rows from
// j, and returns the stock at the end, the unmet total and the run-out
// month (see shortfalls).
func releaseWindow(w *rows, j int, xs []float64, m0 int, maxRel, s float64) (_, total float64, runout int32) {
	bu, bl, stride := w.unmet, w.level, w.stride
	mr := math.Float64bits(maxRel)
	for i, x := range xs {
		rel := math.Float64frombits(min(math.Float64bits(x), mr))
		if s < rel {
			rel = s
		}
		s -= rel
		u := x - rel
		total += u
		if math.Float64bits(s)|uint64(runout) == 0 && x != 0 {
			runout = int32(m0 + i + 1)
		}
		bu[j], bl[j] = float32(u), float32(s)
		j += stride
	}
	return s, total, runout
}

// shortfalls writes the shortfall of each month of trial k's restriction
// window, months m0, m0+1, …, to xs and their market supply to the supply
// rows from j; releaseWindow then runs the stock over them. The two are the
// fast path: windowExact without the data-dependent branches whose
// outcomes change from month to month within a trial (the ramp's clamps,
// the shortfall's sign, the release cap), each change a misprediction, and
// split in two loops, each with few enough values for the compiler to keep
// in registers. On finite inputs (model.fast, batch.finite) they give the
// same bits:
//
//   - relu(v) = max(v, 0) tests the sign bit; it differs from the
//     comparison only by turning -0 into +0, and a -0 ramp factor or
//     shortfall leaves every output as +0 does;
//   - the clamp at 1 and the cap are minimums taken on the bits as
//     integers (CMOV), which order like the values for non-negative floats;
//   - the release step with a zero shortfall releases +0 and leaves stock,
//     total and unmet demand as they were, so it is not skipped;
//   - what is left is the comparison with the stock, which changes once,
//     when the stock runs short, and the run-out test, which ORs the stock's
//     bits with the run-out month: nonzero except in the month the stock
//     empties.
func shortfalls(w *rows, j int, xs []float64, b *batch, k, m0 int, base, z []float64, noise float64) {
	const one = 0x3ff0000000000000 // 1.0
	bs, stride := w.supply, w.stride
	loss, head, lead, ramp := b.loss[k], b.head[k], b.lead[k], b.ramp[k]
	t0 := m0 + 1 - b.start[k] // months into the restriction in month m0, counting it
	base, z = base[:len(xs)], z[:len(xs)]
	// Until the lead time has passed (t ≤ lead: t ≤ ⌊lead⌋, t being whole)
	// the ramp factor is 0 and the shortfall is relu(d·loss), exactly:
	// head·0 = ±0 and loss − ±0 = loss. (relu turns the -0 of a loss of -0
	// into +0, as releaseWindow needs.)
	n0 := len(xs)
	if lead < float64(t0+len(xs)) {
		n0 = min(max(int(lead)+1-t0, 0), len(xs))
	}
	for i := range n0 {
		d := base[i] * (1 + noise*z[i]) // demand, with z = 0 when noise = 0
		if d < 0 {
			d = 0
		}
		x := relu(d * loss)
		xs[i] = x
		bs[j] = float32(d - x)
		j += stride
	}
	t := float64(t0 + n0)
	for i := n0; i < len(xs); i++ {
		d := base[i] * (1 + noise*z[i])
		if d < 0 {
			d = 0
		}
		a := math.Float64bits(relu(ramp * (t - lead)))
		t++
		if a > one {
			a = one
		}
		x := relu(d * (loss - head*math.Float64frombits(a)))
		xs[i] = x
		bs[j] = float32(d - x)
		j += stride
	}
}

// relu is max(v, 0) for a non-NaN v, without a branch: a set sign bit
// gives +0 (so -0 becomes +0).
func relu(v float64) float64 {
	b := math.Float64bits(v)
	if int64(b) < 0 {
		b = 0
	}
	return math.Float64frombits(b)
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
	var segs [][]float32
	band := func(q, m int) Band {
		segs = out.column(q, m, segs)
		v := cq.quantilesSegs(segs, bandProbs)
		return Band{clean32(v[0]), clean32(v[1]), clean32(v[2])}
	}
	for m := range h {
		res.Monthly[m] = MonthStats{
			Month:      m + 1,
			Date:       sc.MonthLabel(m + 1),
			BaseDemand: md.base[m],
			Supply:     band(qSupply, m),
			Unmet:      band(qUnmet, m),
			Stockpile:  band(qLevel, m),
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
