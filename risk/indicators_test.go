package risk_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"orewatch"
	"orewatch/risk"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Rare-earth mine production 2024, tonnes REO, as printed in the USGS
// Mineral Commodity Summaries 2026 data release (doi:10.5066/P1WKQ63T):
// world total (rounded) 380,000 t.
var rareEarths2024 = []risk.Quantity{
	{"CHN", 270000}, {"USA", 45500}, {"AUS", 29000}, {"MMR", 27000}, {"IND", 2900}, {"RUS", 2600},
	{"THA", 2100}, {"NGA", 1500}, {"MDG", 1400}, {"BRA", 560}, {"VNM", 300}, {"MYS", 140},
}

func TestConcentration(t *testing.T) {
	tests := []struct {
		name            string
		qs              []risk.Quantity
		total           float64
		hhi, top1, top3 float64
		producers       int
		covered, other  float64
		first           string
	}{
		{
			// Checked by hand: the listed countries add up to 383,000 t,
			// more than the rounded world total of 380,000 t, so the base
			// is 383,000. China 270,000/383,000 = 0.704961; the three
			// largest are China, USA (0.118799) and Australia (0.075718),
			// 344,500/383,000 = 0.899478; Σ(100·s)² = 4969.70 + 141.13 +
			// 57.33 + 49.70 + 0.57 + 0.46 + 0.30 + 0.15 + 0.13 + 0.02 +
			// 0.01 + 0.00 = 5219.51.
			name: "RareEarths2024", qs: rareEarths2024, total: 380000,
			hhi: 5219.51, top1: 0.704961, top3: 0.899478, producers: 12, covered: 1, first: "CHN",
		},
		{
			// USGS MCS 2026, gallium primary production 2025: China
			// 900,000 kg, Russia 6,000, Japan 3,000; world total (rounded)
			// 900,000 kg. Dividing by the total gave China a share of 1 and
			// an HHI of 10,000.56. Base 909,000: China 0.990099, HHI
			// 9802.96 + 0.44 + 0.11 = 9803.51.
			name: "Gallium2025RoundedTotalBelowSum", qs: []risk.Quantity{{"CHN", 900000}, {"RUS", 6000}, {"JPN", 3000}}, total: 900000,
			hhi: 9803.51, top1: 0.990099, top3: 1, producers: 3, covered: 1, first: "CHN",
		},
		{name: "SingleProducer", qs: []risk.Quantity{{"CHN", 42}}, hhi: 10000, top1: 1, top3: 1, producers: 1, covered: 1, first: "CHN"},
		{name: "TwoEqual", qs: []risk.Quantity{{"B", 5}, {"A", 5}}, hhi: 5000, top1: 0.5, top3: 1, producers: 2, covered: 1, first: "A"},
		// The unattributed quarter is an OTH share, outside the HHI, the
		// top shares and the producer count.
		{name: "OtherCountriesUnattributed", qs: []risk.Quantity{{"A", 50}, {"B", 25}}, total: 100, hhi: 3125, top1: 0.5, top3: 0.75, producers: 2, covered: 0.75, other: 0.25, first: "A"},
		{name: "ZeroAndNegativeLeftOut", qs: []risk.Quantity{{"A", 3}, {"B", 0}, {"C", -1}, {"D", math.NaN()}}, hhi: 10000, top1: 1, top3: 1, producers: 1, covered: 1, first: "A"},
		{name: "DuplicateCountrySummed", qs: []risk.Quantity{{"A", 1}, {"A", 1}, {"B", 2}}, hhi: 5000, top1: 0.5, top3: 1, producers: 2, covered: 1, first: "A"},
		{name: "Empty", qs: nil, hhi: 0, top1: 0, top3: 0, producers: 0, covered: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := risk.Concentration(tt.qs, tt.total)
			if !near(got.HHI, tt.hhi, 0.01) {
				t.Errorf("HHI = %.4f, want %.2f", got.HHI, tt.hhi)
			}
			if !near(got.Top1, tt.top1, 1e-6) || !near(got.Top3, tt.top3, 1e-6) {
				t.Errorf("top1, top3 = %.6f, %.6f, want %.6f, %.6f", got.Top1, got.Top3, tt.top1, tt.top3)
			}
			if got.Producers != tt.producers {
				t.Errorf("producers = %d, want %d", got.Producers, tt.producers)
			}
			if !near(got.Covered, tt.covered, 1e-9) || !near(got.Other, tt.other, 1e-9) {
				t.Errorf("covered, other = %v, %v, want %v, %v", got.Covered, got.Other, tt.covered, tt.other)
			}
			var sum float64
			for _, s := range got.Shares {
				sum += s.Share
			}
			if tt.producers > 0 && !near(sum, 1, 1e-9) {
				t.Errorf("shares sum to %v, want 1", sum)
			}
			if i := slices.IndexFunc(got.Shares, func(s orewatch.CountryShare) bool { return s.Country == risk.OtherCode }); (i >= 0) != (tt.other > 0) || i >= 0 && i != len(got.Shares)-1 {
				t.Errorf("OTH at %d in %v, other %v", i, got.Shares, tt.other)
			}
			if tt.first != "" && got.Shares[0].Country != tt.first {
				t.Errorf("largest = %s, want %s", got.Shares[0].Country, tt.first)
			}
		})
	}
}

