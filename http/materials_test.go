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

	"orewatch"
	"orewatch/catalog"
	owhttp "orewatch/http"
	"orewatch/refdata"
	"orewatch/sqlite"
)

// newKBServer serves a real SQLite store seeded with the embedded releases.
func newKBServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := owhttp.NewServer()
	s.Store, s.Catalog = db, catalog.New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// get fetches path and decodes the JSON body into v, returning the status.
func get(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s: content type %q", path, ct)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, b)
	}
	return resp.StatusCode
}

func TestProductionAPI(t *testing.T) {
	ts := newKBServer(t)
	tests := []struct {
		name, year, source string
		china, world       float64
	}{
		{"2024", "2024", "usgs-mcs-2026", 270000, 380000},
		{"2023", "2023", "usgs-mcs-2025", 255000, 376000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep orewatch.ProductionReport
			path := "/api/v1/production?material=" + url.QueryEscape("rare earths") + "&year=" + tt.year + "&stage=mining"
			if code := get(t, ts, path, &rep); code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			if len(rep.Tables) != 1 {
				t.Fatalf("got %d tables, want 1", len(rep.Tables))
			}
			tab := rep.Tables[0]
			if tab.Source.ID != tt.source || *tab.World.Quantity != tt.world || tab.Rows[0].Country != "CHN" || *tab.Rows[0].Quantity != tt.china {
				t.Fatalf("got source %s world %v first %+v", tab.Source.ID, *tab.World.Quantity, tab.Rows[0])
			}
		})
	}
	t.Run("Country", func(t *testing.T) {
		var rep orewatch.ProductionReport
		get(t, ts, "/api/v1/production?material=lithium&country=Chile&stage=refining", &rep)
		if rep.Country != "CHL" || len(rep.Tables) != 1 || len(rep.Tables[0].Rows) != 1 || rep.Tables[0].Rows[0].Country != "CHL" {
			t.Fatalf("got %+v", rep)
		}
	})
}

func TestProductionAPIErrors(t *testing.T) {
	ts := newKBServer(t)
	tests := []struct {
		name, path string
		status     int
		want       string
		suggest    string
	}{
		{"NoMaterial", "/api/v1/production", 400, "material parameter is required", ""},
		{"BadYear", "/api/v1/production?material=lithium&year=20x4", 400, `bad year "20x4"`, ""},
		{"OldYear", "/api/v1/production?material=lithium&year=1066", 400, "bad year", ""},
		{"BadStage", "/api/v1/production?material=lithium&stage=smelting", 400, "unknown stage", ""},
		{"UnknownParam", "/api/v1/production?material=lithium&yr=2024", 400, `unknown query parameter "yr"`, ""},
		{"UnknownMaterial", "/api/v1/production?material=dysprosum", 400, "parameter material: unknown material", "dysprosium"},
		{"UnknownCountry", "/api/v1/production?material=lithium&country=Chilee", 400, "parameter country: unknown country", "Chile"},
		{"UnknownMaterialView", "/api/v1/materials/dysprosum", 404, "unknown material", "dysprosium"},
		{"BadKind", "/api/v1/materials?kind=metal", 400, "unknown kind", ""},
		{"UnknownCountryName", "/api/v1/countries?name=Chilee", 404, "unknown country", "Chile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e owhttp.ErrorResponse
			if code := get(t, ts, tt.path, &e); code != tt.status {
				t.Fatalf("status: got %d, want %d (%+v)", code, tt.status, e)
			}
			if !strings.Contains(e.Error, tt.want) {
				t.Fatalf("error: got %q, want %q", e.Error, tt.want)
			}
			if tt.suggest != "" && (len(e.Suggestions) == 0 || e.Suggestions[0] != tt.suggest) {
				t.Fatalf("suggestions: got %v, want %q first", e.Suggestions, tt.suggest)
			}
		})
	}
}

func TestMaterialsAPI(t *testing.T) {
	ts := newKBServer(t)
	t.Run("Index", func(t *testing.T) {
		var all, groups []orewatch.Material
		get(t, ts, "/api/v1/materials", &all)
		get(t, ts, "/api/v1/materials?kind=group", &groups)
		if len(groups) == 0 || len(groups) >= len(all) {
			t.Fatalf("got %d groups of %d materials", len(groups), len(all))
		}
		for _, m := range groups {
			if m.Kind != orewatch.KindGroup {
				t.Fatalf("%s is a %s", m.Name, m.Kind)
			}
		}
	})
	t.Run("View", func(t *testing.T) {
		var d orewatch.MaterialDetail
		if code := get(t, ts, "/api/v1/materials/Dy", &d); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		if d.Material == nil || d.Name != "dysprosium" || d.Symbol != "Dy" {
			t.Fatalf("got %+v", d.Material)
		}
		get(t, ts, "/api/v1/materials/"+url.PathEscape("rare earths"), &d)
		if d.Name != "rare earths" || len(d.Figures) == 0 || len(d.ImportReliance) == 0 {
			t.Fatalf("rare earths: figures %v, import reliance %d rows", d.Figures, len(d.ImportReliance))
		}
	})
	t.Run("Countries", func(t *testing.T) {
		var cs []orewatch.Country
		get(t, ts, "/api/v1/countries", &cs)
		if len(cs) < 249 {
			t.Fatalf("got %d countries", len(cs))
		}
		get(t, ts, "/api/v1/countries?name=DRC", &cs)
		if len(cs) != 1 || cs[0].ISO3 != "COD" {
			t.Fatalf("DRC: got %+v", cs)
		}
	})
}
