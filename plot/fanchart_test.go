package plot_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"orewatch"
	"orewatch/plot"
	"orewatch/sim"
)

func result(t *testing.T, start string) *sim.Result {
	t.Helper()
	sc := sim.Default()
	sc.Material, sc.Demand, sc.Unit, sc.Start = "rare earths", 100, "t", start
	sc.Supply = []sim.SupplyShare{{Country: "CHN", Share: 0.6}, {Country: "USA", Share: 0.4}}
	sc.Restriction.Exporter = "CHN"
	sc.Stockpile.Months = 2
	sc.Trials = 500
	res, err := sim.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFanChart(t *testing.T) {
	tests := []struct {
		name, format, start string
		check               func(t *testing.T, b []byte)
	}{
		{"SVG", "svg", "", func(t *testing.T, b []byte) {
			s := string(b)
			if !strings.Contains(s, "<svg") || !strings.Contains(s, "Unmet demand") || !strings.Contains(s, "500 trials") {
				t.Errorf("SVG lacks the expected parts (%d bytes)", len(b))
			}
		}},
		{"PNGWithDates", "png", "2025-04", func(t *testing.T, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Dx(); got != 7*plot.DPI {
				t.Errorf("width %d px, want %d", got, 7*plot.DPI)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := plot.FanChart(&buf, result(t, tt.start), tt.format); err != nil {
				t.Fatal(err)
			}
			tt.check(t, buf.Bytes())
		})
	}
	if err := plot.FanChart(&bytes.Buffer{}, result(t, ""), "gif"); orewatch.ErrorCode(err) != orewatch.EINVALID {
		t.Errorf("gif: %v, want EINVALID", err)
	}
	if err := plot.FanChart(&bytes.Buffer{}, &sim.Result{}, "svg"); orewatch.ErrorCode(err) != orewatch.EINVALID {
		t.Errorf("empty result: %v, want EINVALID", err)
	}
}

func TestSaveByExtension(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"fan.png", "fan.svg", "fan.SVG"} {
		p := filepath.Join(dir, name)
		if err := plot.Save(p, result(t, "2026-11")); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		isPNG := bytes.HasPrefix(b, []byte("\x89PNG"))
		if isPNG != (plot.Format(p) == "png") {
			t.Errorf("%s: PNG %v, format %s", name, isPNG, plot.Format(p))
		}
	}
}
