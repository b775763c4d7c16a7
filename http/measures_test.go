package http_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	owhttp "orewatch/http"
	"orewatch/registry"
	"orewatch/sqlite"
)

// newRegistryServer serves a real SQLite store seeded with the embedded
// registry, through the registry service, with the clock on 2026-11-28.
func newRegistryServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat := catalog.New()
	now := func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	if err := registry.Seed(ctx, db, cat, now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	svc := registry.New(db, cat)
	svc.Now = now
	s := owhttp.NewServer()
	s.Store, s.Catalog, s.Registry, s.Now = db, cat, svc, now
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

func TestCheckAPI(t *testing.T) {
	ts := newRegistryServer(t)
	tests := []struct {
		name     string
		query    string
		decision orewatch.Decision
		applied  string
		date     string
	}{
		{"USBan", "item=gallium&from=CHN&to=USA&date=2025-01-15", orewatch.DecisionProhibited, "CHN-2024-46-2,CHN-2023-23", "2025-01-15"},
		{"USBanSuspended", "item=gallium&from=CHN&to=USA&date=2025-11-20", orewatch.DecisionLicence, "CHN-2023-23", "2025-11-20"},
		{"MilitaryEndUse", "item=gallium&from=CHN&to=USA&date=2025-11-20&end_use=military", orewatch.DecisionProhibited, "CHN-2024-46-1,CHN-2023-23", "2025-11-20"},
		{"DefaultDateIsToday", "item=gallium&from=CHN&to=USA", orewatch.DecisionProhibited, "CHN-2024-46-2,CHN-2023-23", "2026-11-28"},
		{"TariffLine", "item=8112929010&from=China&to=Germany&date=2024-01-02", orewatch.DecisionLicence, "CHN-2023-23", "2024-01-02"},
		{"DeMinimis", "item=" + url.QueryEscape("NdFeB magnets") + "&from=DEU&to=USA&made_in=DEU&content_share=0.5", orewatch.DecisionLicence, "CHN-2025-61-B", "2026-11-28"},
		{"AsKnownToday", "item=gallium&from=CHN&to=USA&date=2025-11-20&as_known=2026-11-28", orewatch.DecisionLicence, "CHN-2023-23", "2025-11-20"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d orewatch.Determination
			if code := get(t, ts, "/api/v1/check?"+tc.query, &d); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			var ids []string
			for _, a := range d.Applied {
				ids = append(ids, a.ID)
			}
			if d.Decision != tc.decision || strings.Join(ids, ",") != tc.applied || d.Date.String() != tc.date {
				t.Errorf("got %s %v on %s, want %s %s on %s", d.Decision, ids, d.Date, tc.decision, tc.applied, tc.date)
			}
		})
	}
}

func TestCheckAPIErrors(t *testing.T) {
	ts := newRegistryServer(t)
	tests := []struct {
		name, query string
		status      int
		message     string
	}{
		{"MissingItem", "from=CHN&to=USA", 400, "query parameter item is required"},
		{"MissingTo", "item=gallium&from=CHN", 400, "query parameter to is required"},
		{"BadDate", "item=gallium&from=CHN&to=USA&date=2025-13-01", 400, `query parameter date="2025-13-01"`},
		{"BadEndUse", "item=gallium&from=CHN&to=USA&end_use=dual", 400, `query parameter end_use="dual"`},
		{"BadShare", "item=gallium&from=DEU&to=USA&content_share=abc", 400, `query parameter content_share="abc"`},
		{"BadAsKnown", "item=gallium&from=CHN&to=USA&as_known=yesterday", 400, `query parameter as_known="yesterday"`},
		{"AsKnownBeforeLoading", "item=gallium&from=CHN&to=USA&as_known=2025-01-01", 400, "held no measures"},
		{"UnknownItem", "item=dysprosum&from=CHN&to=USA", 404, `unknown item "dysprosum"`},
		{"UnknownCountry", "item=gallium&from=Chna&to=USA", 404, "exporting country (from)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e owhttp.ErrorResponse
			if code := get(t, ts, "/api/v1/check?"+tc.query, &e); code != tc.status {
				t.Fatalf("status %d, want %d (%s)", code, tc.status, e.Error)
			}
			if !strings.Contains(e.Error, tc.message) {
				t.Errorf("error %q lacks %q", e.Error, tc.message)
			}
		})
	}
	var e owhttp.ErrorResponse
	get(t, ts, "/api/v1/check?item=dysprosum&from=CHN&to=USA", &e)
	if len(e.Suggestions) == 0 || e.Suggestions[0] != "dysprosium" {
		t.Errorf("suggestions: got %v, want dysprosium first", e.Suggestions)
	}
}

