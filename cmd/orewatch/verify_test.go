package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerify(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"Supported", []string{"verify", "China controls over 60% of rare earth production"}, 0,
			[]string{"supported", "CHN, rare earths, mining, > 60%", "usgs-mcs-2026", "in 2025"}},
		{"AsOfDate", []string{"verify", "China controls over 60% of rare earth production", "--date", "2025-06-01"}, 0,
			[]string{"supported", "in 2024"}},
		{"Contradicted", []string{"verify", "China produces less than half of the world's rare earths"}, 0,
			[]string{"contradicted"}},
		{"Refining", []string{"verify", "China accounts for nearly all rare earth refining."}, 0,
			[]string{"supported", "iea"}},
		{"GalliumProduction", []string{"verify", "China accounts for about 98% of global gallium production"}, 0,
			[]string{"supported", "CHN, gallium, refining, ~ 98%", "99.0% in 2025", "Primary production"}},
		{"GalliumMinedStrict", []string{"verify", "China mines about 98% of the world's gallium"}, 0,
			[]string{"unverifiable", "no mining figures for gallium"}},
		{"Unverifiable", []string{"verify", "China holds 40% of the market."}, 0, []string{"unverifiable"}},
		{"NoClaim", []string{"verify", "Prices rose sharply."}, 1, nil},
		{"NoArgs", []string{"verify"}, 2, nil},
		{"BadDate", []string{"verify", "China controls 70% of rare earth mining", "--date", "2025-13-01"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, db, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %q, stderr %q", code, tt.code, out, errOut)
			}
			for _, s := range tt.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

func TestVerifyJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	code, out, errOut := run(t, db, "verify", "--json", "--date", "2025-10-10", "China controls over 60% of rare earth production and nearly all processing")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Claims []struct {
			Subject, Material, Stage, Comparator, Verdict string
			Value                                         float64
			Reference                                     *struct {
				Value  float64
				Year   int
				Source string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(got.Claims) != 2 {
		t.Fatalf("got %d claims, want 2:\n%s", len(got.Claims), out)
	}
	c := got.Claims[0]
	if c.Subject != "CHN" || c.Material != "rare earths" || c.Stage != "mining" || c.Verdict != "supported" || c.Reference == nil || c.Reference.Year != 2024 {
		t.Errorf("first claim = %+v", c)
	}
	if r := got.Claims[1]; r.Stage != "refining" || r.Comparator != ">=" || r.Value != 90 || r.Verdict != "supported" {
		t.Errorf("second claim = %+v", r)
	}
}
