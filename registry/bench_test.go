package registry_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/bom"
	"orewatch/registry"
)

// benchLines is the size of the generated bill of materials.
const benchLines = 1_000_000

var (
	bomOnce  sync.Once
	bomBytes []byte
)

// generatedBOM returns a bill of materials of benchLines lines, the same on
// every run (a fixed PCG seed): unique part numbers; items drawn from 40
// names, symbols and tariff lines (one in a hundred lines unknown, so the
// error path is exercised); five origins and eight destinations; most
// lines without a date or end use (they take the defaults), the others with
// one of twelve dates and some with a military end use or a content share.
func generatedBOM() []byte {
	bomOnce.Do(func() {
		items := []string{
			"gallium", "germanium", "antimony", "graphite", "natural graphite", "artificial graphite",
			"dysprosium", "terbium", "samarium", "yttrium", "holmium", "europium", "neodymium", "lanthanum",
			"rare earths", "NdFeB magnets", "tungsten", "tellurium", "bismuth", "molybdenum", "indium",
			"cobalt", "nickel ore", "nickel", "lithium-ion batteries", "copper", "gallium nitride",
			"Dy", "Ga", "8112929010", "2504101000", "2841801000", "850760", "85076000",
			"rare earth extraction and separation technology", "superhard materials", "silver", "lithium",
			"manganese", "germanium dioxide",
		}
		origins := []string{"CHN", "CHN", "CHN", "COD", "IDN", "DEU"}
		dests := []string{"USA", "JPN", "DEU", "FRA", "KOR", "IND", "GBR", "CHN"}
		dates := []string{"2023-07-15", "2023-12-01", "2024-06-30", "2025-01-15", "2025-04-04", "2025-06-30",
			"2025-10-20", "2025-11-20", "2026-01-10", "2026-06-01", "2026-11-10", "2026-11-28"}
		rng := rand.New(rand.NewPCG(2026, 11))
		var buf bytes.Buffer
		buf.Grow(benchLines * 48)
		buf.WriteString("part,item,origin,destination,date,end_use,content_share\n")
		for i := range benchLines {
			item := items[rng.IntN(len(items))]
			if rng.IntN(100) == 0 {
				item = "unobtainium"
			}
			date, endUse, share := "", "", ""
			if rng.IntN(4) == 0 {
				date = dates[rng.IntN(len(dates))]
			}
			if rng.IntN(10) == 0 {
				endUse = "military"
			}
			origin := origins[rng.IntN(len(origins))]
			if origin == "DEU" && rng.IntN(2) == 0 {
				share = "0.5"
			}
			fmt.Fprintf(&buf, "P-%07d,%s,%s,%s,%s,%s,%s\n", i, item, origin, dests[rng.IntN(len(dests))], date, endUse, share)
		}
		bomBytes = buf.Bytes()
	})
	return bomBytes
}

// reportLines reports lines per wall-clock second and, where the system
// tells, per CPU second of the process since start (taken just before the
// timed loop).
func reportLines(b *testing.B, lines int, start time.Duration) {
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	if cpu := cpuTime() - start; start > 0 && cpu > 0 {
		b.ReportMetric(float64(lines)*float64(b.N)/cpu.Seconds(), "lines/cpu-s")
	}
}

// BenchmarkCSVRead is the floor: encoding/csv alone over the file, with
// reused records.
func BenchmarkCSVRead(b *testing.B) {
	data := generatedBOM()
	b.SetBytes(int64(len(data)))
	start := cpuTime()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(data))
		r.ReuseRecord = true
		r.FieldsPerRecord = -1
		for {
			if _, err := r.Read(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	reportLines(b, benchLines, start)
}

// BenchmarkBOMParse reads and validates every line of the file (package
// bom) without screening it.
func BenchmarkBOMParse(b *testing.B) {
	data := generatedBOM()
	b.SetBytes(int64(len(data)))
	start := cpuTime()
	for b.Loop() {
		r := bom.NewReader(bytes.NewReader(data))
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			n++
		}
		if n != benchLines {
			b.Fatalf("read %d lines", n)
		}
	}
	reportLines(b, benchLines, start)
}

// BenchmarkBOMScreen screens the whole file: reading, answering every line
// and writing one result per line.
func BenchmarkBOMScreen(b *testing.B) {
	for _, format := range []string{registry.FormatJSON, registry.FormatCSV} {
		b.Run(format, func(b *testing.B) {
			data := generatedBOM()
			e := mustEngine(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				sum, err := e.ScreenBOM(context.Background(), bytes.NewReader(data), io.Discard, format, orewatch.CheckQuery{Date: day("2026-11-28")})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Lines != benchLines || sum.Screened < benchLines*97/100 {
					b.Fatalf("summary %d lines, %d screened", sum.Lines, sum.Screened)
				}
			}
			reportLines(b, benchLines, start)
		})
	}
}

// BenchmarkCheck answers single questions without the screening cache: the
// cost of one determination, explanation included.
func BenchmarkCheck(b *testing.B) {
	e := mustEngine(b)
	qs := []orewatch.CheckQuery{
		q("gallium", "CHN", "USA", "2025-11-20"),
		q("holmium", "CHN", "DEU", "2026-11-28"),
		q("8112929010", "CHN", "DEU", "2025-01-15"),
		military(q("dysprosium", "CHN", "JPN", "2026-02-01")),
		q("cobalt", "COD", "CHN", "2025-10-16"),
		madeIn(q("NdFeB magnets", "DEU", "USA", "2026-11-28"), "DEU", 0.5),
	}
	b.ReportAllocs()
	start := cpuTime()
	i := 0
	for b.Loop() {
		if _, err := e.Check(qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	if cpu := cpuTime() - start; start > 0 && cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
