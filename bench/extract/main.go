// Command extract benchmarks main-text extraction on the public article
// extraction benchmark (181 news and blog pages with hand-checked main text):
// orewatch's extractor against the raw libraries it is built on, in one run,
// single-threaded. It prints F1, precision, recall, exact-match accuracy and
// pages per second for each.
//
//	go run ./bench/extract [-runs 3] [-only name] [-worst 10]
//
// The corpus is read from $OREWATCH_SHARED/corpus/article-extraction-benchmark
// (or ../shared beside the repository).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"

	"orewatch/bench/extract/metric"
	"orewatch/extract"
	"orewatch/internal/shared"
)

// page is one benchmark page held in memory, so that reading and
// decompressing stay out of the timings.
type page struct {
	id, url, truth string
	html           []byte
}

// extractor maps a page's HTML to its main text.
type extractor struct {
	name string
	fn   func(html []byte, pageURL string) string
}

var extractors = []extractor{
	{"orewatch", func(b []byte, u string) string {
		d, err := extract.FromHTML(b, u)
		if err != nil {
			return ""
		}
		return d.Body
	}},
	{"go-trafilatura", func(b []byte, u string) string {
		opts := trafilatura.Options{}
		if pu, err := url.Parse(u); err == nil {
			opts.OriginalURL = pu
		}
		r, err := trafilatura.Extract(bytes.NewReader(b), opts)
		if err != nil {
			return ""
		}
		return r.ContentText
	}},
	{"go-trafilatura+fallback", func(b []byte, u string) string {
		opts := trafilatura.Options{EnableFallback: true}
		if pu, err := url.Parse(u); err == nil {
			opts.OriginalURL = pu
		}
		r, err := trafilatura.Extract(bytes.NewReader(b), opts)
		if err != nil {
			return ""
		}
		return r.ContentText
	}},
	{"go-readability", func(b []byte, u string) string {
		pu, _ := url.Parse(u)
		a, err := readability.FromReader(bytes.NewReader(b), pu)
		if err != nil || a.Node == nil {
			return ""
		}
		var sb strings.Builder
		if err := a.RenderText(&sb); err != nil {
			return ""
		}
		return sb.String()
	}},
}

func main() {
	runs := flag.Int("runs", 1, "timed passes over the corpus (each extractor's best pass is reported)")
	only := flag.String("only", "", "comma-separated extractor names to run (default all)")
	worst := flag.Int("worst", 0, "also list the N pages with the lowest F1 for each extractor")
	dump := flag.String("dump", "", "write each extractor's output per page into this folder")
	perPage := flag.String("pages", "", "write each page's F1 per extractor to this TSV file")
	flag.Parse()
	runtime.GOMAXPROCS(1) // single-threaded, as the benchmark's speeds are quoted

	root := shared.Root()
	if root == "" {
		fatalf("shared folder not found: set OREWATCH_SHARED or place shared/ beside the repository")
	}
	pages, err := load(filepath.Join(root, "corpus", "article-extraction-benchmark"))
	if err != nil {
		fatalf("%v", err)
	}
	var sel []extractor
	for _, e := range extractors {
		if *only == "" || contains(strings.Split(*only, ","), e.name) {
			sel = append(sel, e)
		}
	}
	if len(sel) == 0 {
		fatalf("no extractor named %q", *only)
	}

	fmt.Printf("%d pages, %s, %s/%s, GOMAXPROCS=1, best of %d run(s)\n\n", len(pages), runtime.Version(), runtime.GOOS, runtime.GOARCH, *runs)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\tF1\tprecision\trecall\taccuracy\tpages/s\t")
	type low struct {
		id, url string
		f1      float64
	}
	lows := map[string][]low{}
	scores := make([]metric.Scorer, len(sel))
	best := make([]time.Duration, len(sel))
	// Each page goes through every extractor in turn, so that all of them
	// run under the same conditions on a shared machine; each run's total
	// per extractor is kept, and the best run reported.
	for run := 0; run < *runs; run++ {
		runtime.GC()
		totals := make([]time.Duration, len(sel))
		for _, p := range pages {
			for i, e := range sel {
				start := time.Now()
				out := e.fn(p.html, p.url)
				totals[i] += time.Since(start)
				if run > 0 {
					continue
				}
				c := scores[i].Add(p.truth, out)
				pr, rc := c.Precision(), c.Recall()
				f := 0.0
				if pr+rc > 0 {
					f = 2 * pr * rc / (pr + rc)
				}
				lows[e.name] = append(lows[e.name], low{p.id, p.url, f})
				if *dump != "" {
					d := filepath.Join(*dump, e.name)
					if err := os.MkdirAll(d, 0o755); err != nil {
						fatalf("%v", err)
					}
					if err := os.WriteFile(filepath.Join(d, p.id+".txt"), []byte(out), 0o644); err != nil {
						fatalf("%v", err)
					}
				}
			}
		}
		for i, t := range totals {
			if run == 0 || t < best[i] {
				best[i] = t
			}
		}
	}
	for i, e := range sel {
		s := scores[i].Score()
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t\n", e.name, s.F1, s.Precision, s.Recall, s.Accuracy, float64(len(pages))/best[i].Seconds())
	}
	tw.Flush()
	if *perPage != "" {
		var sb strings.Builder
		sb.WriteString("page")
		for _, e := range sel {
			sb.WriteString("\t" + e.name)
		}
		sb.WriteString("\n")
		for i, p := range pages {
			sb.WriteString(p.id[:12])
			for _, e := range sel {
				fmt.Fprintf(&sb, "\t%.4f", lows[e.name][i].f1)
			}
			sb.WriteString("\n")
		}
		if err := os.WriteFile(*perPage, []byte(sb.String()), 0o644); err != nil {
			fatalf("%v", err)
		}
	}
	if *worst > 0 {
		for _, e := range sel {
			l := lows[e.name]
			sort.SliceStable(l, func(i, j int) bool { return l[i].f1 < l[j].f1 })
			fmt.Printf("\nlowest F1, %s:\n", e.name)
			for _, x := range l[:min(*worst, len(l))] {
				fmt.Printf("  %.3f  %s  %s\n", x.f1, x.id[:12], x.url)
			}
		}
	}
}

func load(dir string) ([]page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		URL         string `json:"url"`
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]page, 0, len(ids))
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		t := truth[id]
		pages = append(pages, page{id: id, url: t.URL, truth: t.ArticleBody, html: b})
	}
	return pages, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "extract bench: "+format+"\n", args...)
	os.Exit(1)
}
