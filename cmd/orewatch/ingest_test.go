package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"orewatch"
	"orewatch/internal/shared"
)

// lockedBuffer is a bytes.Buffer safe for the command and a background
// poller writing at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runIO runs the command line with stdin against a fresh Main on the
// database db and returns exit code, stdout and stderr.
func runIO(t *testing.T, db, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb lockedBuffer
	m := NewMain()
	m.Stdin = strings.NewReader(stdin)
	m.Stdout, m.Stderr = &out, &errb
	m.Getenv = func(k string) string {
		if k == "OREWATCH_DB" {
			return db
		}
		return ""
	}
	code := m.Run(context.Background(), args)
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return code, out.String(), errb.String()
}

// testPages is the folder of test pages the ingest package's tests use.
const testPages = "../../ingest/testdata/pages"

func TestIngestEventsSearch(t *testing.T) {
	fixture := shared.Path(t, "fixtures/articles/china-rare-earth-tech-controls.txt")
	db := filepath.Join(t.TempDir(), "ow.db")

	code, out, errs := runIO(t, db, "", "ingest", fixture, testPages, "--published", "2025-11-10")
	if code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "5 stored, 0 duplicate, 0 failed") || !strings.Contains(out, "(same story as #") {
		t.Errorf("ingest output:\n%s", out)
	}

	t.Run("ReingestJSON", func(t *testing.T) {
		code, out, errs := runIO(t, db, "", "ingest", fixture, "--json", "--published", "2025-11-10")
		if code != exitOK {
			t.Fatalf("exit %d\n%s%s", code, out, errs)
		}
		var rs []map[string]any
		if err := json.Unmarshal([]byte(out), &rs); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(rs) != 1 || rs[0]["status"] != "duplicate" || rs[0]["id"] != 1.0 || rs[0]["events"] == 0.0 {
			t.Errorf("results = %v", rs)
		}
	})

	t.Run("Stdin", func(t *testing.T) {
		code, out, _ := runIO(t, db, "Chile plans a national lithium company\n\nThe government said state control of lithium would widen from 2025.", "ingest", "-")
		if code != exitOK || !strings.Contains(out, "1 stored") {
			t.Errorf("exit %d\n%s", code, out)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"Missing", []string{"ingest", "absent.txt"}, exitFailure, "absent.txt: no such file or folder"},
		{"NoInput", []string{"ingest"}, exitUsage, "needs at least one"},
		{"BadDate", []string{"ingest", fixture, "--published", "2025-13"}, exitUsage, "--published"},
		{"TwoStdin", []string{"ingest", "-", "-"}, exitUsage, "only once"},
		{"EventsByGroup", []string{"events", "--material", "rare earths", "--country", "China", "--type", "export_control"}, exitOK, "export_control  CHN"},
		{"EventsUnknownMaterial", []string{"events", "--material", "dysprosum"}, exitFailure, `did you mean: "dysprosium"`},
		{"EventsUnknownType", []string{"events", "--type", "embargo"}, exitUsage, `unknown event type "embargo"`},
		{"EventsBadSince", []string{"events", "--since", "last week"}, exitUsage, "--since"},
		{"EventsArgs", []string{"events", "cobalt"}, exitUsage, "takes no arguments"},
		{"EventsNone", []string{"events", "--material", "helium"}, exitOK, "no events"},
		{"Search", []string{"search", "Pakistan", "rare", "earths"}, exitOK, "China Implements New Export Restrictions"},
		{"SearchNothing", []string{"search", "zirconium"}, exitOK, "no articles match"},
		{"SearchEmpty", []string{"search"}, exitUsage, "needs a QUERY"},
		{"SearchHelp", []string{"search", "--help"}, exitOK, "Usage: orewatch search QUERY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runIO(t, db, "", tc.args...)
			if code != tc.code || !strings.Contains(out+errs, tc.want) {
				t.Errorf("exit %d, want %d with %q\nstdout: %s\nstderr: %s", code, tc.code, tc.want, out, errs)
			}
		})
	}

	t.Run("EventsJSON", func(t *testing.T) {
		code, out, errs := runIO(t, db, "", "events", "--country", "PAK", "--json")
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		var es []map[string]any
		if err := json.Unmarshal([]byte(out), &es); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if len(es) == 0 || es[0]["type"] != "supply_agreement" || es[0]["article_id"] != 1.0 {
			t.Errorf("events = %v", es)
		}
	})

	t.Run("SearchJSON", func(t *testing.T) {
		code, out, _ := runIO(t, db, "", "search", "gallium", "--json", "--limit", "1")
		var hits []orewatch.SearchHit
		if code != exitOK || json.Unmarshal([]byte(out), &hits) != nil || len(hits) != 1 || !strings.Contains(hits[0].Snippet, "«gallium»") {
			t.Errorf("exit %d: %s", code, out)
		}
	})
}

