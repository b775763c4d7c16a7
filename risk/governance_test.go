package risk_test

import (
	"testing"

	"orewatch"
	"orewatch/risk"
)

func f(v float64) *float64 { return &v }

func est(country string, year int, vals ...float64) *orewatch.GovernanceEstimate {
	e := &orewatch.GovernanceEstimate{Country: country, Year: year}
	ptrs := []**float64{&e.VoiceAccountability, &e.PoliticalStability, &e.GovernmentEffectiveness,
		&e.RegulatoryQuality, &e.RuleOfLaw, &e.ControlOfCorruption}
	for i, v := range vals {
		if v == missing {
			continue
		}
		*ptrs[i] = f(v)
	}
	return e
}

const missing = -99

func TestScaleWGI(t *testing.T) {
	tests := []struct {
		name       string
		mean, want float64
	}{
		{"Best", 2.5, 0},
		{"Worst", -2.5, 10},
		{"Middle", 0, 5},
		{"BeyondBest", 2.7, 0},
		{"BeyondWorst", -2.64, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := risk.ScaleWGI(tt.mean); !near(got, tt.want, 1e-12) {
				t.Errorf("ScaleWGI(%v) = %v, want %v", tt.mean, got, tt.want)
			}
		})
	}
}

func TestWGITableLookup(t *testing.T) {
	// China 2024, World Bank WGI 2026 Update estimates (va, pv, ge, rq, rl, cc).
	chn := est("CHN", 2024, -1.7407729, -0.0668337, 0.7040988, -0.0976131, -0.5286088, 0.0800733)
	tab := risk.NewWGITable([]*orewatch.GovernanceEstimate{
		chn,
		est("AAA", 2023, 1, 1, 1, 1, 1, 1),
		est("AAA", 2025, 2, 2, 2, 2, 2, 2),
		est("NCL", 2024, 1, 1, missing, missing, 1, 1),
		est("BBB", 2024, 0, 0, 0, 0, 0, missing),
		est("BBB", 2023, -1, -1, -1, -1, -1, -1),
	})
	tests := []struct {
		name     string
		country  string
		year     int
		ok       bool
		wantYear int
		scaled   float64
	}{
		// Mean = -1.6496564/6 = -0.2749427; scaled (2.5+0.2749427)×2 = 5.549885.
		{"SameYear", "CHN", 2024, true, 2024, 5.549885},
		{"EarlierYearPreferred", "AAA", 2024, true, 2023, 3},
		{"LaterYearWhenNoEarlier", "AAA", 2020, true, 2023, 3},
		{"ExactYear", "AAA", 2025, true, 2025, 1},
		{"IncompleteYearSkipped", "BBB", 2024, true, 2023, 7},
		{"IncompleteEverywhere", "NCL", 2024, false, 0, 0},
		{"Unknown", "ZZZ", 2024, false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ok, why := tab.Lookup(tt.country, tt.year)
			if ok != tt.ok {
				t.Fatalf("ok = %v (%s), want %v", ok, why, tt.ok)
			}
			if !ok {
				if why == "" {
					t.Error("no reason given for a missing estimate")
				}
				return
			}
			if g.Year != tt.wantYear || !near(g.Scaled, tt.scaled, 1e-6) {
				t.Errorf("got year %d scaled %.6f, want %d %.6f", g.Year, g.Scaled, tt.wantYear, tt.scaled)
			}
		})
	}
}

func TestHHIWGI(t *testing.T) {
	tests := []struct {
		name  string
		terms []risk.WeightedTerm
		want  float64
	}{
		{"MonopolyWorstGovernance", []risk.WeightedTerm{{"X", 1, 10, 1}}, 10},
		{"MonopolyRestricted", []risk.WeightedTerm{{"X", 1, 10, 1.1}}, 11},
		{"MonopolyBestGovernance", []risk.WeightedTerm{{"X", 1, 0, 1.1}}, 0},
		// 0.6²×5×1.1 + 0.4²×2×1 = 1.98 + 0.32
		{"TwoProducers", []risk.WeightedTerm{{"X", .6, 5, 1.1}, {"Y", .4, 2, 1}}, 2.30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := risk.HHIWGI(tt.terms); !near(got, tt.want, 1e-9) {
				t.Errorf("HHIWGI = %v, want %v", got, tt.want)
			}
		})
	}
}
