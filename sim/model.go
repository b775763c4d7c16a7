package sim

import "math"

// model is a validated scenario flattened for the inner loop: plain numbers
// and slices, no maps or interfaces.
type model struct {
	h      int
	base   []float64 // expected demand per month (growth, no noise)
	noise  float64
	share  float64 // the exporter's share of demand
	cut    sampler
	start  sampler
	dur    sampler
	head   sampler
	lead   sampler
	ramp   sampler
	stock0 float64
	maxRel float64 // +Inf for no limit
	// fast: every expected demand lies in [1e-300, 1e300], so that no
	// month's demand overflows or rounds to -0, and the fast path of
	// simulate applies (to the blocks whose draws are finite; see
	// shortfalls).
	fast bool
}

func newModel(sc *Scenario) *model {
	m := &model{
		h:      sc.Months,
		base:   make([]float64, sc.Months),
		noise:  sc.Noise,
		share:  sc.exporterShare(),
		cut:    newSampler(sc.Restriction.Cut),
		start:  newSampler(sc.Restriction.Start),
		dur:    newSampler(sc.Restriction.Duration),
		head:   newSampler(sc.Alternatives.Headroom),
		lead:   newSampler(sc.Alternatives.LeadTime),
		ramp:   newSampler(sc.Alternatives.Ramp),
		stock0: sc.StockpileTonnes(),
		maxRel: math.Inf(1),
	}
	if sc.Stockpile.MaxRelease > 0 {
		m.maxRel = sc.Stockpile.MaxRelease
	}
	g := math.Pow(1+sc.Growth, 1.0/12) // monthly growth factor
	d := sc.Demand
	m.fast = true
	for i := range m.base {
		m.base[i] = d
		if !(d >= 1e-300 && d <= 1e300) {
			m.fast = false
		}
		d *= g
	}
	return m
}

// roundMonth rounds a sampled month count half up, never below 0.
func roundMonth(x float64) int {
	if !(x > 0) {
		return 0
	}
	if x > 1e6 {
		return 1e6
	}
	return int(x + 0.5)
}

// sampler draws from a Dist with its constants worked out once.
type sampler struct {
	kind       DistKind
	a, b, c    float64 // fixed: a. uniform: a + u·b. lognormal: a·exp(b·z). triangular: see fill
	fc, k1, k2 float64 // triangular: the mode's CDF, (max−min)(mode−min), (max−min)(max−mode)
}

func newSampler(d Dist) sampler {
	switch d.Kind {
	case Uniform:
		return sampler{kind: Uniform, a: d.A, b: d.B - d.A}
	case Triangular:
		w := d.C - d.A
		if w == 0 {
			return sampler{kind: Fixed, a: d.A}
		}
		return sampler{kind: Triangular, a: d.A, c: d.C, fc: (d.B - d.A) / w, k1: w * (d.B - d.A), k2: w * (d.C - d.B)}
	case Lognormal:
		if d.B == 0 {
			return sampler{kind: Fixed, a: d.A}
		}
		return sampler{kind: Lognormal, a: d.A, b: d.B}
	}
	return sampler{kind: Fixed, a: d.A}
}

// fill draws len(out) values: uniform and triangular through the inverse
// CDF (Dist.Quantile, one 64-bit draw each), lognormal by exponentiating
// normal draws, fixed values without drawing. One loop per kind keeps the
// switch, and the generator call, out of the loop body.
func (s *sampler) fill(r *rng, out []float64) {
	switch s.kind {
	case Fixed:
		for i := range out {
			out[i] = s.a
		}
	case Uniform:
		hi, lo := r.hi, r.lo
		for i := range out {
			var x uint64
			hi, lo, x = pcgStep(hi, lo)
			u := (float64(x>>11) + 0.5) * 0x1p-53
			out[i] = s.a + u*s.b
		}
		r.hi, r.lo = hi, lo
	case Triangular:
		hi, lo := r.hi, r.lo
		fc := math.Float64bits(s.fc)
		for i := range out {
			var x uint64
			hi, lo, x = pcgStep(hi, lo)
			u := (float64(x>>11) + 0.5) * 0x1p-53
			// a + √(u·k1) below the mode's CDF fc, c − √((1−u)·k2) above:
			// which side is a coin toss per draw, so both sides' arguments
			// and results are chosen by selecting bits (CMOV), not by a
			// branch; u < fc is compared on the bits too, which order like
			// the values for non-negative floats. The values are those of
			// Dist.Quantile's branches.
			left := math.Float64bits(u) < fc
			argL, argR := math.Float64bits(u*s.k1), math.Float64bits((1-u)*s.k2)
			arg := argR
			if left {
				arg = argL
			}
			root := math.Sqrt(math.Float64frombits(arg))
			vL, vR := math.Float64bits(s.a+root), math.Float64bits(s.c-root)
			v := vR
			if left {
				v = vL
			}
			out[i] = math.Float64frombits(v)
		}
		r.hi, r.lo = hi, lo
	case Lognormal:
		r.normFill(out)
		for i, z := range out {
			out[i] = s.a * math.Exp(s.b*z)
		}
	}
}

// blockSize is how many trials are drawn at a time: small enough for a
// block's draws to stay in the L1 cache while its trials run.
const blockSize = 256

