package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMakeUninit checks that the arrays are as long as asked, writable
// end to end, and do not share memory.
func TestMakeUninit(t *testing.T) {
	for _, n := range []int{0, 1, 1<<16 - 1, 1 << 16, 1<<20 + 3} {
		a, b := makeUninit(n), makeUninit(n)
		if len(a) != n || len(b) != n {
			t.Fatalf("n %d: lengths %d, %d", n, len(a), len(b))
		}
		for i := range a {
			a[i] = float32(i)
		}
		for i := range b {
			b[i] = -1
		}
		for i, v := range a {
			if v != float32(i) {
				t.Fatalf("n %d: a[%d] = %v after writing b", n, i, v)
			}
		}
	}
}

// TestSimulateWritesEveryValue runs trials into paths whose memory holds
// NaNs, as memory that makeUninit hands back may hold anything, and checks
// that every value the columns read is the one a run into fresh memory
// gives.
func TestSimulateWritesEveryValue(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i, n := range []int{1, blockSize + 1, 3*4096 + 7, 20000} {
		sc := edgeScenario(r, i)
		sc.Trials = n
		want, err := Simulate(sc)
		if err != nil {
			t.Fatal(err)
		}
		md := newModel(sc)
		p := newPaths(n, sc.Months)
		for j := range p.data {
			p.data[j] = float32(math.NaN())
		}
		simulate(md, newRNG(sc.Seed), p, make([]float64, n), make([]int32, n))
		var gs, ws [][]float32
		for q := range 3 {
			for m := range sc.Months {
				gs, ws = p.column(q, m, gs), want.out.column(q, m, ws)
				got, w := slices.Concat(gs...), slices.Concat(ws...)
				for k := range w {
					if math.Float32bits(got[k]) != math.Float32bits(w[k]) {
						t.Fatalf("%d trials: quantity %d, month %d, trial %d: %v, want %v", n, q, m+1, k, got[k], w[k])
					}
				}
			}
		}
	}
}
