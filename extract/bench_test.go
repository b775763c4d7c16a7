package extract_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

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

// BenchmarkFromHTMLCorpus extracts the benchmark's 181 real pages; one
// iteration is one page (ns/op is the mean time per page).
func BenchmarkFromHTMLCorpus(b *testing.B) {
	pages := loadCorpus(b)
	i := 0
	for b.Loop() {
		p := pages[i%len(pages)]
		if _, err := extract.FromHTML(p.html, p.url); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
