package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/ingest"
	"orewatch/nlp"
	"orewatch/refdata"
	"orewatch/registry"
)

var (
	embeddedOnce     sync.Once
	embeddedAnalyzer *nlp.Analyzer
	embeddedErr      error
)

// embedded is the analyzer `orewatch extract` uses: the embedded reference
// releases and registry, no store.
func embedded(tb testing.TB) *nlp.Analyzer {
	tb.Helper()
	embeddedOnce.Do(func() {
		releases, err := refdata.Releases()
		if err != nil {
			embeddedErr = err
			return
		}
		ms, err := registry.Embedded(testCatalog())
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedAnalyzer = nlp.New(testCatalog(), ingest.LatestFigures(releases), ms)
	})
	if embeddedErr != nil {
		tb.Fatal(embeddedErr)
	}
	return embeddedAnalyzer
}

// FuzzExtractPipeline runs arbitrary bytes through what `orewatch extract -`
// does: sniffing, extraction, analysis and fingerprinting. Nothing may
// panic (the pipeline turns a panic into an "internal failure" error, which
// fails here), and what comes out must be well formed.
func FuzzExtractPipeline(f *testing.F) {
	for _, n := range []string{"gallium.html", "cobalt.html", "nickel.txt"} {
		f.Add(page(f, n))
	}
	if b, err := os.ReadFile(filepath.Join("..", "feed", "testdata", "rss2.xml")); err == nil {
		f.Add(b)
	}
	f.Add([]byte("<html><body><p>On 9 October 2025 MOFCOM announced controls on rare-earth technologies, effective immediately; China holds over 90% of refining.</p></body></html>"))
	f.Add([]byte("\ufeff  <p>Indonesia said on Monday it would ban bauxite exports from June 2023.</p>"))
	f.Add([]byte("Beijing said nearly all processing is in China.\n\nRelated: nothing"))
	f.Add([]byte{0xff, 0xfe, '<', 0, 'p', 0})
	p := &ingest.Pipeline{Analyzer: embedded(f), Now: func() time.Time { return testNow }}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := p.ReadReader(context.Background(), bytes.NewReader(data), "-")
		if err != nil {
			if strings.Contains(err.Error(), "internal failure") {
				t.Fatalf("pipeline panicked: %v", err)
			}
			return
		}
		if strings.TrimSpace(a.Body) == "" {
			t.Fatal("an article without text")
		}
		if len(a.ContentHash) != 64 {
			t.Fatalf("content hash %q", a.ContentHash)
		}
		for _, e := range a.Events {
			if !slices.Contains(orewatch.EventTypes, e.Type) {
				t.Fatalf("event type %q", e.Type)
			}
		}
		if err := orewatch.ValidateArticle(&orewatch.Article{URL: "urn:test", Events: a.Events, Claims: a.Claims, DateChecks: a.DateChecks}); err != nil {
			t.Fatalf("the store would refuse the article: %v", err)
		}
		if _, err := json.Marshal(a); err != nil {
			t.Fatalf("article does not marshal: %v", err)
		}
	})
}
