package postgres_test

import (
	"testing"

	"orewatch"
	"orewatch/storetest"
)

// BenchmarkImportRelease imports the USGS MCS 2026 release into a new
// schema (Fresh) and again into one that holds it (Unchanged). The CPU
// time it reports is the client's; the server's is not counted.
func BenchmarkImportRelease(b *testing.B) {
	needServer(b)
	storetest.BenchImportRelease(b, func(b *testing.B) orewatch.Store { return MustOpenDB(b) })
}

// BenchmarkFindFigures reads figures back from a schema holding the USGS
// MCS 2026 release.
func BenchmarkFindFigures(b *testing.B) {
	needServer(b)
	storetest.BenchFindFigures(b, func(b *testing.B) orewatch.Store { return MustOpenDB(b) })
}