// batch holds the random inputs of a block of trials. They are drawn in a
// fixed order: each parameter for every trial of the block (cut, start,
// duration, headroom, lead time, ramp), then the demand shocks, trial by
// trial and month by month.
type batch struct {
	n                      int
	loss, head, lead, ramp []float64
	start, end             []int
	tmp                    []float64
	z                      []float64 // shocks, trial-major: z[k*h+m]
	x                      []float64 // scratch: one trial's monthly shortfalls
}

func newBatch(h int) *batch {
	return &batch{
		loss: make([]float64, blockSize), head: make([]float64, blockSize),
		lead: make([]float64, blockSize), ramp: make([]float64, blockSize),
		start: make([]int, blockSize), end: make([]int, blockSize),
		tmp: make([]float64, blockSize), z: make([]float64, blockSize*h),
		x: make([]float64, h),
	}
}

// finite reports whether the block's headroom, lead time and ramp draws are
// all finite (a lognormal with a large sigma can overflow), as the fast
// path of simulate needs: with them finite and the expected demand in
// range (model.fast), no intermediate value is NaN.
func (b *batch) finite() bool {
	for k := range b.n {
		if math.IsInf(b.head[k], 0) || math.IsInf(b.lead[k], 0) || math.IsInf(b.ramp[k], 0) {
			return false
		}
	}
	return true
}

// draw fills the batch with the inputs of the next n ≤ blockSize trials.
func (md *model) draw(r *rng, b *batch, n int) {
	b.n = n
	md.cut.fill(r, b.loss[:n])
	for k := range n {
		b.loss[k] *= md.share
	}
	md.start.fill(r, b.tmp[:n])
	for k := range n {
		b.start[k] = roundMonth(b.tmp[k]) - 1
	}
	md.dur.fill(r, b.tmp[:n])
	for k := range n {
		b.end[k] = b.start[k] + roundMonth(b.tmp[k])
	}
	md.head.fill(r, b.head[:n])
	md.lead.fill(r, b.lead[:n])
	md.ramp.fill(r, b.ramp[:n])
	if md.noise != 0 {
		r.normFill(b.z[:n*md.h])
	}
}

// draws are one trial's inputs.
type draws struct {
	loss             float64 // cut × the exporter's share of demand
	head, lead, ramp float64
	start, end       int // the restriction is active in months start ≤ m < end (0-based)
}

// trial returns the inputs of trial k of the batch.
func (b *batch) trial(k int) draws {
	return draws{loss: b.loss[k], head: b.head[k], lead: b.lead[k], ramp: b.ramp[k], start: b.start[k], end: b.end[k]}
}

// demand is a month's demand: the expected demand b times one shock,
// max(0, b·(1 + noise·z)). The hot-loop helpers compare by hand: Go's float
// min and max also order NaNs and signed zeros, which costs instructions no
// value here needs.
func demand(b, z, noise float64) float64 {
	if noise == 0 {
		return b
	}
	d := b * (1 + noise*z)
	if d < 0 {
		d = 0
	}
	return d
}

// shortfall is what is missing in month m (0-based) of demand d after the
// exporter's cut and the alternative suppliers, before any stockpile
// release. While the restriction is active (start ≤ m < end) it removes
// loss × d; alternative suppliers add head × d × clamp(ramp × (m − start +
// 1 − lead), 0, 1): nothing until lead months have passed, then a linear
// ramp to full headroom.
func (t *draws) shortfall(m int, d float64) float64 {
	if m < t.start || m >= t.end {
		return 0
	}
	k := t.ramp * (float64(m-t.start+1) - t.lead)
	if k < 0 {
		k = 0
	} else if k > 1 {
		k = 1
	}
	x := d * (t.loss - t.head*k)
	if x < 0 {
		x = 0
	}
	return x
}

// trials draws n trials in blocks, as simulate does, and writes each trial's
// demand and shortfall paths, trial-major (dem[i*h+m]).
func (md *model) trials(r *rng, n int, dem, short []float64) {
	h := md.h
	b := newBatch(h)
	for b0 := 0; b0 < n; b0 += blockSize {
		nb := min(blockSize, n-b0)
		md.draw(r, b, nb)
		for k := range nb {
			t := b.trial(k)
			i := (b0 + k) * h
			for m, base := range md.base {
				d := demand(base, b.z[k*h+m], md.noise)
				dem[i+m] = d
				short[i+m] = t.shortfall(m, d)
			}
		}
	}
}

// release runs the stockpile over a shortfall path: each month it releases
// min(shortfall, stock, maxRel). It returns the total unmet demand and the
// first month (1-based) in which a shortfall emptied the stockpile, 0 if
// none did. unmet and level, when not nil, receive the monthly values.
func release(short []float64, stock0, maxRel float64, unmet, level []float64) (total float64, runout int) {
	s := stock0
	for m, x := range short {
		u := 0.0
		if x > 0 {
			rel := minRelease(x, s, maxRel)
			s -= rel
			u = x - rel
			total += u
			if s == 0 && runout == 0 {
				runout = m + 1
			}
		}
		if unmet != nil {
			unmet[m] = u
			level[m] = s
		}
	}
	return total, runout
}

// minRelease is min(x, s, maxRel) for the non-NaN values of the model.
func minRelease(x, s, maxRel float64) float64 {
	if s < x {
		x = s
	}
	if maxRel < x {
		x = maxRel
	}
	return x
}
