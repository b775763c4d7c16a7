package sqlite_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"orewatch"
	"orewatch/internal/shared"
	"orewatch/sqlite"
)

// mcsRelease reads the USGS MCS 2026 data release into a Release of one
// figure per row, with the row's own wording: enough to measure the store,
// not a substitute for the USGS importer. Rows that repeat an identity get
// their row number in Detail so the release stays valid.
func mcsRelease(tb testing.TB) (*orewatch.Release, string) {
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
	r := &orewatch.Release{Source: orewatch.Source{
		ID: "usgs-mcs-2026", Title: "Mineral Commodity Summaries 2026 data release",
		Publisher: "U.S. Geological Survey", Year: 2026, DOI: "10.5066/P1WKQ63T",
	}}
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
		key := fmt.Sprint(fig.Material, fig.Country, fig.Year, fig.Detail)
		if seen[key] {
			fig.Detail += fmt.Sprintf(" (row %d)", i+2)
		}
		seen[key] = true
		r.Figures = append(r.Figures, fig)
	}
	return r, path
}

// cpuTime is the CPU time this process has used.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkImportRelease imports the MCS 2026 release into a new database
// file (Fresh) and again into one that holds it (Unchanged).
func BenchmarkImportRelease(b *testing.B) {
	r, _ := mcsRelease(b)
	ctx := context.Background()
	b.Run("Fresh", func(b *testing.B) {
		dir := b.TempDir()
		var cpu time.Duration
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			db, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("%d.db", i)))
			if err != nil {
				b.Fatal(err)
			}
			c0 := cpuTime(b)
			b.StartTimer()
			res, err := db.ImportRelease(ctx, r)
			if err != nil || res.Added != len(r.Figures) {
				b.Fatalf("got %+v, %v; want %d added", res, err, len(r.Figures))
			}
			b.StopTimer()
			cpu += cpuTime(b) - c0
			db.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(len(r.Figures)), "rows/op")
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("Unchanged", func(b *testing.B) {
		db := MustOpenDB(b)
		if _, err := db.ImportRelease(ctx, r); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			res, err := db.ImportRelease(ctx, r)
			if err != nil || res.Unchanged != len(r.Figures) {
				b.Fatalf("got %+v, %v; want %d unchanged", res, err, len(r.Figures))
			}
		}
	})
}

// BenchmarkSQLite3Import is the peer: the sqlite3 shell's .import of the
// same file into a new database, process start included.
func BenchmarkSQLite3Import(b *testing.B) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 not installed")
	}
	_, path := mcsRelease(b)
	dir := b.TempDir()
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		db := filepath.Join(dir, fmt.Sprintf("%d.db", i))
		cmd := exec.Command(bin, db, ".import --csv "+path+" mcs")
		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			b.Fatalf("sqlite3 .import: %v: %s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