func TestMeasuresAPI(t *testing.T) {
	ts := newRegistryServer(t)
	t.Run("InForce", func(t *testing.T) {
		var ms []*orewatch.Measure
		if code := get(t, ts, "/api/v1/measures?in_force=2025-11-20&jurisdiction=CHN&material=gallium", &ms); code != 200 {
			t.Fatalf("status %d", code)
		}
		var ids []string
		for _, m := range ms {
			ids = append(ids, m.ID)
		}
		// CHN-2024-46-2 is suspended on that day; CHN-2025-72 suspends it.
		if got := strings.Join(ids, ","); got != "CHN-2023-23,CHN-2025-72" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("All", func(t *testing.T) {
		var ms []*orewatch.Measure
		get(t, ts, "/api/v1/measures", &ms)
		if len(ms) != 30 {
			t.Errorf("got %d measures, want 30", len(ms))
		}
	})
	t.Run("View", func(t *testing.T) {
		var d owhttp.MeasureDetail
		if code := get(t, ts, "/api/v1/measures/CHN-2024-46-2", &d); code != 200 {
			t.Fatalf("status %d", code)
		}
		if d.Measure.ID != "CHN-2024-46-2" || len(d.History) != 1 || strings.Join(d.SuspendedBy, ",") != "CHN-2025-72" {
			t.Errorf("got %s, %d versions, suspended by %v", d.Measure.ID, len(d.History), d.SuspendedBy)
		}
	})
	for _, tc := range []struct{ path, message string }{
		{"/api/v1/measures/CHN-1999-1", `unknown measure "CHN-1999-1"`},
		{"/api/v1/measures?in_force=2025-11", `query parameter in_force="2025-11"`},
		{"/api/v1/measures?type=embargo", `unknown measure type "embargo"`},
		{"/api/v1/measures?material=unobtainium", `unknown item "unobtainium"`},
	} {
		var e owhttp.ErrorResponse
		if code := get(t, ts, tc.path, &e); code < 400 || !strings.Contains(e.Error, tc.message) {
			t.Errorf("%s: status %d, error %q; want an error with %q", tc.path, code, e.Error, tc.message)
		}
	}
}

func postBOM(t *testing.T, ts *httptest.Server, query, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(ts.URL+"/api/v1/check/bom?"+query, "text/csv", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestCheckBOMAPI(t *testing.T) {
	ts := newRegistryServer(t)
	body := "part,item,origin,destination,date\nP-1,gallium,CHN,USA,2025-01-15\nP-2,dysprosum,CHN,USA,\nP-3,cobalt,COD,CHN,\n"
	code, b := postBOM(t, ts, "date=2025-10-16", body)
	if code != 200 {
		t.Fatalf("status %d: %s", code, b)
	}
	var resp struct {
		Results []struct {
			Line     int    `json:"line"`
			Decision string `json:"decision"`
			Date     string `json:"date"`
			Error    string `json:"error"`
		} `json:"results"`
		Summary orewatch.BOMSummary `json:"summary"`
	}
	if err := json.Unmarshal(b, &resp); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if len(resp.Results) != 3 {
		t.Fatalf("got %d results: %s", len(resp.Results), b)
	}
	r := resp.Results
	if r[0].Decision != "prohibited" || r[1].Error == "" || r[2].Decision != "quota" || r[2].Date != "2025-10-16" {
		t.Errorf("results: %+v", r)
	}
	if s := resp.Summary; s.Lines != 3 || s.Screened != 2 || len(s.Errors) != 1 || s.Errors[0].Line != 3 {
		t.Errorf("summary: %+v", s)
	}

	t.Run("Empty", func(t *testing.T) {
		code, b := postBOM(t, ts, "", "")
		if code != 200 || !strings.Contains(string(b), `"results": []`) {
			t.Errorf("status %d: %s", code, b)
		}
	})
	t.Run("BadHeader", func(t *testing.T) {
		code, b := postBOM(t, ts, "", "part,item,qty\n")
		if code != 400 || !strings.Contains(string(b), `unknown column \"qty\"`) {
			t.Errorf("status %d: %s", code, b)
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		// One line longer than the cap: the body is refused while reading it.
		big := "P-1," + strings.Repeat("x", owhttp.MaxBOMBody) + ",CHN,USA\n"
		code, b := postBOM(t, ts, "", big)
		if code != 400 || !strings.Contains(string(b), "larger than 16 MiB") {
			t.Errorf("status %d: %.300s", code, b)
		}
	})
}
