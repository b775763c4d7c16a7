package extract_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"testing"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"orewatch/extract"
	"orewatch/internal/shared"
)

// BenchmarkFromText extracts the shared sample article (about 5 KB).
func BenchmarkFromText(b *testing.B) {
	raw, err := os.ReadFile(shared.Path(b, "fixtures/articles/china-rare-earth-tech-controls.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		extract.FromText(text)
	}
}

// BenchmarkFromHTMLFixtures extracts each HTML fixture in testdata/html.
func BenchmarkFromHTMLFixtures(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	var pages [][]byte
	size := 0
	for _, f := range files {
		p, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		size += len(p)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range pages {
			if _, err := extract.FromHTML(p, "https://example.org/a"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// corpusPage is one page of the shared extraction benchmark.
type corpusPage struct {
	url, truth string
	html       []byte
}

// loadCorpus reads the 181 pages of the article extraction benchmark.
func loadCorpus(tb testing.TB) []corpusPage {
	tb.Helper()
	dir := shared.Path(tb, "corpus/article-extraction-benchmark")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var truth map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		tb.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages []corpusPage
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, corpusPage{truth[id].URL, truth[id].ArticleBody, b})
	}
	return pages
}

// benchCorpus runs fn over all 181 pages of the benchmark per iteration
// and reports pages per second, so that FromHTML and its peers are timed on
// the same pages.
func benchCorpus(b *testing.B, fn func(p corpusPage)) {
	pages := loadCorpus(b)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			fn(p)
		}
	}
	b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkFromHTMLCorpus extracts the benchmark's 181 real pages.
func BenchmarkFromHTMLCorpus(b *testing.B) {
	benchCorpus(b, func(p corpusPage) {
		if _, err := extract.FromHTML(p.html, p.url); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkPeerTrafilaturaCorpus is a peer of BenchmarkFromHTMLCorpus:
// go-trafilatura with its default options on the same pages (a page it
// fails on still costs its time).
func BenchmarkPeerTrafilaturaCorpus(b *testing.B) {
	benchCorpus(b, func(p corpusPage) {
		opts := trafilatura.Options{}
		opts.OriginalURL, _ = url.Parse(p.url)
		_, _ = trafilatura.Extract(bytes.NewReader(p.html), opts)
	})
}

// BenchmarkPeerReadabilityCorpus is the other peer: readeck's
// go-readability with its defaults on the same pages.
func BenchmarkPeerReadabilityCorpus(b *testing.B) {
	benchCorpus(b, func(p corpusPage) {
		u, _ := url.Parse(p.url)
		_, _ = readability.FromReader(bytes.NewReader(p.html), u)
	})
}