// Property: whatever the world total (none, below or above the sum of the
// rows), the shares sum to 1, lie in [0, 1], are sorted (the unattributed
// OTH share last), and the HHI lies between 10,000·Covered²/n and 10,000.
func TestConcentrationProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := 1 + r.IntN(30)
		qs := make([]risk.Quantity, n)
		for i := range qs {
			v := r.ExpFloat64() * math.Pow(10, float64(r.IntN(6)))
			if r.IntN(10) == 0 {
				v = 1e-9 // a tiny producer
			}
			qs[i] = risk.Quantity{Country: string(rune('A'+i%26)) + string(rune('a'+i/26)), Value: v}
		}
		// The world total is absent, or a rounded figure below or above
		// the sum of the rows, as sources print it.
		var total float64
		switch r.IntN(3) {
		case 1:
			for _, q := range qs {
				total += q.Value
			}
			total *= 0.9 + 0.2*r.Float64()
		case 2:
			for _, q := range qs {
				total += q.Value
			}
			total *= 1 + 2*r.Float64()
		}
		ind := risk.Concentration(qs, total)
		var sum float64
		for i, s := range ind.Shares {
			sum += s.Share
			if s.Share < 0 || s.Share > 1 {
				t.Fatalf("trial %d: share %v out of [0,1]", trial, s.Share)
			}
			if s.Country == risk.OtherCode {
				if i != len(ind.Shares)-1 {
					t.Fatalf("trial %d: OTH not last", trial)
				}
				continue
			}
			if i > 0 && s.Share > ind.Shares[i-1].Share {
				t.Fatalf("trial %d: shares not sorted", trial)
			}
		}
		if !near(sum, 1, 1e-9) {
			t.Fatalf("trial %d: shares sum to %v, want 1", trial, sum)
		}
		lo := 10000 * ind.Covered * ind.Covered / float64(ind.Producers)
		if ind.HHI < lo-1e-6 || ind.HHI > 10000+1e-6 {
			t.Fatalf("trial %d: HHI %v outside [%v, 10000]", trial, ind.HHI, lo)
		}
		if ind.Top1 > ind.Top3+1e-12 || ind.Top3 > 1+1e-9 {
			t.Fatalf("trial %d: top1 %v, top3 %v", trial, ind.Top1, ind.Top3)
		}
	}
}

func TestHHI(t *testing.T) {
	tests := []struct {
		name   string
		shares []orewatch.CountryShare
		want   float64
	}{
		{"Monopoly", []orewatch.CountryShare{{Country: "CHN", Share: 1}}, 10000},
		{"FourEqual", []orewatch.CountryShare{{Country: "A", Share: .25}, {Country: "B", Share: .25}, {Country: "C", Share: .25}, {Country: "D", Share: .25}}, 2500},
		{"None", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := risk.HHI(tt.shares); !near(got, tt.want, 1e-9) {
				t.Errorf("HHI = %v, want %v", got, tt.want)
			}
		})
	}
}
