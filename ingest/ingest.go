// Package ingest is the orchestrator of ingestion and the only stage that
// writes: it reads files, folders, stdin, web pages and feeds, runs each
// document through extraction and analysis, fingerprints it, clusters it
// with its near-duplicates and saves it, one transaction per article.
// Failures are data: a page that cannot be read is a failed result, a feed
// that cannot be polled keeps its error and backs off, and the batch goes
// on.
package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"orewatch"
	"orewatch/dedup"
	"orewatch/extract"
	"orewatch/fetch"
)

// Analyzer finds the entities, events, claims and date checks of an
// article from its title, body and publication date; *nlp.Analyzer is one.
type Analyzer interface {
	Analyze(a *orewatch.Article)
}

// Fetcher performs HTTP GETs; *fetch.Client is one.
type Fetcher interface {
	Do(ctx context.Context, r fetch.Request) (*fetch.Response, error)
}

// Store is what ingestion reads and writes; every orewatch.Store is one.
type Store interface {
	orewatch.ArticleStore
	orewatch.FeedStore
}

// Defaults of a zero Pipeline.
const (
	DefaultWorkers       = 3
	DefaultMaxBytes      = 10 << 20
	DefaultPollInterval  = 30 * time.Minute
	DefaultMaxBackoff    = 24 * time.Hour
	DefaultClusterWindow = 14 * 24 * time.Hour
)

// Pipeline reads documents into analysed articles and stores them. Set the
// fields, then use it; it is safe for concurrent use.
type Pipeline struct {
	Store    Store    // needed to ingest and poll, not to Read
	Analyzer Analyzer // nil: articles get no entities, events or claims
	Fetcher  Fetcher  // nil: a fetch.Client with its defaults
	Now      func() time.Time
	Logger   *slog.Logger

	// Published, when set, is the publication date of every document read,
	// in place of what the document states.
	Published orewatch.Date
	// Workers is how many feed items are fetched and analysed at once (2-4
	// is sensible; 0 means DefaultWorkers).
	Workers int
	// MaxBytes caps files and stdin (0: DefaultMaxBytes).
	MaxBytes int64
	// PollInterval is how long after a successful poll a feed is due again
	// (0: DefaultPollInterval); failures back off from it exponentially up
	// to MaxBackoff (0: DefaultMaxBackoff).
	PollInterval time.Duration
	MaxBackoff   time.Duration
	// ClusterWindow is how far back stored fingerprints are compared with a
	// new article (0: DefaultClusterWindow).
	ClusterWindow time.Duration
	// NearDistance is the SimHash distance within which articles cluster
	// (0: dedup.NearDistance).
	NearDistance int

	fetchOnce  sync.Once
	defFetcher *fetch.Client

	// saveMu serialises clustering and saving, so that an article sees the
	// fingerprints of those saved before it.
	saveMu sync.Mutex
	fps    []orewatch.Fingerprint
	fpsAt  time.Time // when fps was loaded; zero: not loaded
	seenMu sync.Mutex
	seen   map[string]bool // canonical URLs known to be stored
}

// Status says what happened to one input.
type Status string

// Statuses of a Result.
const (
	StatusStored    Status = "stored"
	StatusDuplicate Status = "duplicate" // its content or URL was stored already
	StatusFailed    Status = "failed"
	StatusSkipped   Status = "skipped" // nothing to read (a feed item without a link)
)

