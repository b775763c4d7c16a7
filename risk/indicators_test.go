package risk_test

import (
	"math"
	"math/rand/v2"
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
		covered         float64
		first           string
	}{
		{
			// Checked by hand: China 270,000/380,000 = 0.710526; the three
			// largest are China, USA (0.119737) and Australia (0.076316);
			// Σ(100·s)² = 5048.47 + 143.37 + 58.24 + 50.48 + 0.58 + 0.47 +
			// 0.31 + 0.16 + 0.14 + 0.02 + 0.01 + 0.00 = 5302.25. The listed
			// countries add up to 383,000 t, 100.8 % of the rounded total.
			name: "RareEarths2024", qs: rareEarths2024, total: 380000,
			hhi: 5302.25, top1: 0.710526, top3: 0.906579, producers: 12, covered: 383000.0 / 380000, first: "CHN",
		},
		{name: "SingleProducer", qs: []risk.Quantity{{"CHN", 42}}, hhi: 10000, top1: 1, top3: 1, producers: 1, covered: 1, first: "CHN"},
		{name: "TwoEqual", qs: []risk.Quantity{{"B", 5}, {"A", 5}}, hhi: 5000, top1: 0.5, top3: 1, producers: 2, covered: 1, first: "A"},
		{name: "OtherCountriesOmitted", qs: []risk.Quantity{{"A", 50}, {"B", 25}}, total: 100, hhi: 3125, top1: 0.5, top3: 0.75, producers: 2, covered: 0.75, first: "A"},
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
			if !near(got.Covered, tt.covered, 1e-9) {
				t.Errorf("covered = %v, want %v", got.Covered, tt.covered)
			}
			if tt.first != "" && got.Shares[0].Country != tt.first {
				t.Errorf("largest = %s, want %s", got.Shares[0].Country, tt.first)
			}
		})
	}
}

// Property: with no separate total the shares sum to 1, are sorted, and the
// HHI lies between 10,000/n and 10,000.
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
		ind := risk.Concentration(qs, 0)
		var sum float64
		for i, s := range ind.Shares {
			sum += s.Share
			if s.Share < 0 || s.Share > 1 {
				t.Fatalf("trial %d: share %v out of [0,1]", trial, s.Share)
			}
			if i > 0 && s.Share > ind.Shares[i-1].Share {
				t.Fatalf("trial %d: shares not sorted", trial)
			}
		}
		if !near(sum, 1, 1e-9) {
			t.Fatalf("trial %d: shares sum to %v, want 1", trial, sum)
		}
		lo := 10000 / float64(ind.Producers)
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
