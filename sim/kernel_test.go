package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRNGMatchesMathRand holds the inlined generator to math/rand/v2's PCG,
// word for word: runs are named by their seed, so the stream must not drift.
func TestRNGMatchesMathRand(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, 1 << 63, math.MaxUint64} {
		r, want := newRNG(seed), rand.NewPCG(seed, rngStream)
		for i := range 1000 {
			if got, w := r.uint64(), want.Uint64(); got != w {
				t.Fatalf("seed %d, draw %d: %#x, want %#x", seed, i, got, w)
			}
		}
	}
}

// reference runs the model as docs/scenarios.md states it, trial by trial
// and month by month with one branch per case, from the same draws as
// simulate (model.draw, block by block).
func reference(sc *Scenario) (cols [3][][]float32, totals []float64, runouts []int32) {
	md := newModel(sc)
	r := newRNG(sc.Seed)
	b := newBatch(md.h)
	n, h := sc.Trials, md.h
	for q := range cols {
		cols[q] = make([][]float32, h)
		for m := range h {
			cols[q][m] = make([]float32, n)
		}
	}
	totals, runouts = make([]float64, n), make([]int32, n)
	for b0 := 0; b0 < n; b0 += blockSize {
		nb := min(blockSize, n-b0)
		md.draw(r, b, nb)
		for k := range nb {
			t := b.trial(k)
			s := md.stock0
			for m := range h {
				d := demand(md.base[m], b.z[k*h+m], md.noise)
				x := t.shortfall(m, d)
				u := 0.0
				if x > 0 {
					rel := minRelease(x, s, md.maxRel)
					s -= rel
					u = x - rel
					totals[b0+k] += u
					if s == 0 && runouts[b0+k] == 0 {
						runouts[b0+k] = int32(m + 1)
					}
				}
				cols[qSupply][m][b0+k] = float32(d - x)
				cols[qUnmet][m][b0+k] = float32(u)
				cols[qLevel][m][b0+k] = float32(s)
			}
		}
	}
	return cols, totals, runouts
}

// edgeScenario is a valid scenario that tests one corner of the fast path:
// the restriction window, the ramp's clamps, the release cap and the stock
// running out all at different places in different trials.
func edgeScenario(r *rand.Rand, i int) *Scenario {
	sc := Default()
	sc.Demand, sc.Unit = 100, "t"
	sc.Supply = []SupplyShare{{Country: "CHN", Share: 0.7}, {Country: "other", Share: 0.3}}
	sc.Restriction.Exporter = "CHN"
	sc.Months = 1 + r.IntN(40)
	sc.Noise = []float64{0, 0.05, 0.4, 1}[i%4]
	sc.Growth = 0.4*r.Float64() - 0.1
	sc.Restriction.Cut = Dist{Kind: Triangular, A: 0, B: 0.5, C: 1}
	sc.Restriction.Start = Dist{Kind: Uniform, A: 1, B: float64(sc.Months + 4)}
	sc.Restriction.Duration = Dist{Kind: Lognormal, A: 1 + 12*r.Float64(), B: 1.5 * r.Float64()}
	sc.Alternatives.Headroom = Dist{Kind: Uniform, A: 0, B: 1.5 * r.Float64()}
	sc.Alternatives.LeadTime = Dist{Kind: Uniform, A: 0, B: 10 * r.Float64()}
	sc.Alternatives.Ramp = Dist{Kind: Triangular, A: 0, B: 0.2, C: 0.2 + 2*r.Float64()}
	switch i % 5 {
	case 0:
		sc.Stockpile = Stockpile{}
	case 1:
		sc.Stockpile = Stockpile{Months: 4 * r.Float64(), MaxRelease: 5 + 30*r.Float64()}
	case 2:
		sc.Alternatives.Ramp = Value(0)
		sc.Stockpile = Stockpile{Tonnes: 300 * r.Float64()}
	case 3:
		sc.Restriction.Duration = Value(1000)
		sc.Alternatives.LeadTime = Value(0)
		sc.Stockpile = Stockpile{Months: 1}
	default:
		sc.Stockpile = Stockpile{Months: 3 * r.Float64(), MaxRelease: 20}
	}
	sc.Trials = 1 + r.IntN(3*blockSize)
	sc.Seed = r.Uint64()
	return sc
}

