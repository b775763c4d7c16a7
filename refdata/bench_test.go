package refdata_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"orewatch/catalog"
	"orewatch/refdata"
	"orewatch/sqlite"
	"orewatch/usgs"
)

// BenchmarkImportCommodities imports the MCS 2026 commodities file into a
// fresh SQLite file, as `orewatch import usgs` does on a new store: parse,
// open (migrations included) and import in one transaction.
func BenchmarkImportCommodities(b *testing.B) {
	data, err := refdata.File("MCS2026_Commodities_Data.csv")
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog.New()
	dir := b.TempDir()
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := usgs.ParseBytes("MCS2026_Commodities_Data.csv", data, cat)
		if err != nil {
			b.Fatal(err)
		}
		db, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.ImportRelease(ctx, f.Release); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkSeed loads every embedded release into a fresh SQLite file, as
// the first start of orewatch does (the releases are parsed once per
// process, before the timer starts).
func BenchmarkSeed(b *testing.B) {
	if _, err := refdata.Releases(); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("s%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := refdata.Seed(ctx, db); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
