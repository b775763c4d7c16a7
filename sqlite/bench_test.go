package sqlite_test

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"orewatch"
	"orewatch/sqlite"
	"orewatch/storetest"
)

// BenchmarkImportRelease imports the USGS MCS 2026 release into a new
// database file (Fresh) and again into one that holds it (Unchanged).
func BenchmarkImportRelease(b *testing.B) {
	dir := b.TempDir()
	n := 0
	storetest.BenchImportRelease(b, func(b *testing.B) orewatch.Store {
		n++
		db, err := sqlite.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("%d.db", n)))
		if err != nil {
			b.Fatal(err)
		}
		return db
	})
}

// BenchmarkSQLite3Import is the peer of BenchmarkImportRelease/Fresh: the
// sqlite3 shell's .import of the same file into a new database, the
// shell's start included. It reports the shell's CPU time per import.
func BenchmarkSQLite3Import(b *testing.B) {
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 not installed")
	}
	_, path := storetest.USGSRelease(b)
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
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
}

// BenchmarkFindFigures reads figures back from a database file holding the
// USGS MCS 2026 release.
func BenchmarkFindFigures(b *testing.B) {
	storetest.BenchFindFigures(b, func(b *testing.B) orewatch.Store { return MustOpenDB(b) })
}
