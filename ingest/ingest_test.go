package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/fetch"
	"orewatch/ingest"
	"orewatch/sqlite"
)

// analyzerFunc stands in for the nlp analyzer where a test checks the
// orchestration, not the analysis.
type analyzerFunc func(a *orewatch.Article)

func (f analyzerFunc) Analyze(a *orewatch.Article) { f(a) }

// oneEvent reports a single event for every article that mentions cobalt.
var oneEvent = analyzerFunc(func(a *orewatch.Article) {
	if strings.Contains(strings.ToLower(a.Body), "cobalt") {
		a.Materials = []string{"cobalt"}
		a.Events = []*orewatch.Event{{Type: orewatch.EventSuspension, Actor: "COD", Materials: []string{"cobalt"}, Evidence: "suspended exports of cobalt", Confidence: 0.9, Primary: true}}
	}
})

var testNow = time.Date(2025, 11, 10, 9, 0, 0, 0, time.UTC)

func mustStore(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "orewatch.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func newPipeline(tb testing.TB, store ingest.Store) *ingest.Pipeline {
	tb.Helper()
	return &ingest.Pipeline{
		Store:    store,
		Analyzer: oneEvent,
		Fetcher:  &fetch.Client{AllowPrivate: true, HostInterval: -1, Timeout: 5 * time.Second},
		Now:      func() time.Time { return testNow },
	}
}

func page(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// copyPages copies test pages into a fresh folder.
func copyPages(tb testing.TB, names ...string) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), page(tb, n), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func statuses(rs []ingest.Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, filepath.Base(r.Input)+"="+string(r.Status))
	}
	return strings.Join(s, " ")
}