// TestExtractContract checks `extract --json` on the shared fixture
// against the issue: the exact fields, and what must be found.
func TestExtractContract(t *testing.T) {
	fixture := shared.Path(t, "fixtures/articles/china-rare-earth-tech-controls.txt")
	code, out, errs := runIO(t, "", "", "extract", fixture, "--json", "--published", "2025-11-10")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		sort.Strings(k)
		return k
	}
	wantKeys := []string{"body", "claims", "countries", "date_checks", "events", "language", "materials", "organizations", "published", "title", "url"}
	if got := keys(doc); !slices.Equal(got, wantKeys) {
		t.Errorf("fields %v, want %v", got, wantKeys)
	}
	var events []map[string]json.RawMessage
	json.Unmarshal(doc["events"], &events)
	wantEvent := []string{"actor", "announced", "confidence", "counterparty", "effective", "evidence", "materials", "measure", "primary", "type"}
	for _, e := range events {
		if got := keys(e); !slices.Equal(got, wantEvent) {
			t.Errorf("event fields %v, want %v", got, wantEvent)
		}
	}

	var a struct {
		Body          string
		Published     string
		Countries     []string
		Organizations []string
		Events        []orewatch.Event
		Claims        []orewatch.Claim
		DateChecks    []orewatch.DateCheck `json:"date_checks"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Body, "Ghillie") || strings.Contains(a.Body, "Related:") {
		t.Error("body keeps the ads or the Related: lines")
	}
	if a.Published != "2025-11-10" {
		t.Errorf("published %q, want the --published date", a.Published)
	}
	for _, iso := range []string{"IDN", "UKR", "RUS"} {
		if slices.Contains(a.Countries, iso) {
			t.Errorf("countries %v include %s", a.Countries, iso)
		}
	}
	for _, org := range []string{"Ministry of Commerce", "US Strategic Metals"} {
		if !slices.Contains(a.Organizations, org) {
			t.Errorf("organizations %v lack %s", a.Organizations, org)
		}
	}
	found := map[orewatch.EventType]bool{}
	for _, e := range a.Events {
		found[e.Type] = true
		if e.Type == orewatch.EventExportControl && e.Actor == "CHN" && (e.Announced.String() != "2025-10" || e.Effective.String() != "2025-11-08") {
			t.Errorf("export control announced %v effective %v", e.Announced, e.Effective)
		}
	}
	if !found[orewatch.EventExportControl] || !found[orewatch.EventSupplyAgreement] {
		t.Errorf("event types %v, want export_control and supply_agreement", found)
	}
	supported := false
	for _, c := range a.Claims {
		if strings.Contains(c.Text, "60") && c.Verdict == orewatch.VerdictSupported && c.Reference != nil {
			supported = true
		}
	}
	if !supported {
		t.Errorf("claims %+v: want the 60%% claim supported with its reference", a.Claims)
	}
	contradicted := false
	for _, d := range a.DateChecks {
		if d.Verdict == orewatch.VerdictContradicted && d.Recorded.String() == "2025-10-09" {
			contradicted = true
		}
	}
	if !contradicted {
		t.Errorf("date checks %+v: want the technology controls' 2025-10-09 date reported", a.DateChecks)
	}
}

func TestExtractInputs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"StdinJSON", "Chile plans a national lithium company.\n\nState control of lithium widens.", []string{"extract", "-", "--json"}, exitOK, `"url": null`},
		{"Readable", "", []string{"extract", filepath.Join(testPages, "gallium.html")}, exitOK, "Title:         China to require licences for gallium and germanium exports"},
		{"NoInput", "", []string{"extract"}, exitUsage, "takes one FILE"},
		{"TwoInputs", "", []string{"extract", "a.txt", "b.txt"}, exitUsage, "takes one FILE"},
		{"Missing", "", []string{"extract", "absent.html"}, exitFailure, "absent.html: no such file"},
		{"Loopback", "", []string{"extract", "http://127.0.0.1:9/x"}, exitFailure, "loopback"},
		{"Empty", "   ", []string{"extract", "-"}, exitFailure, "no text found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runIO(t, "", tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(out+errs, tc.want) {
				t.Errorf("exit %d, want %d with %q\nstdout: %s\nstderr: %s", code, tc.code, tc.want, out, errs)
			}
		})
	}
}

func TestFeedsAndPoll(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(testPages, "cobalt.html"))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<rss version="2.0"><channel><title>Test desk</title><item><title>Cobalt</title><link>/cobalt</link></item></channel></rss>`))
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss><channel><item>`))
	})
	mux.HandleFunc("/cobalt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "ow.db")

	steps := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"Add", []string{"feeds", "add", srv.URL + "/feed.xml"}, exitOK, "added feed 1"},
		{"AddTitled", []string{"feeds", "add", srv.URL + "/broken.xml", "--title", "Broken on purpose"}, exitOK, "added feed 2"},
		{"AddAgain", []string{"feeds", "add", srv.URL + "/feed.xml"}, exitFailure, "already exists"},
		{"AddNotWeb", []string{"feeds", "add", "file:///etc/passwd"}, exitFailure, "want an absolute http or https URL"},
		{"NoSubcommand", []string{"feeds"}, exitUsage, "needs a subcommand"},
		{"BadSubcommand", []string{"feeds", "edit"}, exitUsage, `unknown subcommand "edit"`},
		{"PollRefusesLoopback", []string{"poll", "--once"}, exitFailure, "loopback"},
		{"NothingDue", []string{"poll", "--once", "--allow-private"}, exitOK, "no feeds due"},
		{"PollAll", []string{"poll", "--once", "--all", "--allow-private"}, exitFailure, "1 of 2 feeds failed"},
		{"ListShowsError", []string{"feeds", "list"}, exitOK, "Broken on purpose"},
		{"AllNeedsOnce", []string{"poll", "--all"}, exitUsage, "--all needs --once"},
		{"BadInterval", []string{"poll", "--interval", "0s"}, exitUsage, "--interval must be positive"},
		{"Events", []string{"events", "--country", "COD"}, exitOK, "COD"},
		{"RemoveByURL", []string{"feeds", "remove", srv.URL + "/broken.xml"}, exitOK, "removed feed 2"},
		{"RemoveUnknown", []string{"feeds", "remove", "99"}, exitFailure, "feed 99 not found"},
		{"RemoveUnknownURL", []string{"feeds", "remove", "https://example.org/none.xml"}, exitFailure, "no feed with id or URL"},
	}
	for _, s := range steps {
		code, out, errs := runIO(t, db, "", s.args...)
		if code != s.code || !strings.Contains(out+errs, s.want) {
			t.Fatalf("%s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", s.name, code, s.code, s.want, out, errs)
		}
	}

	code, out, _ := runIO(t, db, "", "feeds", "list", "--json")
	var feeds []orewatch.Feed
	if code != exitOK || json.Unmarshal([]byte(out), &feeds) != nil || len(feeds) != 1 {
		t.Fatalf("feeds list --json: exit %d\n%s", code, out)
	}
	if f := feeds[0]; f.Title != "Test desk" || f.ErrorCount != 0 || f.NextCheckAt.IsZero() {
		t.Errorf("feed after polling: %+v", f)
	}

	code, out, _ = runIO(t, db, "", "poll", "--once", "--all", "--allow-private", "--json")
	var rs []map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &rs) != nil || len(rs) != 1 || rs[0]["status"] != "not_modified" && rs[0]["status"] != "ok" {
		t.Errorf("poll --json: exit %d\n%s", code, out)
	}
}

func TestRunPoller(t *testing.T) {
	m := NewMain()
	m.Getenv = func(string) string { return "" }
	m.Config.DB = filepath.Join(t.TempDir(), "ow.db")
	defer m.Close()
	store, err := m.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	var runErr error
	wg.Go(func() { runErr = runPoller(ctx, m, store, 50*time.Millisecond) })
	wg.Wait()
	if runErr != nil {
		t.Errorf("runPoller = %v, want nil when the context ends", runErr)
	}
}
