package risk

import (
	"fmt"
	"slices"

	"orewatch"
)

// Governance weighting follows the supply-risk term of the EU criticality
// method: European Commission, "Methodology for establishing the EU list of
// critical raw materials: guidelines" (2017, doi:10.2873/769526), which the
// 2023 assessment (European Commission, "Study on the critical raw materials
// for the EU 2023", doi:10.2873/725585) applies unchanged. Its concentration
// term is
//
//	HHI_WGI,t = Σ_c (S_c)² × WGI_c × t_c
//
// with S_c the country's share of supply as a fraction, WGI_c the country's
// Worldwide Governance Indicators rescaled to 0–10 (10 = worst governance)
// and t_c a trade-related factor, 1 without restrictions and raised above 1
// when the country restricts exports of the material. The result lies
// between 0 and 10·max(t_c); 10 means a single producer with the worst
// possible governance and no export restriction.
//
// WGI_c is the mean of the six WGI estimates (each about −2.5..+2.5, higher
// = better), rescaled linearly so that +2.5 maps to 0 and −2.5 to 10:
//
//	WGI_c = (2.5 − mean) × 2, clamped to [0, 10].
//
// The factor the method assigns to each kind of restriction could not be
// confirmed from the methodology text here: the trade parameters published
// with the 2023 assessment range from 0.8 (an EU trade agreement) to 1.5,
// and 1.1 is the value they give most countries with an export restriction.
// It is therefore a parameter, DefaultTradeFactor, applied to any country
// whose export of the material to the destination needs a licence, is under
// quota or is banned on the date, according to the registry.

// DefaultTradeFactor is t_c for a country with an export restriction in force
// on the material. It is an assumption (see above), not a sourced figure.
const DefaultTradeFactor = 1.1

// WGIScale is the top of the rescaled governance scale.
const WGIScale = 10.0

// ScaleWGI rescales a mean WGI estimate to the EU method's 0–10 scale with
// 10 = worst governance.
func ScaleWGI(mean float64) float64 {
	v := (2.5 - mean) * 2
	return min(max(v, 0), WGIScale)
}

// WGITable looks up governance estimates by country and year.
type WGITable struct {
	byCountry map[string][]*orewatch.GovernanceEstimate // sorted by year
}

// NewWGITable indexes the estimates. A later duplicate of a country-year
// replaces the earlier one.
func NewWGITable(es []*orewatch.GovernanceEstimate) *WGITable {
	t := &WGITable{byCountry: make(map[string][]*orewatch.GovernanceEstimate)}
	for _, e := range es {
		if e == nil || e.Country == "" {
			continue
		}
		rows := t.byCountry[e.Country]
		if i := slices.IndexFunc(rows, func(r *orewatch.GovernanceEstimate) bool { return r.Year == e.Year }); i >= 0 {
			rows[i] = e
			continue
		}
		rows = append(rows, e)
		slices.SortFunc(rows, func(a, b *orewatch.GovernanceEstimate) int { return a.Year - b.Year })
		t.byCountry[e.Country] = rows
	}
	return t
}

// Len is the number of countries in the table.
func (t *WGITable) Len() int {
	if t == nil {
		return 0
	}
	return len(t.byCountry)
}

// Governance is the rescaled governance of a country for a year.
type Governance struct {
	Country string
	Year    int     // the WGI year used
	Mean    float64 // mean of the six estimates
	Scaled  float64 // 0–10, 10 = worst
}

// Lookup returns the rescaled governance of country for year: the estimate of
// that year, else of the latest earlier year, else of the earliest later
// year. ok is false when the country has no year with all six dimensions;
// why says what was missing.
func (t *WGITable) Lookup(country string, year int) (g Governance, ok bool, why string) {
	if t == nil {
		return g, false, "no governance data loaded"
	}
	rows := t.byCountry[country]
	if len(rows) == 0 {
		return g, false, fmt.Sprintf("no WGI estimates for %s", country)
	}
	// Candidates in order of preference: same year, earlier years (latest
	// first), later years (earliest first).
	var cand []*orewatch.GovernanceEstimate
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Year <= year {
			cand = append(cand, rows[i])
		}
	}
	for _, r := range rows {
		if r.Year > year {
			cand = append(cand, r)
		}
	}
	for _, r := range cand {
		if mean, complete := meanOfSix(r); complete {
			return Governance{Country: country, Year: r.Year, Mean: mean, Scaled: ScaleWGI(mean)}, true, ""
		}
	}
	return g, false, fmt.Sprintf("WGI estimates for %s lack at least one of the six dimensions in every year", country)
}

// meanOfSix averages the six estimates; complete is false when one is
// missing, because a mean of fewer dimensions is a different indicator.
func meanOfSix(e *orewatch.GovernanceEstimate) (mean float64, complete bool) {
	var sum float64
	for _, p := range e.Dimensions() {
		if p == nil {
			return 0, false
		}
		sum += *p
	}
	return sum / 6, true
}

// WeightedTerm is one country's part of HHI_WGI,t.
type WeightedTerm struct {
	Country string
	Share   float64 // fraction
	WGI     float64 // rescaled, 0–10
	T       float64 // trade factor
}

// HHIWGI is Σ share² × WGI × t over the terms (shares as fractions), the EU
// method's governance-weighted concentration, on its 0–10 scale (times t).
func HHIWGI(terms []WeightedTerm) float64 {
	var h float64
	for _, x := range terms {
		h += x.Share * x.Share * x.WGI * x.T
	}
	return h
}
