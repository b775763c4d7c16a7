// Package plot draws orewatch's charts with gonum/plot: the fan chart of a
// Monte Carlo run, as SVG or PNG.
package plot

import (
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"orewatch"
	"orewatch/sim"
)

// Size of the chart; PNGs are rendered at DPI.
const (
	width  = 7 * vg.Inch
	height = 8 * vg.Inch
	DPI    = 150
)

var (
	bandColor   = color.NRGBA{R: 70, G: 130, B: 180, A: 80} // p5–p95
	medianColor = color.NRGBA{R: 20, G: 60, B: 120, A: 255}
	demandColor = color.NRGBA{R: 120, G: 120, B: 120, A: 255}
	unmetBand   = color.NRGBA{R: 200, G: 60, B: 40, A: 80}
	unmetLine   = color.NRGBA{R: 170, G: 30, B: 20, A: 255}
)

// Format returns "png" for a path ending in .png and "svg" otherwise.
func Format(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".png") {
		return "png"
	}
	return "svg"
}

// Save writes the fan chart of res to path, as PNG when it ends in .png and
// SVG otherwise.
func Save(path string, res *sim.Result) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing chart: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing chart %s: %w", path, cerr)
		}
	}()
	return FanChart(f, res, Format(path))
}

// FanChart writes three stacked panels over the months of a run: the
// market's supply to the buyer (with expected demand), the unmet demand and
// the stockpile level, each as the median line inside its 5th–95th
// percentile band. format is "svg" or "png".
func FanChart(w io.Writer, res *sim.Result, format string) error {
	if res == nil || len(res.Monthly) == 0 {
		return orewatch.Errorf(orewatch.EINVALID, "nothing to plot: the run has no months")
	}
	unit := res.Unit
	if unit == sim.UnitNormalised {
		unit = "months of demand"
	}
	panels := []struct {
		title string
		band  func(sim.MonthStats) sim.Band
		fill  color.Color
		line  color.Color
		extra bool // draw expected demand
	}{
		{"Supply from the market (" + unit + "/month)", func(m sim.MonthStats) sim.Band { return m.Supply }, bandColor, medianColor, true},
		{"Unmet demand (" + unit + "/month)", func(m sim.MonthStats) sim.Band { return m.Unmet }, unmetBand, unmetLine, false},
		{"Stockpile at month end (" + unit + ")", func(m sim.MonthStats) sim.Band { return m.Stockpile }, bandColor, medianColor, false},
	}
	plots := make([][]*gonum.Plot, len(panels))
	for i, pn := range panels {
		p := gonum.New()
		p.Title.Text = pn.title
		p.Title.TextStyle.Font.Size = vg.Points(10)
		p.Y.Min = 0
		p.X.Tick.Marker = monthTicks{res: res}
		if i == len(panels)-1 {
			p.X.Label.Text = "month"
			if res.Monthly[0].Date != "" {
				p.X.Label.Text = "month (calendar month from " + res.Monthly[0].Date + ")"
			}
		}
		band, med := bandAndMedian(res, pn.band)
		poly, err := plotter.NewPolygon(band)
		if err != nil {
			return fmt.Errorf("plotting band: %w", err)
		}
		poly.Color = pn.fill
		poly.LineStyle.Width = 0
		line, err := plotter.NewLine(med)
		if err != nil {
			return fmt.Errorf("plotting median: %w", err)
		}
		line.Color = pn.line
		line.Width = vg.Points(1.5)
		p.Add(poly, line)
		p.Legend.Add("median", line)
		p.Legend.Add("5th–95th percentile", poly)
		if pn.extra {
			dem := make(plotter.XYs, len(res.Monthly))
			for j, m := range res.Monthly {
				dem[j] = plotter.XY{X: float64(m.Month), Y: m.BaseDemand}
			}
			dl, err := plotter.NewLine(dem)
			if err != nil {
				return fmt.Errorf("plotting demand: %w", err)
			}
			dl.Color = demandColor
			dl.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
			p.Add(dl)
			p.Legend.Add("expected demand", dl)
		}
		// Headroom above the data keeps the legend off the bands.
		var top float64
		for _, m := range res.Monthly {
			top = max(top, pn.band(m).P95)
			if pn.extra {
				top = max(top, m.BaseDemand)
			}
		}
		if top <= 0 {
			top = 1
		}
		p.Y.Max = top * 1.35
		p.Legend.Top = true
		p.Legend.TextStyle.Font.Size = vg.Points(8)
		p.Add(plotter.NewGrid())
		plots[i] = []*gonum.Plot{p}
	}

	var canvas interface {
		vg.CanvasSizer
		io.WriterTo
	}
	var dc draw.Canvas
	switch format {
	case "svg":
		c := vgsvg.New(width, height)
		canvas, dc = c, draw.New(c)
	case "png":
		c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(DPI))
		canvas, dc = pngCanvas{vgimg.PngCanvas{Canvas: c}}, draw.New(c)
	default:
		return orewatch.Errorf(orewatch.EINVALID, "chart format must be svg or png, got %q", format)
	}
	// A heading with what was run, so that a chart never travels without it.
	head := fmt.Sprintf("%s — %s: %d trials, seed %d, P(any unmet) %.2f", res.Material, res.Buyer, res.Trials, res.Seed, res.PAnyUnmet)
	if res.Name != "" {
		head = res.Name + " · " + head
	}
	top := draw.Crop(dc, 0, 0, 0, -vg.Points(22))
	title := draw.Crop(dc, 0, 0, dc.Max.Y-dc.Min.Y-vg.Points(22), 0)
	sty := draw.TextStyle{Color: color.Black, Font: gonum.DefaultFont, Handler: gonum.DefaultTextHandler, XAlign: draw.XCenter, YAlign: draw.YCenter}
	sty.Font.Size = vg.Points(11)
	title.FillText(sty, vg.Point{X: (title.Min.X + title.Max.X) / 2, Y: (title.Min.Y + title.Max.Y) / 2}, head)

	tiles := draw.Tiles{Rows: len(plots), Cols: 1, PadX: vg.Millimeter, PadY: 4 * vg.Millimeter,
		PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(6), PadRight: vg.Points(10)}
	cs := gonum.Align(plots, tiles, top)
	for i := range plots {
		plots[i][0].Draw(cs[i][0])
	}
	if _, err := canvas.WriteTo(w); err != nil {
		return fmt.Errorf("writing %s chart: %w", format, err)
	}
	return nil
}

