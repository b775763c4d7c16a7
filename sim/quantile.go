package sim

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// quantiles returns the quantiles of a at the probabilities ps, which must
// be ascending,
// interpolating linearly between order statistics: for n values the
// p-quantile is x[k] + f·(x[k+1] − x[k]) with k + f = p·(n−1), x sorted
// (the default of numpy.percentile). It reorders a.
//
// A full sort would do; selection is used because a run takes three
// quantiles of every month's column of up to millions of values.
func quantiles[T float32 | float64](a []T, ps []float64) []float64 {
	out := make([]float64, len(ps))
	n := len(a)
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	// Each probability needs ranks k and k+1. Selecting rank k leaves the
	// elements above it, unordered, in a[k+1:], so ranks are taken in
	// ascending order from a shrinking suffix.
	done := -1 // a[done] has rank done; a[:done] are smaller, unordered
	get := func(k int) T {
		if k == done {
			return a[k]
		}
		selectK(a[done+1:], k-done-1)
		done = k
		return a[k]
	}
	for i, p := range ps {
		h := p * float64(n-1)
		k := int(math.Floor(h))
		f := h - float64(k)
		lo := get(k)
		if f == 0 || k+1 >= n {
			out[i] = float64(lo)
			continue
		}
		hi := slices.Min(a[k+1:]) // the next order statistic
		out[i] = float64(lo) + f*(float64(hi)-float64(lo))
	}
	return out
}

// selectK reorders a so that a[k] is the value of rank k (0-based), with no
// larger value before it and no smaller after it (Hoare's selection).
func selectK[T cmp.Ordered](a []T, k int) {
	lo, hi := 0, len(a)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for p < a[j] {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // j < k < i: a[k] equals the pivot and is in place
		}
	}
}

// colQuantiles computes quantiles of float32 columns with a histogram: one
// pass finds the column's range, a second counts the values into 4096 bins
// of an order-preserving integer key spanning that range (the counts stay
// in the L1 cache), which locates the bin of every rank needed, and a third
// gathers only those bins' values, which are then sorted. For the three
// bands of a month this is three linear passes instead of repeated
// selection over the whole column. The result equals quantiles.
type colQuantiles struct {
	hist   []uint32
	slot   []int8 // bin → index of its gather slot, −1 when not needed
	gather []float32
}

const histBits = 12

func newColQuantiles() *colQuantiles {
	q := &colQuantiles{hist: make([]uint32, 1<<histBits), slot: make([]int8, 1<<histBits)}
	for i := range q.slot {
		q.slot[i] = -1
	}
	return q
}

// key32 maps a float32 to a uint32 that sorts in the same order.
func key32(v float32) uint32 {
	b := math.Float32bits(v)
	if b&0x80000000 != 0 {
		return ^b
	}
	return b | 0x80000000
}

func (q *colQuantiles) quantiles(a []float32, ps []float64) []float64 {
	return q.quantilesSegs([][]float32{a}, ps)
}

// quantilesSegs is quantiles of the values of all the segments together.
func (q *colQuantiles) quantilesSegs(segs [][]float32, ps []float64) []float64 {
	n := 0
	for _, a := range segs {
		n += len(a)
	}
	out := make([]float64, len(ps))
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	var lo, hi float32
	for _, a := range segs {
		if len(a) > 0 {
			lo, hi = a[0], a[0]
			break
		}
	}
	for _, a := range segs {
		for _, v := range a {
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
	}
	if lo == hi { // a constant column, common for unmet demand and stock
		for i := range out {
			out[i] = float64(lo)
		}
		return out
	}
	base := key32(lo)
	shift := uint(max(bits.Len32(key32(hi)-base)-histBits, 0))
	h := q.hist
	clear(h)
	for _, a := range segs {
		for _, v := range a {
			h[(key32(v)-base)>>shift]++
		}
	}
	// The ranks each probability needs: k and, when interpolating, k+1.
	type need struct {
		k, k1 int
		f     float64
	}
	needs := make([]need, len(ps))
	var ranks []int
	for i, p := range ps {
		x := p * float64(n-1)
		k := int(math.Floor(x))
		nd := need{k: k, k1: -1, f: x - float64(k)}
		ranks = append(ranks, k)
		if nd.f > 0 && k+1 < n {
			nd.k1 = k + 1
			ranks = append(ranks, k+1)
		}
		needs[i] = nd
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	// The bin of each rank and the rank of the bin's first value.
	binOf := make([]uint32, len(ranks))
	firstOf := make([]int, len(ranks))
	cum, b := 0, 0
	for i, r := range ranks {
		for cum+int(h[b]) <= r {
			cum += int(h[b])
			b++
		}
		binOf[i], firstOf[i] = uint32(b), cum
	}
	bins := slices.Compact(slices.Clone(binOf))
	offsets := make([]int, len(bins))
	fill := make([]int, len(bins))
	total := 0
	for j, bn := range bins {
		offsets[j], fill[j] = total, total
		total += int(h[bn])
	}
	if cap(q.gather) < total {
		q.gather = make([]float32, total)
	}
	g := q.gather[:total]
	for j, bn := range bins {
		q.slot[bn] = int8(j)
	}
	slot := q.slot
	for _, a := range segs {
		for _, v := range a {
			if j := slot[(key32(v)-base)>>shift]; j >= 0 {
				g[fill[j]] = v
				fill[j]++
			}
		}
	}
	for _, bn := range bins {
		slot[bn] = -1
	}
	// Within each bin, select the needed ranks in ascending order (a bin
	// can hold a spike of equal values, which selection handles in linear
	// time).
	for i, r := range ranks {
		j := slices.Index(bins, binOf[i])
		seg := g[offsets[j] : offsets[j]+int(h[binOf[i]])]
		k := r - firstOf[i]
		lo := 0
		if i > 0 && binOf[i-1] == binOf[i] {
			lo = ranks[i-1] - firstOf[i] + 1 // already placed up to there
		}
		selectK(seg[lo:], k-lo)
	}
	value := func(r int) float32 {
		i := slices.Index(ranks, r)
		j := slices.Index(bins, binOf[i])
		return g[offsets[j]+r-firstOf[i]]
	}
	for i, nd := range needs {
		v := float64(value(nd.k))
		if nd.k1 < 0 {
			out[i] = v
			continue
		}
		out[i] = v + nd.f*(float64(value(nd.k1))-v)
	}
	return out
}