// TestSimulateMatchesReference holds simulate (its chunked storage, its
// fast and exact paths) to the plain model, bit for bit.
func TestSimulateMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	var scs []*Scenario
	for i := range 60 {
		scs = append(scs, edgeScenario(r, i))
	}
	// Draws that overflow: a headroom and a ramp lognormal with a sigma
	// large enough for exp to reach +Inf, which the fast path must leave to
	// the exact one.
	inf := edgeScenario(r, 1)
	inf.Alternatives.Headroom = Dist{Kind: Lognormal, A: 0.1, B: 1000}
	inf.Alternatives.Ramp = Dist{Kind: Lognormal, A: 0.1, B: 1000}
	inf.Trials = 2 * blockSize
	// Zeros with a sign: a cut, a headroom and a stock of -0.
	negz := edgeScenario(r, 3)
	negz.Restriction.Cut = Value(math.Copysign(0, -1))
	negz.Alternatives.Headroom = Value(math.Copysign(0, -1))
	negz.Stockpile = Stockpile{Tonnes: math.Copysign(0, -1), MaxRelease: 10}
	negz2 := edgeScenario(r, 4)
	negz2.Supply = []SupplyShare{{Country: "CHN", Share: math.Copysign(0, -1)}, {Country: "other", Share: 1}}
	// Expected demand that underflows to zero over the horizon.
	tiny := edgeScenario(r, 2)
	tiny.Growth, tiny.Months = -0.9999999999, 600
	tiny.Trials = 50
	scs = append(scs, inf, tiny, negz, negz2)
	for i, sc := range scs {
		s, err := Simulate(sc)
		if err != nil {
			t.Fatalf("scenario %d: %v", i, err)
		}
		cols, totals, runouts := reference(sc)
		var segs [][]float32
		for q := range cols {
			for m := range sc.Months {
				segs = s.out.column(q, m, segs)
				got := slices.Concat(segs...)
				for k, w := range cols[q][m] {
					if math.Float32bits(got[k]) != math.Float32bits(w) {
						t.Fatalf("scenario %d (fast %v), quantity %d, month %d, trial %d: %v, want %v",
							i, s.md.fast, q, m+1, k, got[k], w)
					}
				}
			}
		}
		for k := range totals {
			if math.Float64bits(s.totals[k]) != math.Float64bits(totals[k]) || s.runouts[k] != runouts[k] {
				t.Fatalf("scenario %d, trial %d: total %v run-out %d, want %v, %d",
					i, k, s.totals[k], s.runouts[k], totals[k], runouts[k])
			}
		}
	}
	if newModel(tiny).fast {
		t.Error("a horizon whose expected demand underflows should not take the fast path")
	}
}

func TestBatchFinite(t *testing.T) {
	b := newBatch(3)
	b.n = 2
	if !b.finite() {
		t.Fatal("zero draws reported as not finite")
	}
	for _, s := range [][]float64{b.head, b.lead, b.ramp} {
		s[1] = math.Inf(1)
		if b.finite() {
			t.Fatal("an infinite draw reported as finite")
		}
		s[1] = 0
	}
	b.ramp[2] = math.Inf(1) // beyond n
	if !b.finite() {
		t.Fatal("a draw beyond the block's trials was looked at")
	}
}

// TestPathsColumns checks the chunked layout: a column holds every trial
// once, in order, whatever the number of trials and months.
func TestPathsColumns(t *testing.T) {
	for _, tc := range []struct{ n, h int }{{1, 1}, {5, 24}, {blockSize, 24}, {4*blockSize + 3, 24}, {40000, 24}, {3000, 600}} {
		p := newPaths(tc.n, tc.h)
		if p.chunk%blockSize != 0 || p.stride <= p.chunk {
			t.Fatalf("n %d, h %d: chunk %d, stride %d", tc.n, tc.h, p.chunk, p.stride)
		}
		// Number every (quantity, month, trial) where simulate would write it.
		for c0 := 0; c0 < tc.n; c0 += p.chunk {
			for q := range 3 {
				for m := range tc.h {
					for k := c0; k < min(c0+p.chunk, tc.n); k++ {
						p.data[(c0/p.chunk*3+q)*tc.h*p.stride+m*p.stride+k-c0] = float32((q*tc.h+m)*tc.n + k)
					}
				}
			}
		}
		var segs [][]float32
		for q := range 3 {
			for m := range tc.h {
				segs = p.column(q, m, segs)
				col := slices.Concat(segs...)
				if len(col) != tc.n {
					t.Fatalf("n %d, h %d: column (%d, %d) has %d values", tc.n, tc.h, q, m, len(col))
				}
				for k, v := range col {
					if want := float32((q*tc.h+m)*tc.n + k); v != want {
						t.Fatalf("n %d, h %d: column (%d, %d)[%d] = %v, want %v", tc.n, tc.h, q, m, k, v, want)
					}
				}
			}
		}
	}
}

// TestQuantilesSegs: the quantiles of a column split into segments equal
// those of the whole column.
func TestQuantilesSegs(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	q := newColQuantiles()
	ps := []float64{0.05, 0.5, 0.95}
	for trial := range 200 {
		n := 1 + r.IntN(5000)
		a := make([]float32, n)
		for i := range a {
			if trial%2 == 0 {
				a[i] = float32(r.NormFloat64())
			} else {
				a[i] = float32(r.IntN(4))
			}
		}
		want := q.quantiles(slices.Clone(a), ps)
		var segs [][]float32
		for rest := a; len(rest) > 0; {
			k := r.IntN(len(rest) + 1)
			segs = append(segs, rest[:k]) // empty segments too
			rest = rest[k:]
		}
		if got := q.quantilesSegs(segs, ps); !slices.Equal(got, want) {
			t.Fatalf("trial %d, n %d, %d segments: %v, want %v", trial, n, len(segs), got, want)
		}
	}
}

func TestAdviseHuge(t *testing.T) {
	for _, n := range []int{0, 1, 1 << 20, 3<<20 + 5} {
		a := make([]float32, n)
		adviseHuge(a)
		for i := range a {
			a[i] = float32(i)
		}
		for i, v := range a {
			if v != float32(i) {
				t.Fatalf("n %d: a[%d] = %v after the advice", n, i, v)
			}
		}
	}
}