// pngCanvas gives vgimg.PngCanvas the Size method the svg canvas has.
type pngCanvas struct{ vgimg.PngCanvas }

func (c pngCanvas) Size() (w, h vg.Length) { return c.Canvas.Size() }

// bandAndMedian returns the closed polygon p95 forward, p5 back, and the
// median line.
func bandAndMedian(res *sim.Result, get func(sim.MonthStats) sim.Band) (plotter.XYs, plotter.XYs) {
	n := len(res.Monthly)
	band := make(plotter.XYs, 0, 2*n)
	med := make(plotter.XYs, n)
	for i, m := range res.Monthly {
		b := get(m)
		band = append(band, plotter.XY{X: float64(m.Month), Y: b.P95})
		med[i] = plotter.XY{X: float64(m.Month), Y: b.P50}
	}
	for i := n - 1; i >= 0; i-- {
		m := res.Monthly[i]
		band = append(band, plotter.XY{X: float64(m.Month), Y: get(m).P5})
	}
	return band, med
}

// monthTicks labels whole months, with the calendar month when known, and
// thins the labels to about a dozen.
type monthTicks struct{ res *sim.Result }

func (t monthTicks) Ticks(min, max float64) []gonum.Tick {
	n := len(t.res.Monthly)
	step := 1
	for n/step > 12 {
		step++
	}
	var ticks []gonum.Tick
	for _, m := range t.res.Monthly {
		v := float64(m.Month)
		if v < min || v > max {
			continue
		}
		tk := gonum.Tick{Value: v}
		if (m.Month-1)%step == 0 {
			tk.Label = fmt.Sprint(m.Month)
			if m.Date != "" {
				tk.Label = m.Date
			}
		}
		ticks = append(ticks, tk)
	}
	return ticks
}
