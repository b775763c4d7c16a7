package storetest

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"orewatch"
	"orewatch/internal/shared"
)

// USGSRelease reads the USGS MCS 2026 data release
// (data/raw/MCS2026_Commodities_Data.csv in the shared folder) into a
// Release of one figure per row, in the row's own wording: enough to
// measure a store, not a substitute for the USGS importer. Rows that repeat
// an identity get their row number in Detail so the release stays valid.
// It returns the release and the file's path.
func USGSRelease(tb testing.TB) (*orewatch.Release, string) {
	tb.Helper()
	path := shared.Path(tb, "data/raw/MCS2026_Commodities_Data.csv")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	r := &orewatch.Release{Source: mcs2026}
	seen := map[string]bool{}
	for i, rec := range recs[1:] {
		// MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,...
		// A few rows cover a period ("2021–24"): key them by its first year.
		year, err := strconv.Atoi(rec[7][:min(4, len(rec[7]))])
		if err != nil {
			tb.Fatalf("%s:%d: year %q", path, i+2, rec[7])
		}
		fig := &orewatch.Figure{
			Material: strings.ToLower(rec[2]), Commodity: rec[2], Country: rec[3], CountryName: rec[3],
			Year: year, Stage: orewatch.StageOther, Detail: rec[4] + ": " + rec[5], Unit: rec[6], Note: rec[9],
		}
		if rec[7] != strconv.Itoa(year) {
			fig.Detail += " (" + rec[7] + ")"
		}
		switch v := strings.ReplaceAll(rec[8], ",", ""); v {
		case "W":
			fig.Withheld = true
		default:
			if q, err := strconv.ParseFloat(v, 64); err == nil {
				fig.Quantity = &q
			}
		}
		key := fmt.Sprint(fig.Material, "\x00", fig.Country, "\x00", fig.Year, "\x00", fig.Detail)
		if seen[key] {
			fig.Detail += fmt.Sprintf(" (row %d)", i+2)
		}
		seen[key] = true
		r.Figures = append(r.Figures, fig)
	}
	return r, path
}

// CPUTime is the CPU time (user and system) this process has used.
func CPUTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchImportRelease measures ImportRelease of the USGS MCS 2026 release
// into a new, empty store (Fresh; opening it is not timed) and again into a
// store that holds it (Unchanged). Both report the rows imported and this
// process's CPU time per import.
func BenchImportRelease(b *testing.B, open func(b *testing.B) orewatch.Store) {
	r, _ := USGSRelease(b)
	ctx := context.Background()
	b.Run("Fresh", func(b *testing.B) {
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			s := open(b)
			c0 := CPUTime(b)
			b.StartTimer()
			res, err := s.ImportRelease(ctx, r)
			if err != nil || res.Added != len(r.Figures) {
				b.Fatalf("got %+v, %v; want %d added", res, err, len(r.Figures))
			}
			b.StopTimer()
			cpu += CPUTime(b) - c0
			s.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(len(r.Figures)), "rows/op")
		b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	})
	b.Run("Unchanged", func(b *testing.B) {
		s := open(b)
		if _, err := s.ImportRelease(ctx, r); err != nil {
			b.Fatal(err)
		}
		var cpu time.Duration
		for b.Loop() {
			c0 := CPUTime(b)
			res, err := s.ImportRelease(ctx, r)
			if err != nil || res.Unchanged != len(r.Figures) {
				b.Fatalf("got %+v, %v; want %d unchanged", res, err, len(r.Figures))
			}
			cpu += CPUTime(b) - c0
		}
		b.ReportMetric(float64(len(r.Figures)), "rows/op")
		b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	})
}

// BenchFindFigures measures FindFigures over a store holding the USGS MCS
// 2026 release: the newest figure of every identity in the whole table
// (Latest, what production tables and claim checks read) and one
// material's figures.
func BenchFindFigures(b *testing.B, open func(b *testing.B) orewatch.Store) {
	r, _ := USGSRelease(b)
	ctx := context.Background()
	s := open(b)
	if _, err := s.ImportRelease(ctx, r); err != nil {
		b.Fatal(err)
	}
	material := r.Figures[len(r.Figures)/2].Material
	for _, bc := range []struct {
		name string
		f    orewatch.FigureFilter
	}{
		{"LatestAll", orewatch.FigureFilter{Latest: true}},
		{"OneMaterial", orewatch.FigureFilter{Material: &material, Latest: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				figs, err := s.FindFigures(ctx, bc.f)
				if err != nil || len(figs) == 0 {
					b.Fatalf("got %d figures, %v", len(figs), err)
				}
				n = len(figs)
			}
			b.ReportMetric(float64(n), "figures/op")
		})
	}
}
