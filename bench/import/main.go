// Command import times importing the USGS MCS 2026 commodities file
// (MCS2026_Commodities_Data.csv, 8,886 rows) into a fresh SQLite store with
// orewatch, and in the same run the sqlite3 shell's ".import --csv" of the
// same file into a fresh database file and into :memory:, then prints both
// times and the ratio (sqlite3 time / orewatch time; 1.0 means as fast).
//
//	go run ./bench/import [-file MCS2026_Commodities_Data.csv] [-n 7] [-sqlite3 /usr/bin/sqlite3]
//
// The orewatch time covers what `orewatch import usgs FILE` does on a fresh
// store: read the file, parse it (catalogue lookups included), open a new
// SQLite file (schema migrations included) and import the release in one
// transaction. The catalogue is built once before timing, as a long-running
// process holds it. Without -file the embedded copy of the release is used.
// Without the sqlite3 shell the comparison is skipped with a message.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"

	"orewatch"
	"orewatch/catalog"
	"orewatch/refdata"
	"orewatch/sqlite"
	"orewatch/usgs"
)

func main() {
	file := flag.String("file", "", "the commodities CSV (default: the embedded MCS2026_Commodities_Data.csv)")
	n := flag.Int("n", 11, "runs of each importer; the median and the best are printed")
	sqlite3 := flag.String("sqlite3", "sqlite3", "the sqlite3 shell")
	flag.Parse()
	if err := run(*file, *n, *sqlite3); err != nil {
		fmt.Fprintln(os.Stderr, "bench/import:", err)
		os.Exit(1)
	}
}

func run(file string, n int, sqlite3 string) error {
	dir, err := os.MkdirTemp("", "orewatch-bench-import")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if file == "" {
		b, err := refdata.File("MCS2026_Commodities_Data.csv")
		if err != nil {
			return err
		}
		file = filepath.Join(dir, "MCS2026_Commodities_Data.csv")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return err
		}
	}
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Printf("file: %s (%d bytes)\n", filepath.Base(file), st.Size())

	start := time.Now()
	cat := catalog.New()
	fmt.Printf("catalogue built once in %v (not timed below)\n", time.Since(start).Round(time.Microsecond))

	path, lookErr := exec.LookPath(sqlite3)
	if lookErr != nil {
		fmt.Printf("sqlite3 shell not found (%v): the comparison is skipped\n", lookErr)
	} else {
		out, _ := exec.Command(path, "--version").Output()
		fmt.Printf("sqlite3 %s", out)
	}
	fmt.Printf("%d runs of each, interleaved; wall time and CPU time (user+system) per run\n\n", n)

	// The runs are interleaved so that a busy machine slows every importer
	// alike.
	var ow, owParse, owOpen, sqFile, sqMem []sample
	var res orewatch.ImportResult
	for i := 0; i < n; i++ {
		db := filepath.Join(dir, fmt.Sprintf("orewatch-%d.db", i))
		s, p, o, r, err := importOnce(file, db, cat)
		if err != nil {
			return err
		}
		ow, owParse, owOpen, res = append(ow, s), append(owParse, p), append(owOpen, o), r
		if lookErr != nil {
			continue
		}
		for _, target := range []string{"file", ":memory:"} {
			db := ":memory:"
			if target == "file" {
				db = filepath.Join(dir, fmt.Sprintf("sqlite3-%d.db", i))
			}
			s, err := sqliteImport(path, db, file)
			if err != nil {
				return err
			}
			if target == "file" {
				sqFile = append(sqFile, s)
			} else {
				sqMem = append(sqMem, s)
			}
		}
	}
	report := func(label string, s []sample) {
		fmt.Printf("%-44s wall median %8v best %8v | CPU median %8v\n", label, median(s, wall), best(s, wall), median(s, cpu))
	}
	report("orewatch (read, parse, open fresh, import)", ow)
	report("  of which read + parse", owParse)
	report("  of which open a fresh store (migrations)", owOpen)
	fmt.Printf("  %d figures and reliance rows added per run\n", res.Added)
	if lookErr != nil {
		return nil
	}
	report("sqlite3 file .import --csv", sqFile)
	report("sqlite3 :memory: .import --csv", sqMem)
	ratio := func(a, b []sample, f func(sample) time.Duration) float64 {
		return float64(median(a, f)) / float64(median(b, f))
	}
	fmt.Printf("\nspeed relative to sqlite3 (sqlite3 time / orewatch time, medians; goal >= 0.8):\n")
	fmt.Printf("  vs file:     wall %.2f, CPU %.2f\n", ratio(sqFile, ow, wall), ratio(sqFile, ow, cpu))
	fmt.Printf("  vs :memory:: wall %.2f, CPU %.2f\n", ratio(sqMem, ow, wall), ratio(sqMem, ow, cpu))
	return nil
}

// sample is one timed run.
type sample struct{ wall, cpu time.Duration }

func wall(s sample) time.Duration { return s.wall }
func cpu(s sample) time.Duration  { return s.cpu }

// sqliteImport runs the sqlite3 shell's CSV import into db.
func sqliteImport(path, db, file string) (sample, error) {
	start := time.Now()
	cmd := exec.Command(path, db, ".import --csv "+file+" commodities")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return sample{}, fmt.Errorf("sqlite3 .import: %v: %s", err, msg)
	}
	return sample{time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

// processCPU is the CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// importOnce times one import into a new SQLite file, and the read and
// parse alone.
func importOnce(file, dbPath string, cat orewatch.CatalogService) (total, parse, open sample, res orewatch.ImportResult, err error) {
	ctx := context.Background()
	runtime.GC() // start each run with a clean heap, as a fresh process would
	start, startCPU := time.Now(), processCPU()
	b, err := os.ReadFile(file)
	if err != nil {
		return
	}
	f, err := usgs.ParseBytes(filepath.Base(file), b, cat)
	if err != nil {
		return
	}
	rs, err := usgs.Merge(f)
	if err != nil {
		return
	}
	parse = sample{time.Since(start), processCPU() - startCPU}
	openStart, openCPU := time.Now(), processCPU()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return
	}
	open = sample{time.Since(openStart), processCPU() - openCPU}
	for _, r := range rs {
		var ir orewatch.ImportResult
		if ir, err = db.ImportRelease(ctx, r); err != nil {
			db.Close()
			return
		}
		res.Added += ir.Added
	}
	if err = db.Close(); err != nil {
		return
	}
	total = sample{time.Since(start), processCPU() - startCPU}
	return
}

func median(s []sample, f func(sample) time.Duration) time.Duration {
	ds := make([]time.Duration, len(s))
	for i, x := range s {
		ds[i] = f(x)
	}
	slices.Sort(ds)
	return ds[len(ds)/2].Round(100 * time.Microsecond)
}

func best(s []sample, f func(sample) time.Duration) time.Duration {
	m := f(s[0])
	for _, x := range s[1:] {
		m = min(m, f(x))
	}
	return m.Round(100 * time.Microsecond)
}
