package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"orewatch"
	"orewatch/dedup"
	"orewatch/extract"
	"orewatch/ingest"
	"orewatch/internal/shared"
	"orewatch/sqlite"
)

// corpusPages reads the pages of the shared extraction benchmark, in name
// order.
func corpusPages(b *testing.B) [][]byte {
	b.Helper()
	dir := shared.Path(b, "corpus/article-extraction-benchmark/html")
	names, err := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	if err != nil || len(names) == 0 {
		b.Fatalf("no pages in %s: %v", dir, err)
	}
	sort.Strings(names)
	pages := make([][]byte, 0, len(names))
	var total int64
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		p, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		total += int64(len(p))
	}
	b.SetBytes(total / int64(len(pages)))
	return pages
}

// BenchmarkExtractOnly is the peer of BenchmarkPipeline: main-text
// extraction alone, one corpus page per op.
func BenchmarkExtractOnly(b *testing.B) {
	pages := corpusPages(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		if _, err := extract.FromHTML(pages[i%len(pages)], ""); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, processCPU()-cpu)
}

// reportCPU reports the process CPU time per op, when it is measured.
func reportCPU(b *testing.B, used time.Duration) {
	if used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkPipeline is HTML to stored events, one corpus page per op:
// sniffing, extraction, analysis (entities, events, claims and date
// checks against the embedded data), hashing, clustering and the SQLite
// transaction. Every page is stored, not found a duplicate: each pass over
// the corpus starts a new database (outside the timer).
func BenchmarkPipeline(b *testing.B) {
	pages := corpusPages(b)
	an := embedded(b)
	ctx := context.Background()
	var (
		db *sqlite.DB
		p  *ingest.Pipeline
	)
	fresh := func() {
		if db != nil {
			db.Close()
		}
		var err error
		db, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		p = &ingest.Pipeline{Store: db, Analyzer: an}
	}
	fresh()
	defer func() { db.Close() }()
	stored := 0
	b.ReportAllocs()
	b.ResetTimer()
	cpu, setup := processCPU(), time.Duration(0)
	for i := 0; i < b.N; i++ {
		if i > 0 && i%len(pages) == 0 {
			b.StopTimer()
			t := processCPU()
			fresh()
			setup += processCPU() - t
			b.StartTimer()
		}
		r, err := p.IngestReader(ctx, bytes.NewReader(pages[i%len(pages)]), "-")
		if err != nil {
			b.Fatal(err)
		}
		if r.Status == ingest.StatusStored {
			stored++
		}
	}
	b.StopTimer()
	reportCPU(b, processCPU()-cpu-setup)
	b.ReportMetric(float64(stored)/float64(b.N), "stored/op")
}

// extractedCorpus is the corpus after extraction, for the stage
// benchmarks that follow it.
func extractedCorpus(b *testing.B) []*orewatch.Article {
	b.Helper()
	var out []*orewatch.Article
	for _, pg := range corpusPages(b) {
		d, err := extract.FromHTML(pg, "")
		if err != nil || d.Body == "" {
			continue
		}
		out = append(out, &orewatch.Article{URL: "urn:bench", Title: d.Title, Published: d.Published, Language: d.Language, Body: d.Body})
	}
	b.SetBytes(0) // the stages are timed per article, not per page byte
	return out
}

// BenchmarkStageAnalyze is the analyzer alone on extracted corpus pages.
func BenchmarkStageAnalyze(b *testing.B) {
	docs := extractedCorpus(b)
	an := embedded(b)
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		a := &orewatch.Article{Title: d.Title, Published: d.Published, Body: d.Body}
		an.Analyze(a)
	}
	reportCPU(b, processCPU()-cpu)
}

// BenchmarkStageFingerprint is the content hash and SimHash of a body.
func BenchmarkStageFingerprint(b *testing.B) {
	docs := extractedCorpus(b)
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		body := docs[i%len(docs)].Body
		_, _ = dedup.Fingerprint(body)
	}
	reportCPU(b, processCPU()-cpu)
}

// BenchmarkStageSave is the SQLite transaction of analysed corpus articles,
// a new database for each pass so that every article is stored.
func BenchmarkStageSave(b *testing.B) {
	docs := extractedCorpus(b)
	an := embedded(b)
	for i, d := range docs {
		an.Analyze(d)
		d.URL = fmt.Sprintf("https://bench.example/%d", i)
		d.ContentHash, d.SimHash = dedup.Fingerprint(d.Body)
	}
	ctx := context.Background()
	var db *sqlite.DB
	fresh := func() {
		if db != nil {
			db.Close()
		}
		var err error
		if db, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db")); err != nil {
			b.Fatal(err)
		}
	}
	fresh()
	defer func() { db.Close() }()
	b.ResetTimer()
	cpu, setup := processCPU(), time.Duration(0)
	for i := 0; i < b.N; i++ {
		if i > 0 && i%len(docs) == 0 {
			b.StopTimer()
			t := processCPU()
			fresh()
			setup += processCPU() - t
			b.StartTimer()
		}
		d := *docs[i%len(docs)]
		d.ID, d.ClusterID = 0, 0
		if _, err := db.SaveArticle(ctx, &d); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportCPU(b, processCPU()-cpu-setup)
}