func TestIngestDir(t *testing.T) {
	ctx := context.Background()
	dir := copyPages(t, "gallium.html", "cobalt.html", "nickel.txt")
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF-1.4"), 0o644)
	os.Mkdir(filepath.Join(dir, ".cache"), 0o755)
	os.WriteFile(filepath.Join(dir, ".cache", "hidden.txt"), []byte("Hidden text that must not be read."), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "empty.txt"), []byte("   \n"), 0o644)

	store := mustStore(t)
	p := newPipeline(t, store)
	rs, err := p.IngestDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(rs), "cobalt.html=stored gallium.html=stored nickel.txt=stored empty.txt=failed"; got != want {
		t.Fatalf("results = %s\nwant      %s", got, want)
	}
	if !strings.Contains(rs[3].Error, "no text found") {
		t.Errorf("empty file error = %q, want it to say no text was found", rs[3].Error)
	}
	if rs[0].Events != 1 || rs[1].Events != 0 {
		t.Errorf("event counts = %d, %d; want 1, 0", rs[0].Events, rs[1].Events)
	}

	a, err := store.FindArticleByID(ctx, rs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "China to require licences for gallium and germanium exports" {
		t.Errorf("title = %q", a.Title)
	}
	if a.Published != orewatch.MustParseDate("2023-07-03") {
		t.Errorf("published = %v, want 2023-07-03", a.Published)
	}
	if !strings.HasPrefix(a.URL, "file://") || a.CanonicalURL != "" {
		t.Errorf("URL = %q, canonical %q; want a file URL and no canonical web URL", a.URL, a.CanonicalURL)
	}
	for _, junk := range []string{"Most read", "All rights reserved", "Subscribe"} {
		if strings.Contains(a.Body, junk) {
			t.Errorf("body keeps boilerplate %q", junk)
		}
	}
	if a.ContentHash == "" || a.SimHash == 0 || a.ClusterID != a.ID {
		t.Errorf("hash %q, simhash %x, cluster %d (id %d): want a hash, a fingerprint and its own cluster", a.ContentHash, a.SimHash, a.ClusterID, a.ID)
	}

	t.Run("ReingestChangesNothing", func(t *testing.T) {
		before, _ := store.FindArticles(ctx, orewatch.ArticleFilter{})
		again := newPipeline(t, store) // a new process: nothing cached
		rs2, err := again.IngestDir(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := statuses(rs2), "cobalt.html=duplicate gallium.html=duplicate nickel.txt=duplicate empty.txt=failed"; got != want {
			t.Fatalf("results = %s\nwant      %s", got, want)
		}
		for i := range 3 {
			if rs2[i].ID != rs[i].ID {
				t.Errorf("%s: id %d, first stored as %d", rs2[i].Input, rs2[i].ID, rs[i].ID)
			}
		}
		after, _ := store.FindArticles(ctx, orewatch.ArticleFilter{})
		if len(after) != len(before) {
			t.Errorf("%d articles stored, %d before", len(after), len(before))
		}
	})
}

func TestIngestInputs(t *testing.T) {
	ctx := context.Background()
	dir := copyPages(t, "gallium.html", "nickel.txt")
	store := mustStore(t)
	p := newPipeline(t, store)
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF-1.7\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name       string
		input      string
		stdin      string
		wantStatus ingest.Status
		wantErr    string
	}{
		{name: "File", input: filepath.Join(dir, "nickel.txt"), wantStatus: ingest.StatusStored},
		{name: "Missing", input: filepath.Join(dir, "absent.txt"), wantStatus: ingest.StatusFailed, wantErr: "no such file or folder"},
		{name: "MissingNoExtension", input: filepath.Join(dir, "absent"), wantStatus: ingest.StatusFailed, wantErr: "absent: no such file or folder"},
		{name: "MissingUnsupported", input: filepath.Join(dir, "absent.pdf"), wantStatus: ingest.StatusFailed, wantErr: "absent.pdf: no such file or folder"},
		{name: "Unsupported", input: filepath.Join(dir, "report.pdf"), wantStatus: ingest.StatusFailed, wantErr: `unsupported file type ".pdf"`},
		{name: "StdinHTMLWithBOM", input: "-", stdin: "\ufeff \n" + string(page(t, "cobalt.html")), wantStatus: ingest.StatusStored},
		{name: "StdinText", input: "-", stdin: "Zambia and the DRC agreed to develop a battery precursor plant together.\n\nThe plan covers cobalt and copper from both countries.", wantStatus: ingest.StatusStored},
		{name: "StdinEmpty", input: "-", stdin: "", wantStatus: ingest.StatusFailed, wantErr: "no text found"},
		{name: "BadURL", input: "http://", wantStatus: ingest.StatusFailed, wantErr: "no host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := p.Ingest(ctx, []string{tc.input}, strings.NewReader(tc.stdin))
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 {
				t.Fatalf("%d results, want 1", len(rs))
			}
			r := rs[0]
			if r.Status != tc.wantStatus || !strings.Contains(r.Error, tc.wantErr) {
				t.Errorf("result = %s %q, want %s with %q", r.Status, r.Error, tc.wantStatus, tc.wantErr)
			}
			if tc.wantStatus == ingest.StatusStored && r.ID == 0 {
				t.Error("stored without an id")
			}
		})
	}

	t.Run("StdinNamedByContent", func(t *testing.T) {
		text := "Kazakhstan signed a tungsten supply memorandum with a US company.\n\nThe deposit is in the north of the country."
		r, err := p.IngestReader(ctx, strings.NewReader(text), "-")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.URL, "urn:sha256:") {
			t.Errorf("URL = %q, want urn:sha256:…", r.URL)
		}
		r2, _ := p.IngestReader(ctx, strings.NewReader("  "+text+"\n"), "-")
		if r2.Status != ingest.StatusDuplicate || r2.ID != r.ID {
			t.Errorf("same text again: %s %d, want duplicate of %d", r2.Status, r2.ID, r.ID)
		}
	})

	t.Run("TooLarge", func(t *testing.T) {
		small := newPipeline(t, store)
		small.MaxBytes = 100
		r, err := small.IngestReader(ctx, bytes.NewReader(page(t, "cobalt.html")), "-")
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != ingest.StatusFailed || !strings.Contains(r.Error, "exceeds 100 bytes") {
			t.Errorf("result = %s %q, want failed for size", r.Status, r.Error)
		}
	})
}

