package risk_test

import (
	"testing"

	"orewatch"
	"orewatch/risk"
)

func TestParseReliance(t *testing.T) {
	tests := []struct {
		in    string
		value float64
		bound string
		err   bool
	}{
		{"67", 0.67, "", false},
		{"100", 1, "", false},
		{">50", 0.5, ">", false},
		{"< 25", 0.25, "<", false},
		{"E", 0, "E", false},
		{"e", 0, "E", false},
		{"", 0, "?", true},
		{"W", 0, "?", true},
		{"120", 0, "?", true},
		{">", 0, "?", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := risk.ParseReliance(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if !near(r.Value, tt.value, 1e-12) || r.Bound != tt.bound {
				t.Errorf("got %v %q, want %v %q", r.Value, r.Bound, tt.value, tt.bound)
			}
		})
	}
}

func FuzzParseReliance(f *testing.F) {
	for _, s := range []string{"67", ">50", "<25", "E", "", "W", "1e3", "-5", ">-1", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := risk.ParseReliance(s)
		if err != nil {
			return
		}
		if !(r.Value >= 0 && r.Value <= 1) {
			t.Fatalf("ParseReliance(%q) = %v outside [0,1]", s, r.Value)
		}
		switch r.Bound {
		case "", ">", "<", "E":
		default:
			t.Fatalf("ParseReliance(%q) bound %q", s, r.Bound)
		}
	})
}

func TestLevels(t *testing.T) {
	l := risk.DefaultLevels
	tests := []struct {
		d    orewatch.Decision
		want float64
	}{
		{orewatch.DecisionProhibited, 1},
		{orewatch.DecisionQuota, 0.5},
		{orewatch.DecisionLicence, 0.25},
		{orewatch.DecisionNotControlled, 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.d), func(t *testing.T) {
			if got := l.Level(tt.d); got != tt.want {
				t.Errorf("Level(%q) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
	if err := l.Validate(); err != nil {
		t.Errorf("default levels invalid: %v", err)
	}
	for name, bad := range map[string]risk.Levels{
		"AboveOne":   {Prohibited: 1.5, Quota: .5, Licence: .25},
		"Decreasing": {Prohibited: 1, Quota: .2, Licence: .5},
		"Negative":   {Prohibited: 1, Quota: .5, Licence: -.1},
	} {
		if err := bad.Validate(); orewatch.ErrorCode(err) != orewatch.EINVALID {
			t.Errorf("%s: Validate = %v, want EINVALID", name, err)
		}
	}
}

func TestWeighSources(t *testing.T) {
	// Rare-earth compounds and metals, US import sources 2021–24 (USGS MCS
	// 2026): China 71 %, Malaysia 13 %, Japan 5 %, Estonia 5 % (other 6 %).
	// With China under a licence requirement (0.25) and the rest free:
	// 0.71 × 0.25 = 0.1775.
	srcs := []orewatch.SourceExposure{
		{Country: "CHN", Share: .71, Level: .25},
		{Country: "MYS", Share: .13},
		{Country: "JPN", Share: .05},
		{Country: "EST", Share: .05},
	}
	exp, attributed := risk.WeighSources(srcs)
	if !near(exp, 0.1775, 1e-12) || !near(attributed, 0.94, 1e-12) {
		t.Errorf("exposure, attributed = %v, %v; want 0.1775, 0.94", exp, attributed)
	}
}
