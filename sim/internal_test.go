package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestZigguratTables(t *testing.T) {
	if zigX[1] != zigR || zigX[zigLayers] != 0 {
		t.Fatalf("edges: x1 = %v, x128 = %v", zigX[1], zigX[zigLayers])
	}
	for i := 1; i <= zigLayers; i++ {
		if !(zigX[i] < zigX[i-1]) {
			t.Fatalf("edges not decreasing at %d: %v, %v", i, zigX[i-1], zigX[i])
		}
	}
	// The top layer must close the curve: its area v reaches f = 1 at x = 0.
	if got := zigV/zigX[zigLayers-1] + zigF[zigLayers-1]; math.Abs(got-1) > 1e-6 {
		t.Errorf("top layer reaches %v, want 1", got)
	}
}

// normCDF is Φ.
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

func TestNormalSampler(t *testing.T) {
	const n = 1_000_000
	r := newRNG(42)
	xs := make([]float64, n)
	var sum, sq float64
	var tail int
	for i := range xs {
		x := r.norm()
		xs[i] = x
		sum += x
		sq += x * x
		if math.Abs(x) > zigR {
			tail++
		}
	}
	mean := sum / n
	variance := sq/n - mean*mean
	if math.Abs(mean) > 5/math.Sqrt(n) {
		t.Errorf("mean = %v, want 0 within %v", mean, 5/math.Sqrt(n))
	}
	if math.Abs(variance-1) > 0.01 {
		t.Errorf("variance = %v, want 1", variance)
	}
	// Kolmogorov–Smirnov distance; the 0.1 % critical value for n = 1e6 is
	// 1.95/√n ≈ 0.00195.
	slices.Sort(xs)
	var d float64
	for i, x := range xs {
		c := normCDF(x)
		d = max(d, math.Abs(c-float64(i)/n), math.Abs(c-float64(i+1)/n))
	}
	if d > 1.95/math.Sqrt(n) {
		t.Errorf("KS distance %v exceeds %v", d, 1.95/math.Sqrt(n))
	}
	// The tail beyond r has probability 2(1 − Φ(r)) ≈ 5.76e-4.
	want := 2 * (1 - normCDF(zigR)) * n
	if math.Abs(float64(tail)-want) > 5*math.Sqrt(want) {
		t.Errorf("%d draws beyond r, want about %.0f", tail, want)
	}
}

func TestUniformOpenInterval(t *testing.T) {
	r := newRNG(7)
	for range 100000 {
		if u := r.float64(); !(u > 0 && u < 1) {
			t.Fatalf("uniform draw %v outside (0,1)", u)
		}
	}
}

// quantileRef is the linear-interpolation quantile over a sorted copy.
func quantileRef(a []float64, p float64) float64 {
	s := slices.Clone(a)
	slices.Sort(s)
	h := p * float64(len(s)-1)
	k := int(math.Floor(h))
	if k+1 >= len(s) {
		return s[k]
	}
	return s[k] + (h-float64(k))*(s[k+1]-s[k])
}

func TestQuantilesAgainstSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ps := []float64{0, 0.05, 0.5, 0.95, 1}
	for trial := range 500 {
		n := 1 + r.IntN(300)
		a := make([]float64, n)
		for i := range a {
			switch trial % 3 {
			case 0:
				a[i] = r.NormFloat64()
			case 1:
				a[i] = float64(r.IntN(4)) // many ties
			default:
				a[i] = 0 // all equal
			}
		}
		got := quantiles(slices.Clone(a), ps)
		for i, p := range ps {
			if want := quantileRef(a, p); math.Abs(got[i]-want) > 1e-12 {
				t.Fatalf("trial %d, n %d, p %v: got %v, want %v", trial, n, p, got[i], want)
			}
		}
	}
}

func TestSelectK(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		n := 1 + r.IntN(200)
		a := make([]float32, n)
		for i := range a {
			a[i] = float32(r.IntN(50))
		}
		k := r.IntN(n)
		sorted := slices.Clone(a)
		slices.Sort(sorted)
		selectK(a, k)
		if a[k] != sorted[k] {
			t.Fatalf("selectK rank %d = %v, want %v", k, a[k], sorted[k])
		}
		for i := range k {
			if a[i] > a[k] {
				t.Fatalf("a[%d] = %v above the pivot %v", i, a[i], a[k])
			}
		}
		for i := k + 1; i < n; i++ {
			if a[i] < a[k] {
				t.Fatalf("a[%d] = %v below the pivot %v", i, a[i], a[k])
			}
		}
	}
}

func TestColQuantilesAgainstSort(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	q := newColQuantiles()
	ps := []float64{0.05, 0.5, 0.95}
	for trial := range 400 {
		n := 1 + r.IntN(3000)
		a := make([]float32, n)
		for i := range a {
			switch trial % 5 {
			case 0:
				a[i] = float32(r.NormFloat64() * 100)
			case 1:
				a[i] = float32(r.IntN(3)) // heavy ties
			case 2:
				a[i] = 0
			case 3:
				a[i] = float32(r.ExpFloat64() * 1e-3) // one narrow range
			default:
				a[i] = float32(math.Pow(10, 20*r.Float64()-10))
			}
		}
		ref := make([]float64, n)
		for i, v := range a {
			ref[i] = float64(v)
		}
		got := q.quantiles(a, ps)
		for i, p := range ps {
			if want := quantileRef(ref, p); got[i] != want {
				t.Fatalf("trial %d, n %d, p %v: got %v, want %v", trial, n, p, got[i], want)
			}
		}
	}
}