// Result is the outcome of ingesting one input.
type Result struct {
	Input     string `json:"input"`
	Status    Status `json:"status"`
	ID        int64  `json:"id,omitempty"`
	ClusterID int64  `json:"cluster_id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Events    int    `json:"events"`
	Claims    int    `json:"claims"`
	Error     string `json:"error,omitempty"`
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pipeline) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (p *Pipeline) fetcher() Fetcher {
	if p.Fetcher != nil {
		return p.Fetcher
	}
	p.fetchOnce.Do(func() { p.defFetcher = &fetch.Client{} })
	return p.defFetcher
}

func (p *Pipeline) maxBytes() int64 {
	if p.MaxBytes > 0 {
		return p.MaxBytes
	}
	return DefaultMaxBytes
}

// IsURL reports whether an input names a web page rather than a file.
func IsURL(input string) bool {
	s := strings.ToLower(strings.TrimSpace(input))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Read runs the whole pipeline on one input without storing: a web page
// (http or https URL), stdin ("-") or a file.
func (p *Pipeline) Read(ctx context.Context, input string, stdin io.Reader) (*orewatch.Article, error) {
	switch {
	case input == "-":
		return p.ReadReader(ctx, stdin, "stdin")
	case IsURL(input):
		return p.ReadURL(ctx, input)
	}
	return p.ReadFile(ctx, input)
}

// ReadFile reads a .txt, .html or .htm file into an analysed article.
func (p *Pipeline) ReadFile(ctx context.Context, path string) (*orewatch.Article, error) {
	// Whether the file exists comes first: a missing file is not a file of
	// an unsupported type.
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if st.IsDir() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s is a folder: ingest it whole, or name a file", path)
	}
	kind, ok := fileKind(path)
	if !ok {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: unsupported file type %q (want .txt, .html or .htm)", path, filepath.Ext(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	data, err := p.readCapped(f, path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	src := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	return p.fromBytes(ctx, data, kind, source{url: src, name: path})
}

// ReadReader reads a document from r (stdin): HTML when its first
// character, after any byte-order mark and white space, is '<'; plain text
// otherwise. name labels it in errors.
func (p *Pipeline) ReadReader(ctx context.Context, r io.Reader, name string) (*orewatch.Article, error) {
	if r == nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: nothing to read", name)
	}
	data, err := p.readCapped(r, name)
	if err != nil {
		return nil, err
	}
	return p.fromBytes(ctx, data, sniff(data), source{name: name})
}

// ReadURL fetches a web page (or a plain-text document) into an analysed
// article.
func (p *Pipeline) ReadURL(ctx context.Context, rawURL string) (*orewatch.Article, error) {
	return p.readURL(ctx, strings.TrimSpace(rawURL), source{})
}

// readURL fetches a page; src may carry what a feed says of it.
func (p *Pipeline) readURL(ctx context.Context, rawURL string, src source) (*orewatch.Article, error) {
	resp, err := p.fetcher().Do(ctx, fetch.Request{URL: rawURL})
	if err != nil {
		return nil, err
	}
	kind, err := contentKind(resp.ContentType, resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", resp.URL, err)
	}
	src.url, src.canonical, src.name = resp.URL, dedup.CanonicalURL(resp.URL), resp.URL
	return p.fromBytes(ctx, resp.Body, kind, src)
}

// source is where a document comes from and what else is known of it.
type source struct {
	url       string // where it was read (may be empty)
	canonical string // canonical web URL; empty for files and stdin
	name      string // how errors refer to it
	feedID    int64
	// title and published are the feed's, used when the document gives none.
	title     string
	published orewatch.Date
}

type docKind int

const (
	kindText docKind = iota
	kindHTML
)

func fileKind(path string) (docKind, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return kindText, true
	case ".html", ".htm":
		return kindHTML, true
	}
	return 0, false
}

// sniff says HTML when the first character after a byte-order mark and
// white space is '<'.
func sniff(data []byte) docKind {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n\f\v")
	if len(data) > 0 && data[0] == '<' {
		return kindHTML
	}
	return kindText
}

// contentKind decides how to read a fetched body from its media type,
// sniffing when the server does not say.
func contentKind(contentType string, body []byte) (docKind, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		return sniff(body), nil
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return kindHTML, nil
	case "text/plain":
		return kindText, nil
	case "application/octet-stream", "binary/octet-stream":
		return sniff(body), nil
	case "application/rss+xml", "application/atom+xml", "application/feed+json":
		return 0, orewatch.Errorf(orewatch.EINVALID, "this is a feed (%s), not a page: add it with 'orewatch feeds add'", mt)
	}
	return 0, orewatch.Errorf(orewatch.EINVALID, "unsupported content type %q (want an HTML page or plain text)", mt)
}

func (p *Pipeline) readCapped(r io.Reader, name string) ([]byte, error) {
	max := p.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fileError(name, err)
	}
	if int64(len(data)) > max {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s exceeds %d bytes", name, max)
	}
	return data, nil
}

func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return orewatch.Errorf(orewatch.EINVALID, "%s: no such file or folder", path)
	case errors.Is(err, fs.ErrPermission):
		return orewatch.Errorf(orewatch.EINVALID, "%s: permission denied", path)
	}
	return fmt.Errorf("reading %s: %w", path, err)
}

// named prefixes an error with the input it concerns. A user-facing
// *orewatch.Error is shown by its message alone, so the name goes into a
// copy of it, keeping its code and suggestions.
func named(name string, err error) error {
	var e *orewatch.Error
	if errors.As(err, &e) && e.Code != orewatch.EINTERNAL {
		return &orewatch.Error{Code: e.Code, Message: name + ": " + e.Message, Suggestions: e.Suggestions}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// fromBytes extracts, analyses and fingerprints one document.
func (p *Pipeline) fromBytes(ctx context.Context, data []byte, kind docKind, src source) (a *orewatch.Article, err error) {
	name := src.name
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Extraction and analysis run third-party and heuristic code over
	// whatever a page contains; a panic there is that page's failure, not
	// the end of the batch.
	defer func() {
		if v := recover(); v != nil {
			p.logger().Error("panic while reading a document", "input", name, "panic", v)
			a, err = nil, fmt.Errorf("%s: cannot be read (internal failure: %v)", name, v)
		}
	}()
	var doc *extract.Document
	if kind == kindHTML {
		doc, err = extract.FromHTML(data, webURL(src.url))
		if err != nil {
			return nil, named(name, err)
		}
	} else {
		if !utf8.Valid(data) {
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		doc = extract.FromText(string(data))
	}
	if strings.TrimSpace(doc.Body) == "" {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: no text found", name)
	}
	a = &orewatch.Article{
		URL:          src.url,
		CanonicalURL: src.canonical,
		FeedID:       src.feedID,
		Title:        doc.Title,
		Published:    doc.Published,
		Language:     doc.Language,
		Body:         doc.Body,
		FetchedAt:    p.now().UTC(),
	}
	if a.Title == "" {
		a.Title = src.title
	}
	switch {
	case !p.Published.IsZero():
		a.Published = p.Published
	case a.Published.IsZero():
		a.Published = src.published
	}
	p.analyze(a)
	return a, nil
}

// analyze fills in what the analyzer finds and the fingerprints.
func (p *Pipeline) analyze(a *orewatch.Article) {
	if p.Analyzer != nil {
		p.Analyzer.Analyze(a)
	}
	a.ContentHash, a.SimHash = dedup.Fingerprint(a.Body)
}

// webURL keeps http(s) URLs only: extraction resolves links against it and
// may read a date from it, which a file path must not feed.
func webURL(u string) string {
	if IsURL(u) {
		return u
	}
	return ""
}
