package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orewatch"
	"orewatch/sim"
)

func TestAnalyticsCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"RiskHelp", []string{"risk", "--help"}, exitOK, "HHI_WGI,t"},
		{"RiskText", []string{"risk", "rare earths", "--year", "2024", "--date", "2025-06-01"}, exitOK, "HHI           5220"},
		{"RiskStageWithData", []string{"risk", "gallium"}, exitOK, "no mining figures for gallium: stage refining used"},
		{"RiskNoMaterial", []string{"risk"}, exitUsage, "want one MATERIAL"},
		{"RiskBadStage", []string{"risk", "gallium", "--stage", "smelting"}, exitUsage, "mining or refining"},
		{"RiskUnknown", []string{"risk", "dysprosum"}, exitFailure, "dysprosium"},
		{"ExposureHelp", []string{"exposure", "--help"}, exitOK, "restriction"},
		{"ExposureText", []string{"exposure", "--material", "gallium", "--date", "2025-01-15"}, exitOK, "prohibited"},
		{"ExposureRanked", []string{"exposure", "--date", "2025-01-15"}, exitOK, "antimony"},
		{"ExposureOtherBuyer", []string{"exposure", "--buyer", "JPN"}, exitFailure, "United States"},
		{"ExposureBadDate", []string{"exposure", "--date", "2025-02-30"}, exitUsage, "--date"},
		{"SimulateHelp", []string{"simulate", "--help"}, exitOK, "triangular(min,mode,max)"},
		{"SimulatePresets", []string{"simulate", "--presets"}, exitOK, "CHN-2025-18"},
		{"SimulateNoExporter", []string{"simulate", "--material", "gallium"}, exitUsage, "--exporter"},
		{"SimulateBadDist", []string{"simulate", "--material", "gallium", "--exporter", "CHN", "--cut", "uniform(2,1)"}, exitUsage, "above max"},
		{"SimulateBadSupply", []string{"simulate", "--supply", "CHN:0.5", "--exporter", "CHN"}, exitUsage, "COUNTRY=SHARE"},
		{"SimulateSupplySum", []string{"simulate", "--supply", "CHN=0.5,USA=0.4", "--exporter", "CHN"}, exitUsage, "add up to 0.9"},
		{"SimulateUnknownPreset", []string{"simulate", "--preset", "apr2026"}, exitUsage, "apr2025-hree, oct2025-package"},
		{"SimulateUnknownBuyer", []string{"simulate", "--buyer", "Atlantis", "--material", "gallium", "--exporter", "CHN"}, exitUsage, "--buyer"},
		{"SimulateUnknownMaterial", []string{"simulate", "--material", "galium", "--exporter", "CHN"}, exitUsage, "gallium"},
		{"StockpileUnknownPreset", []string{"stockpile", "--preset", "nosuch", "--target", "0.9"}, exitUsage, "apr2025-hree, oct2025-package"},
		{"SimulateOtherBuyerNeedsMix", []string{"simulate", "--buyer", "JPN", "--material", "gallium", "--exporter", "CHN"}, exitFailure, "--supply"},
		{"StockpileHelp", []string{"stockpile", "--help"}, exitOK, "common random numbers"},
		{"StockpileNoTarget", []string{"stockpile", "--preset", "apr2025-hree"}, exitUsage, "--target"},
		{"StockpileBadTarget", []string{"stockpile", "--preset", "apr2025-hree", "--target", "1.5"}, exitUsage, "between 0 and 1"},
		{"StockpileText", []string{"stockpile", "--preset", "apr2025-hree", "--target", "0.9", "--trials", "2000"}, exitOK, "Smallest stockpile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, db, tc.args...)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Fatalf("output lacks %q\nstdout: %s\nstderr: %s", tc.want, out, errs)
			}
		})
	}
}

func TestRiskJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	code, out, errs := run(t, db, "risk", "REE", "--year", "2024", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r orewatch.RiskReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The contract's fields, with the hand-checked values of the risk tests.
	if r.Material != "rare earths" || r.WorldTotal == nil || *r.WorldTotal != 380000 || math.Abs(r.HHI-5219.51) > 0.01 ||
		r.Shares[0].Country != "CHN" || r.Producers != 12 || len(r.Sources) == 0 {
		t.Errorf("report %+v", r)
	}
	var sum float64
	for _, s := range r.Shares {
		sum += s.Share
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("shares sum to %v, want 1", sum)
	}
	for _, field := range []string{`"world_total"`, `"unit"`, `"shares"`, `"hhi"`, `"top1"`, `"top3"`, `"producers"`, `"sources"`} {
		if !strings.Contains(out, field) {
			t.Errorf("JSON lacks %s", field)
		}
	}
}

// The same seed gives byte-identical output, through the whole command.
func TestSimulateSameSeedSameBytes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	args := []string{"simulate", "--preset", "oct2025-package", "--stockpile-months", "2", "--trials", "3000", "--json"}
	_, a, errs := run(t, db, args...)
	_, b, _ := run(t, db, args...)
	if a == "" || a != b {
		t.Fatalf("outputs differ or are empty (%d, %d bytes): %s", len(a), len(b), errs)
	}
	_, c, _ := run(t, db, append(args, "--seed", "2")...)
	if c == a {
		t.Fatal("seed 2 gives the same output as seed 1")
	}
	var res struct {
		sim.Result
		Preset *sim.Preset `json:"preset"`
	}
	if err := json.Unmarshal([]byte(a), &res); err != nil {
		t.Fatal(err)
	}
	if res.Preset == nil || res.Months != 24 || len(res.Monthly) != 24 || res.Monthly[0].Date != "2026-11" {
		t.Fatalf("result: preset %v, %d months, first %+v", res.Preset, len(res.Monthly), res.Monthly[0])
	}
	// Every parameter carries a basis, and the data-driven mix cites USGS.
	for _, p := range res.Parameters {
		if p.Basis == "" {
			t.Errorf("%s has no basis", p.Name)
		}
		if p.Name == sim.ParamSupply && !strings.Contains(p.Basis, "usgs") {
			t.Errorf("supply basis %q", p.Basis)
		}
	}
}

func TestSimulatePlot(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	for _, name := range []string{"fan.svg", "fan.png"} {
		p := filepath.Join(t.TempDir(), name)
		code, out, errs := run(t, db, "simulate", "--preset", "apr2025-hree", "--trials", "500", "--plot", p)
		if code != exitOK || !strings.Contains(out, "Fan chart written") {
			t.Fatalf("exit %d\n%s\n%s", code, out, errs)
		}
		b, err := os.ReadFile(p)
		if err != nil || len(b) < 1000 {
			t.Fatalf("%s: %d bytes, %v", name, len(b), err)
		}
	}
}

func TestStockpileJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	code, out, errs := run(t, db, "stockpile", "--supply", "CHN=0.6,other=0.4", "--exporter", "CHN", "--months", "12",
		"--demand", "100", "--unit", "t", "--noise", "0", "--cut", "0.5", "--restriction-start", "3", "--duration", "6",
		"--headroom", "0.1", "--lead-time", "2", "--ramp", "0.5", "--trials", "10", "--target", "0.95", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var sz sim.Sizing
	if err := json.Unmarshal([]byte(out), &sz); err != nil {
		t.Fatal(err)
	}
	// docs/scenarios.md, part A: the whole shortfall, 145 t.
	if math.Abs(sz.Result.Stockpile-145) > 145e-6 || len(sz.Curve) != 21 {
		t.Errorf("sized %v t, curve %d points", sz.Result.Stockpile, len(sz.Curve))
	}
}

func FuzzParseSupply(f *testing.F) {
	for _, s := range []string{"CHN=0.47,MYS=0.09,other=0.11,USA=0.33", "chn=1", "CHN:1", "=", ",", "CHN=NaN", "OTHER=0.5,usa=.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mix, err := parseSupply(s)
		if err != nil {
			return
		}
		for _, m := range mix {
			if m.Country != sim.OtherSuppliers && m.Country != strings.ToUpper(m.Country) {
				t.Fatalf("%q: country %q not upper-cased", s, m.Country)
			}
		}
		if len(mix) != strings.Count(s, ",")+1 {
			t.Fatalf("%q: %d items", s, len(mix))
		}
	})
}
