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

// OtherCode stands in Shares for the part of the world total that the
// source does not attribute to any listed country ("other countries",
// unreported or withheld producers). Like orewatch.WorldCode it is not an
// ISO code.
const OtherCode = "OTH"

// Indicators are the concentration measures of one stage and year.
type Indicators struct {
	// Shares are each country's quantity over the base (see Concentration),
	// largest first (ties by country code), followed by the unattributed
	// remainder as OtherCode when there is one. They add up to 1.
	Shares []orewatch.CountryShare
	// Base is the denominator of the shares: the larger of the world total
	// and the sum of the country quantities.
	Base float64
	// HHI is Σ (100·share)² over the listed countries, on the 0–10,000
	// scale. The unattributed remainder is left out: it is many producers'
	// supply, not one producer's, and counting it as one would overstate
	// concentration, while any split of it adds at most Other²·10,000.
	HHI float64
	// Top1 and Top3 are the largest listed share and the sum of the three
	// largest (the remainder is not a producer).
	Top1, Top3 float64
	// Producers counts the listed countries with a positive quantity.
	Producers int
	// Covered is the listed countries' part of the shares; Other is the
	// rest (Covered + Other = 1 whenever there is a positive quantity).
	Covered, Other float64
	// SumExceedsTotal is true when the country quantities add up to more
	// than the world total (a rounded total), so the shares are of their
	// sum instead.
	SumExceedsTotal bool
}

// Concentration computes the indicators of the quantities against a world
// total. The base of the shares is max(total, Σ quantities): a source's
// rounded world total can be smaller than its own country rows (USGS prints
// gallium 2025 as 900,000 kg against 909,000 kg of listed countries), and
// dividing by it would give shares above 1 and an HHI above 10,000. When
// the total exceeds the sum, the difference is supply the source does not
// attribute; it is kept as an OtherCode share so that the shares add up to
// 1, and left out of the HHI, top shares and producer count. With total ≤
// 0 the base is the sum. Countries with a zero, negative or non-finite
// quantity are left out; a country listed twice is summed.
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
	var ind Indicators
	if sum <= 0 {
		return ind
	}
	base := sum
	if total > sum && !math.IsInf(total, 0) {
		base = total
	}
	ind.Base = base
	ind.SumExceedsTotal = total > 0 && sum > total
	ind.Shares = make([]orewatch.CountryShare, 0, len(order)+1)
	for _, c := range order {
		ind.Shares = append(ind.Shares, orewatch.CountryShare{Country: c, Share: sums[c] / base})
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
	if base > sum {
		ind.Other = (base - sum) / base
		ind.Shares = append(ind.Shares, orewatch.CountryShare{Country: OtherCode, Share: ind.Other})
	}
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
// fractions: 10,000 for a single producer, near 0 for many small ones. An
// OtherCode share is not a producer and is skipped.
func HHI(shares []orewatch.CountryShare) float64 {
	var h float64
	for _, s := range shares {
		if s.Country == OtherCode {
			continue
		}
		p := 100 * s.Share
		h += p * p
	}
	return h
}
