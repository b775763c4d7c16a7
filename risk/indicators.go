// Package risk computes supply-concentration and exposure indicators from
// the reference data: country shares, the Herfindahl-Hirschman index, top-1
// and top-3 shares, the EU method's governance-weighted concentration, the
// share of world supply behind export restrictions and a buyer's exposure
// through its import sources. The indicator functions are pure; Service
// reads the store and asks the registry.
package risk

import (
	"cmp"
	"math"
	"slices"

	"orewatch"
)

// Quantity is what one country produced (in the unit of its series).
type Quantity struct {
	Country string
	Value   float64
}

// Indicators are the concentration measures of one stage and year.
type Indicators struct {
	// Shares are country / total, largest first (ties by country code).
	Shares []orewatch.CountryShare
	// HHI is Σ (100·share)², on the 0–10,000 scale.
	HHI float64
	// Top1 and Top3 are the largest share and the sum of the three largest.
	Top1, Top3 float64
	// Producers counts the countries with a positive quantity.
	Producers int
	// Covered is Σ shares: 1 when the country rows add up to the total, less
	// when the source leaves producers out ("other countries").
	Covered float64
}

// Concentration computes the indicators of the quantities against total.
// With total ≤ 0 the shares are of the sum of the quantities, so they add
// up to 1. Countries with a zero or negative quantity are left out; a
// country listed twice is summed.
func Concentration(qs []Quantity, total float64) Indicators {
	sums := make(map[string]float64, len(qs))
	order := make([]string, 0, len(qs))
	var sum float64
	for _, q := range qs {
		if !(q.Value > 0) || math.IsInf(q.Value, 0) {
			continue
		}
		if _, ok := sums[q.Country]; !ok {
			order = append(order, q.Country)
		}
		sums[q.Country] += q.Value
		sum += q.Value
	}
	if !(total > 0) {
		total = sum
	}
	var ind Indicators
	if total <= 0 {
		return ind
	}
	ind.Shares = make([]orewatch.CountryShare, 0, len(order))
	for _, c := range order {
		ind.Shares = append(ind.Shares, orewatch.CountryShare{Country: c, Share: sums[c] / total})
	}
	SortShares(ind.Shares)
	ind.HHI = HHI(ind.Shares)
	for i, s := range ind.Shares {
		if i == 0 {
			ind.Top1 = s.Share
		}
		if i < 3 {
			ind.Top3 += s.Share
		}
		ind.Covered += s.Share
	}
	ind.Producers = len(ind.Shares)
	return ind
}

// SortShares orders shares largest first, ties by country code, so that
// output is stable.
func SortShares(s []orewatch.CountryShare) {
	slices.SortFunc(s, func(a, b orewatch.CountryShare) int {
		if c := cmp.Compare(b.Share, a.Share); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
}

// HHI is the Herfindahl-Hirschman index Σ (100·share)² of shares given as
// fractions: 10,000 for a single producer, near 0 for many small ones.
func HHI(shares []orewatch.CountryShare) float64 {
	var h float64
	for _, s := range shares {
		p := 100 * s.Share
		h += p * p
	}
	return h
}