func TestPublishedOverride(t *testing.T) {
	p := newPipeline(t, nil)
	p.Published = orewatch.MustParseDate("2025-10-10")
	a, err := p.ReadReader(context.Background(), bytes.NewReader(page(t, "gallium.html")), "-")
	if err != nil {
		t.Fatal(err)
	}
	if a.Published != p.Published {
		t.Errorf("published = %v, want the override %v", a.Published, p.Published)
	}
}

// site serves the test pages and lets a test change what it serves.
type site struct {
	mu    sync.Mutex
	pages map[string]response
	hits  map[string]int
	srv   *httptest.Server
}

type response struct {
	status int
	ctype  string
	body   []byte
	etag   string
}

func newSite(t *testing.T) *site {
	s := &site{pages: map[string]response{}, hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		resp, ok := s.pages[r.URL.Path]
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		if resp.etag != "" {
			if r.Header.Get("If-None-Match") == resp.etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", resp.etag)
		}
		if resp.ctype != "" {
			w.Header().Set("Content-Type", resp.ctype)
		}
		if resp.status != 0 {
			w.WriteHeader(resp.status)
		}
		w.Write(resp.body)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) set(path string, r response) {
	s.mu.Lock()
	s.pages[path] = r
	s.mu.Unlock()
}

func (s *site) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func TestIngestURL(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	s.set("/news/cobalt", response{ctype: "text/html; charset=utf-8", body: page(t, "cobalt.html")})
	s.set("/feed.xml", response{ctype: "application/rss+xml", body: []byte("<rss/>")})
	s.set("/report.pdf", response{ctype: "application/pdf", body: []byte("%PDF")})
	s.set("/plain", response{ctype: "text/plain", body: page(t, "nickel.txt")})
	s.set("/binary", response{ctype: "text/html", body: []byte{0, 1, 2, 3, 0xff, 0xfe}})
	store := mustStore(t)
	p := newPipeline(t, store)

	for _, tc := range []struct {
		name       string
		url        string
		wantStatus ingest.Status
		wantErr    string
	}{
		{"Page", s.srv.URL + "/news/cobalt?utm_source=newsletter", ingest.StatusStored, ""},
		{"SameStoryOtherTracking", s.srv.URL + "/news/cobalt?fbclid=xyz#top", ingest.StatusDuplicate, ""},
		{"PlainText", s.srv.URL + "/plain", ingest.StatusStored, ""},
		{"Feed", s.srv.URL + "/feed.xml", ingest.StatusFailed, "this is a feed"},
		{"PDF", s.srv.URL + "/report.pdf", ingest.StatusFailed, `unsupported content type "application/pdf"`},
		{"NotFound", s.srv.URL + "/missing", ingest.StatusFailed, "404"},
		{"Garbage", s.srv.URL + "/binary", ingest.StatusFailed, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := p.IngestURL(ctx, tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tc.wantStatus || !strings.Contains(r.Error, tc.wantErr) {
				t.Errorf("result = %s %q, want %s with %q", r.Status, r.Error, tc.wantStatus, tc.wantErr)
			}
		})
	}

	a, err := store.FindArticleByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := s.srv.URL + "/news/cobalt"; a.CanonicalURL != want {
		t.Errorf("canonical URL = %q, want %q", a.CanonicalURL, want)
	}
	if len(a.Events) != 1 || a.Events[0].Actor != "COD" {
		t.Errorf("events = %+v, want the analyzer's one event", a.Events)
	}

	t.Run("LoopbackRefusedByDefault", func(t *testing.T) {
		safe := newPipeline(t, store)
		safe.Fetcher = nil // the default client refuses private addresses
		r, err := safe.IngestURL(ctx, s.srv.URL+"/news/cobalt")
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != ingest.StatusFailed || !strings.Contains(r.Error, "loopback") {
			t.Errorf("result = %s %q, want a loopback refusal", r.Status, r.Error)
		}
	})
}

func TestClusters(t *testing.T) {
	ctx := context.Background()
	dir := copyPages(t, "cobalt.html", "cobalt-copy.html", "gallium.html")
	store := mustStore(t)
	p := newPipeline(t, store)
	var rs []ingest.Result
	for _, n := range []string{"cobalt.html", "gallium.html", "cobalt-copy.html"} {
		r, err := p.IngestFile(ctx, filepath.Join(dir, n))
		if err != nil || r.Status != ingest.StatusStored {
			t.Fatalf("%s: %s %q %v", n, r.Status, r.Error, err)
		}
		rs = append(rs, r)
	}
	if rs[0].ClusterID != rs[0].ID {
		t.Errorf("first cobalt story: cluster %d, want its own id %d", rs[0].ClusterID, rs[0].ID)
	}
	if rs[1].ClusterID != rs[1].ID {
		t.Errorf("gallium story: cluster %d, want its own id %d", rs[1].ClusterID, rs[1].ID)
	}
	if rs[2].ClusterID != rs[0].ID {
		t.Errorf("copy of the cobalt story: cluster %d, want %d", rs[2].ClusterID, rs[0].ID)
	}

	// A new process sees the stored fingerprints.
	later := newPipeline(t, store)
	os.WriteFile(filepath.Join(dir, "cobalt-3.html"), bytes.Replace(page(t, "cobalt-copy.html"), []byte("several months"), []byte("three months"), 1), 0o644)
	r, err := later.IngestFile(ctx, filepath.Join(dir, "cobalt-3.html"))
	if err != nil || r.Status != ingest.StatusStored {
		t.Fatalf("%s %q %v", r.Status, r.Error, err)
	}
	if r.ClusterID != rs[0].ID {
		t.Errorf("third copy: cluster %d, want %d", r.ClusterID, rs[0].ID)
	}
}

func TestAnalyzerPanicIsThatDocumentsFailure(t *testing.T) {
	ctx := context.Background()
	dir := copyPages(t, "gallium.html", "nickel.txt")
	p := newPipeline(t, mustStore(t))
	p.Analyzer = analyzerFunc(func(a *orewatch.Article) {
		if strings.Contains(a.Body, "gallium") {
			panic("index out of range")
		}
	})
	rs, err := p.IngestDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statuses(rs), "gallium.html=failed nickel.txt=stored"; got != want {
		t.Errorf("results = %s, want %s", got, want)
	}
	if !strings.Contains(rs[0].Error, "internal failure") {
		t.Errorf("error = %q", rs[0].Error)
	}
}

func TestStoreFailureStopsTheBatch(t *testing.T) {
	ctx := context.Background()
	dir := copyPages(t, "cobalt.html", "gallium.html")
	store := mustStore(t)
	store.Close() // every write now fails
	p := newPipeline(t, store)
	rs, err := p.IngestDir(ctx, dir)
	if err == nil {
		t.Fatal("no error from a closed store")
	}
	if len(rs) != 1 || rs[0].Status != ingest.StatusFailed {
		t.Errorf("results = %s, want one failure and a stop", statuses(rs))
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := copyPages(t, "cobalt.html")
	_, err := newPipeline(t, mustStore(t)).Ingest(ctx, []string{dir}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

func ExamplePipeline_Backoff() {
	p := &ingest.Pipeline{PollInterval: 30 * time.Minute, MaxBackoff: 24 * time.Hour}
	for n := 1; n <= 8; n++ {
		fmt.Print(p.Backoff(n), " ")
	}
	// Output: 30m0s 1h0m0s 2h0m0s 4h0m0s 8h0m0s 16h0m0s 24h0m0s 24h0m0s
}
