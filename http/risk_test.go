package http_test

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	owhttp "orewatch/http"
	"orewatch/refdata"
	"orewatch/registry"
	"orewatch/risk"
	"orewatch/sqlite"
)

// newRiskServer serves a real SQLite store seeded with the embedded releases
// and registry, with the registry and analytics services, on a fixed day.
func newRiskServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "risk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat := catalog.New()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := registry.Seed(ctx, db, cat, now); err != nil {
		t.Fatal(err)
	}
	wgi, err := refdata.WGI()
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.New(db, cat)
	s := owhttp.NewServer()
	s.Store, s.Catalog, s.Registry = db, cat, reg
	s.Now = func() time.Time { return now }
	svc := risk.NewService(db, reg, wgi)
	svc.Now = s.Now
	s.Analytics = svc
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

func riskGet(t *testing.T, ts *httptest.Server, path string, v any) int {
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

func TestRiskAPI(t *testing.T) {
	ts := newRiskServer(t)
	var r orewatch.RiskReport
	if code := riskGet(t, ts, "/api/v1/risk/rare%20earths?year=2024&stage=mining", &r); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	if r.Material != "rare earths" || r.Year != 2024 || math.Abs(r.HHI-5219.51) > 0.01 || r.HHIWGI == nil || len(r.Shares) != 12 {
		t.Errorf("report %+v", r)
	}
	// Without a stage, the stage with data: USGS reports gallium only as
	// primary production (refining). Shares add up to 1 and the HHI stays
	// within 10,000 although the rounded world total is below the rows.
	var ga orewatch.RiskReport
	if code := riskGet(t, ts, "/api/v1/risk/gallium", &ga); code != http.StatusOK || ga.Stage != orewatch.StageRefining || ga.HHI > 10000 {
		t.Errorf("gallium: %d %+v", code, ga)
	}
	var alias orewatch.RiskReport
	if code := riskGet(t, ts, "/api/v1/risk/REE?stage=refining", &alias); code != http.StatusOK || alias.Material != "rare earths" || alias.Stage != orewatch.StageRefining {
		t.Errorf("alias: %d %+v", code, alias)
	}

	errs := []struct {
		name, path string
		status     int
		want       string
	}{
		{"UnknownMaterial", "/api/v1/risk/dysprosum", http.StatusNotFound, "dysprosium"},
		{"BadYear", "/api/v1/risk/gallium?year=twenty", http.StatusBadRequest, "year"},
		{"BadStage", "/api/v1/risk/gallium?stage=smelting", http.StatusBadRequest, "stage"},
		{"BadDate", "/api/v1/risk/gallium?date=2025-13-01", http.StatusBadRequest, "date"},
		{"UnknownParam", "/api/v1/risk/gallium?yaer=2024", http.StatusBadRequest, "yaer"},
		{"NoYearData", "/api/v1/risk/rare%20earths?year=1999", http.StatusNotFound, "1999"},
	}
	for _, e := range errs {
		t.Run(e.name, func(t *testing.T) {
			var body owhttp.ErrorResponse
			code := riskGet(t, ts, e.path, &body)
			text := body.Error + " " + strings.Join(body.Suggestions, " ")
			if code != e.status || !strings.Contains(text, e.want) {
				t.Errorf("status %d %q, want %d mentioning %q", code, text, e.status, e.want)
			}
		})
	}
}

func TestExposureAPI(t *testing.T) {
	ts := newRiskServer(t)
	var res orewatch.ExposureResult
	if code := riskGet(t, ts, "/api/v1/exposure?material=rare%20earths", &res); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	// Default buyer USA and today (2025-06-01): China, 71 % of imports, needs
	// a licence (CHN-2025-18): 0.71 × 0.25.
	if res.Buyer != "USA" || res.Date.String() != "2025-06-01" || res.Exposure == nil || len(res.Exposure.Materials) != 1 ||
		math.Abs(res.Exposure.Materials[0].ImportExposure-0.1775) > 1e-12 || res.ControlledShare == nil {
		t.Fatalf("result %+v", res)
	}
	var ranked orewatch.ExposureResult
	if code := riskGet(t, ts, "/api/v1/exposure?buyer=United%20States&date=2025-01-15", &ranked); code != http.StatusOK || len(ranked.Exposure.Materials) < 10 || ranked.ControlledShare != nil {
		t.Errorf("ranked: %d, %+v", code, ranked)
	}

	errs := []struct {
		name, path string
		status     int
		want       string
	}{
		{"BuyerWithoutImportData", "/api/v1/exposure?buyer=JPN", http.StatusBadRequest, "United States"},
		// A name in a query parameter is input: unknown is 400, with
		// suggestions, unlike the material in the path of /risk.
		{"UnknownBuyer", "/api/v1/exposure?buyer=Atlantis", http.StatusBadRequest, "parameter buyer"},
		{"UnknownMaterial", "/api/v1/exposure?material=galium", http.StatusBadRequest, "gallium"},
		{"BadDate", "/api/v1/exposure?date=yesterday", http.StatusBadRequest, "date"},
		{"UnknownParam", "/api/v1/exposure?buyr=USA", http.StatusBadRequest, "buyr"},
	}
	for _, e := range errs {
		t.Run(e.name, func(t *testing.T) {
			var body owhttp.ErrorResponse
			code := riskGet(t, ts, e.path, &body)
			text := body.Error + " " + strings.Join(body.Suggestions, " ")
			if code != e.status || !strings.Contains(text, e.want) {
				t.Errorf("status %d %q, want %d mentioning %q", code, text, e.status, e.want)
			}
		})
	}
}

func TestRiskAPIUnconfigured(t *testing.T) {
	ts := httptest.NewServer(owhttp.NewServer())
	defer ts.Close()
	for _, p := range []string{"/api/v1/risk/gallium", "/api/v1/exposure"} {
		var body owhttp.ErrorResponse
		if code := riskGet(t, ts, p, &body); code != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want 503", p, code)
		}
	}
}
