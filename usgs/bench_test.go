package usgs_test

import (
	"testing"

	"orewatch/catalog"
	"orewatch/refdata"
	"orewatch/usgs"
)

// BenchmarkParseCommodities parses the whole MCS 2026 commodities file
// (3.2 MB, 8,886 rows).
func BenchmarkParseCommodities(b *testing.B) {
	data, err := refdata.File("MCS2026_Commodities_Data.csv")
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog.New()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := usgs.ParseBytes("MCS2026_Commodities_Data.csv", data, cat); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseWorldData parses the MCS 2025 world-data table (1,250 rows).
func BenchmarkParseWorldData(b *testing.B) {
	data, err := refdata.File("MCS2025_World_Data.csv")
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog.New()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := usgs.ParseBytes("MCS2025_World_Data.csv", data, cat); err != nil {
			b.Fatal(err)
		}
	}
}
