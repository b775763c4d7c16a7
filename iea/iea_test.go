package iea_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/iea"
)

// testdata/supply.csv holds the lithium and graphite refining rows of the IEA
// Critical Minerals Dataset, May 2025 edition (CC BY 4.0), as published.

func parseFixture(t testing.TB) *iea.File {
	t.Helper()
	b, err := os.ReadFile("testdata/supply.csv")
	if err != nil {
		t.Fatal(err)
	}
	f, err := iea.Parse("supply.csv", bytes.NewReader(b), catalog.New())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParse(t *testing.T) {
	f := parseFixture(t)
	r := f.Release
	if r.Source.ID != iea.SourceID || r.Source.Licence != "CC BY 4.0" {
		t.Fatalf("source: got %+v", r.Source)
	}
	if err := orewatch.ValidateRelease(r); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, fig := range r.Figures {
		if fig.Year != 2024 || fig.Stage != orewatch.StageRefining || fig.Unit != iea.Unit || fig.SourceID != iea.SourceID {
			t.Errorf("figure %+v: want 2024 refining in %s from %s", fig, iea.Unit, iea.SourceID)
		}
		got[fig.Material+"/"+fig.Country] = *fig.Quantity
	}
	tests := []struct {
		name string
		key  string
		want float64
	}{
		{"ChinaLithium", "lithium/CHN", 169.67759096410308},
		{"WorldLithium", "lithium/WLD", 241.6117526503776},
		{"ChinaGraphite", "graphite/CHN", 1794.824456364271},
		{"PrintedZero", "graphite/CAN", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := got[tt.key]
			if !ok || v != tt.want {
				t.Fatalf("got %v (present %v), want %v", v, ok, tt.want)
			}
		})
	}
	if len(r.Figures) != 12 {
		t.Errorf("got %d figures, want 12 (rest of world and top-3 rows left out)", len(r.Figures))
	}
	if f.Skipped["aggregate row (Rest of world)"] != 2 || f.Skipped["aggregate row (Top 3 share (fraction, as published))"] != 2 {
		t.Errorf("skipped: got %v", f.Skipped)
	}
	for _, fig := range r.Figures {
		if fig.Material == "graphite" && !strings.Contains(fig.Basis, "not only natural graphite") {
			t.Errorf("graphite basis: got %q, want the IEA scope stated", fig.Basis)
		}
	}
}

func TestShares(t *testing.T) {
	shares := iea.Shares(parseFixture(t).Release)
	got := map[string]float64{}
	for _, s := range shares {
		got[s.Material+"/"+s.Country] = s.Share
	}
	// 169.68 / 241.61 kt and 1794.82 / 1875.25 kt.
	if v := got["lithium/CHN"]; math.Abs(v-0.70227) > 1e-4 {
		t.Errorf("lithium CHN: got %v, want 0.702", v)
	}
	if v := got["graphite/CHN"]; math.Abs(v-0.95711) > 1e-4 {
		t.Errorf("graphite CHN: got %v, want 0.957", v)
	}
	if _, ok := got["lithium/WLD"]; ok {
		t.Error("the world total has a share of itself")
	}
}

func TestMalformed(t *testing.T) {
	good, _ := os.ReadFile("testdata/supply.csv")
	tests := []struct{ name, in, want string }{
		{"Empty", "", "bad.csv: empty file"},
		{"Header", "mineral,stage,country,value\n", "bad.csv:1:1: not the IEA supply table"},
		{"BadNumber", strings.Replace(string(good), "49.274236", "49.27x", 1), "bad.csv:3:24: column kt_2024: bad number"},
		{"Negative", strings.Replace(string(good), "49.274236", "-4", 1), "bad number \"-4\""},
		{"Stage", strings.Replace(string(good), "Lithium,refining,Chile", "Lithium,smelting,Chile", 1), "bad.csv:3:9: column stage: unknown stage"},
		{"Conflict", string(good) + "Lithium,refining,Chile,50\n", "bad.csv:18: Lithium refining Chile is also given on line 3"},
		{"Fields", strings.Replace(string(good), "Lithium,refining,Chile,", "Lithium,refining,Chile,,", 1), "bad.csv:3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := iea.Parse("bad.csv", strings.NewReader(tt.in), catalog.New())
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an EINVALID error containing %q", err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	good, _ := os.ReadFile("testdata/supply.csv")
	f.Add(good)
	f.Add([]byte("iea_mineral,stage,country,kt_2024\nCobalt,mining,Total,NaN\n"))
	cat := catalog.New()
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := iea.Parse("fuzz.csv", bytes.NewReader(b), cat)
		if err != nil {
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.EINVALID {
				t.Fatalf("got %T %v, want an EINVALID *orewatch.Error", err, err)
			}
			return
		}
		if err := orewatch.ValidateRelease(file.Release); err != nil {
			t.Fatalf("parsed release is invalid: %v", err)
		}
		for _, fig := range file.Release.Figures {
			if fig.Quantity == nil || math.IsNaN(*fig.Quantity) || math.IsInf(*fig.Quantity, 0) || *fig.Quantity < 0 {
				t.Fatalf("bad quantity in %+v", fig)
			}
		}
		for _, s := range iea.Shares(file.Release) {
			if math.IsNaN(s.Share) || math.IsInf(s.Share, 0) {
				t.Fatalf("bad share %+v", s)
			}
		}
	})
}
