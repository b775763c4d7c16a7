package sim

import (
	"cmp"
	"math"
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

// colQuantiles computes quantiles of float32 columns with a radix
// histogram: one pass counts the values by the top 16 bits of an
// order-preserving key, which locates the bucket of every rank needed; a
// second pass gathers only those buckets' values, which are then sorted.
// For the three bands of a month this is two linear passes instead of
// repeated selection over the whole column. The result equals quantiles.
type colQuantiles struct {
	hist   []uint32 // 1<<16 counts
	gather []float32
}

func newColQuantiles() *colQuantiles {
	return &colQuantiles{hist: make([]uint32, 1<<16)}
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
	n := len(a)
	out := make([]float64, len(ps))
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	// The ranks each probability needs: k and, when interpolating, k+1.
	type need struct {
		k, k1 int
		f     float64
	}
	needs := make([]need, len(ps))
	var ranks []int
	for i, p := range ps {
		h := p * float64(n-1)
		k := int(math.Floor(h))
		nd := need{k: k, k1: -1, f: h - float64(k)}
		ranks = append(ranks, k)
		if nd.f > 0 && k+1 < n {
			nd.k1 = k + 1
			ranks = append(ranks, k+1)
		}
		needs[i] = nd
	}
	h := q.hist
	clear(h)
	for _, v := range a {
		h[key32(v)>>16]++
	}
	// Bucket and the rank of its first value, for each needed rank.
	type loc struct{ bucket, first int }
	locOf := make(map[int]loc, len(ranks))
	sortedRanks := slices.Clone(ranks)
	slices.Sort(sortedRanks)
	cum, b := 0, 0
	for _, r := range sortedRanks {
		for cum+int(h[b]) <= r {
			cum += int(h[b])
			b++
		}
		locOf[r] = loc{b, cum}
	}
	var buckets []uint32
	for _, l := range locOf {
		if !slices.Contains(buckets, uint32(l.bucket)) {
			buckets = append(buckets, uint32(l.bucket))
		}
	}
	slices.Sort(buckets)
	// Gather the values of the needed buckets, grouped by bucket.
	offsets := make([]int, len(buckets))
	fill := make([]int, len(buckets))
	total := 0
	for j, bk := range buckets {
		offsets[j], fill[j] = total, total
		total += int(h[bk])
	}
	if cap(q.gather) < total {
		q.gather = make([]float32, total)
	}
	g := q.gather[:total]
	first, last := buckets[0], buckets[len(buckets)-1]
	for _, v := range a {
		bk := key32(v) >> 16
		if bk < first || bk > last {
			continue
		}
		for j, b := range buckets {
			if b == bk {
				g[fill[j]] = v
				fill[j]++
				break
			}
		}
	}
	for j, bk := range buckets {
		slices.Sort(g[offsets[j] : offsets[j]+int(h[bk])])
	}
	offsetOf := func(bucket int) int {
		return offsets[slices.Index(buckets, uint32(bucket))]
	}
	value := func(r int) float32 {
		l := locOf[r]
		return g[offsetOf(l.bucket)+r-l.first]
	}
	for i, nd := range needs {
		lo := float64(value(nd.k))
		if nd.k1 < 0 {
			out[i] = lo
			continue
		}
		out[i] = lo + nd.f*(float64(value(nd.k1))-lo)
	}
	return out
}
