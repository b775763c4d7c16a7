package sim_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"orewatch/sim"
)

func TestParseDist(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want sim.Dist
		err  string
	}{
		{"Number", "0.5", sim.Value(0.5), ""},
		{"Fixed", "fixed(6)", sim.Value(6), ""},
		{"Uniform", "uniform(3, 9)", sim.Dist{Kind: sim.Uniform, A: 3, B: 9}, ""},
		{"UniformShort", "uni(3,9)", sim.Dist{Kind: sim.Uniform, A: 3, B: 9}, ""},
		{"Triangular", "triangular(0.3,0.5,0.9)", sim.Dist{Kind: sim.Triangular, A: .3, B: .5, C: .9}, ""},
		{"TriangularShortUpper", "TRI(0,0,1)", sim.Dist{Kind: sim.Triangular, A: 0, B: 0, C: 1}, ""},
		{"Lognormal", "lognormal(12,0.5)", sim.Dist{Kind: sim.Lognormal, A: 12, B: .5}, ""},
		{"Empty", "", sim.Dist{}, "empty"},
		{"NotANumber", "abc", sim.Dist{}, "not a finite number"},
		{"UnknownKind", "gamma(1,2)", sim.Dist{}, "unknown kind"},
		{"MissingParen", "uniform(1,2", sim.Dist{}, "closing parenthesis"},
		{"ArgCount", "uniform(1)", sim.Dist{}, "takes 2 arguments"},
		{"BadArg", "uniform(1,x)", sim.Dist{}, "argument 2"},
		{"UniformReversed", "uniform(9,3)", sim.Dist{}, "above max"},
		{"TriangularModeOutside", "triangular(0,2,1)", sim.Dist{}, "min ≤ mode ≤ max"},
		{"LognormalZeroMedian", "lognormal(0,1)", sim.Dist{}, "median must be positive"},
		{"LognormalNegativeSigma", "lognormal(1,-1)", sim.Dist{}, "sigma"},
		{"Infinite", "Inf", sim.Dist{}, "not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sim.ParseDist(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseDist(%q) error = %v, want one containing %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDist(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDist(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParseDist(f *testing.F) {
	for _, s := range []string{"0.5", "uniform(3,9)", "triangular(0.3,0.5,0.9)", "lognormal(12,0.5)", "tri(1,1,1)", "uniform(,)", "(", "lognormal(1e308,1e308)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := sim.ParseDist(s)
		if err != nil {
			return
		}
		// What parses prints in a form that parses back to the same thing.
		back, err := sim.ParseDist(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip of %q: %q → %+v, %v", s, d.String(), back, err)
		}
		lo, hi := d.Support()
		for _, u := range []float64{1e-9, 0.25, 0.5, 0.75, 1 - 1e-9} {
			v := d.Quantile(u)
			if math.IsNaN(v) || v < lo-1e-9*math.Abs(lo) || v > hi+1e-9*math.Abs(hi) {
				t.Fatalf("%s: Quantile(%v) = %v outside [%v, %v]", d, u, v, lo, hi)
			}
		}
	})
}

func TestDistQuantile(t *testing.T) {
	tests := []struct {
		name string
		d    sim.Dist
		u    float64
		want float64
	}{
		{"UniformMid", sim.Dist{Kind: sim.Uniform, A: 2, B: 4}, .5, 3},
		// Triangular(0,1,2) is symmetric: its median is the mode, and
		// F(x) = x²/2 below the mode, so F⁻¹(1/8) = 0.5.
		{"TriangularMedian", sim.Dist{Kind: sim.Triangular, A: 0, B: 1, C: 2}, .5, 1},
		{"TriangularLow", sim.Dist{Kind: sim.Triangular, A: 0, B: 1, C: 2}, .125, .5},
		{"TriangularHigh", sim.Dist{Kind: sim.Triangular, A: 0, B: 1, C: 2}, .875, 1.5},
		{"TriangularDegenerate", sim.Dist{Kind: sim.Triangular, A: 3, B: 3, C: 3}, .3, 3},
		{"LognormalMedian", sim.Dist{Kind: sim.Lognormal, A: 12, B: .5}, .5, 12},
		// Φ⁻¹(0.841344746) = 1, so the quantile is 12·e^0.5.
		{"LognormalOneSigma", sim.Dist{Kind: sim.Lognormal, A: 12, B: .5}, 0.8413447460685429, 12 * math.Exp(.5)},
		{"Fixed", sim.Value(7), .9, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Quantile(tt.u); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("Quantile(%v) = %v, want %v", tt.u, got, tt.want)
			}
		})
	}
}

func TestDistJSON(t *testing.T) {
	var v struct{ A, B sim.Dist }
	if err := json.Unmarshal([]byte(`{"A": 0.4, "B": "triangular(0.1,0.2,0.3)"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != sim.Value(.4) || v.B != (sim.Dist{Kind: sim.Triangular, A: .1, B: .2, C: .3}) {
		t.Fatalf("decoded %+v", v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"A":0.4,"B":"triangular(0.1,0.2,0.3)"}`; got != want {
		t.Errorf("encoded %s, want %s", got, want)
	}
	if err := json.Unmarshal([]byte(`{"A": "uniform(5,1)"}`), &v); err == nil {
		t.Error("reversed uniform accepted")
	}
}
