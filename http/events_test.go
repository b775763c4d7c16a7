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
	"orewatch/sqlite"
)

// newEventServer serves a real SQLite store holding two articles.
func newEventServer(t *testing.T) (*httptest.Server, []*orewatch.Article) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := orewatch.MustParseDate
	articles := []*orewatch.Article{
		{
			URL: "https://news.example.org/rare-earth-tech", Title: "Rare-earth technology controls", Published: d("2025-10-10"),
			Body:        "China's commerce ministry placed rare-earth extraction and separation technology under export licensing.",
			ContentHash: "a1", Countries: []string{"CHN"}, Materials: []string{"rare earths"},
			Events: []*orewatch.Event{{Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"dysprosium"},
				Announced: d("2025-10-09"), Effective: d("2025-10-09"), Evidence: "placed rare-earth technology under export licensing", Confidence: 0.9, Primary: true, Measure: "CHN-2025-62"}},
			Claims: []*orewatch.Claim{{Text: "over 60% of production", Subject: "CHN", Material: "rare earths", Stage: orewatch.StageMining,
				Comparator: ">", Value: 60, Unit: "%", Verdict: orewatch.VerdictSupported, Reference: &orewatch.ClaimReference{Value: 71.1, Year: 2024, Source: "usgs-mcs-2026"}}},
		},
		{
			URL: "https://news.example.org/cobalt", Title: "Congo halts cobalt exports", Published: d("2025-02-22"),
			Body:        "The Democratic Republic of Congo suspended cobalt exports for four months.",
			ContentHash: "a2", Countries: []string{"COD"}, Materials: []string{"cobalt"},
			Events: []*orewatch.Event{{Type: orewatch.EventExportBan, Actor: "COD", Materials: []string{"cobalt"}, Evidence: "suspended cobalt exports", Confidence: 0.8, Primary: true}},
		},
	}
	for _, a := range articles {
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	s := owhttp.NewServer()
	s.Store, s.Catalog = db, catalog.New()
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, articles
}

// eventsGet fetches path and returns the status and the raw JSON body.
func eventsGet(t *testing.T, ts *httptest.Server, path string) (int, []byte) {
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
	return resp.StatusCode, b
}

func TestEventsAPI(t *testing.T) {
	ts, _ := newEventServer(t)
	for _, tc := range []struct {
		name   string
		query  string
		status int
		want   string // evidences, or the error message
	}{
		{"All", "", 200, "placed rare-earth technology under export licensing|suspended cobalt exports"},
		{"MaterialGroup", "material=" + url.QueryEscape("rare earths"), 200, "placed rare-earth technology under export licensing"},
		{"Country", "country=DRC", 200, "suspended cobalt exports"},
		{"Type", "type=export_ban", 200, "suspended cobalt exports"},
		{"Since", "since=2025-10", 200, "placed rare-earth technology under export licensing"},
		{"Until", "until=2025-03-01", 200, "suspended cobalt exports"},
		{"Limit", "limit=1", 200, "placed rare-earth technology under export licensing"},
		{"None", "material=gallium", 200, ""},
		{"BadSince", "since=2025-13-01", 400, "parameter since: invalid date"},
		{"BadUntil", "until=yesterday", 400, "parameter until: invalid date"},
		{"BadType", "type=ban", 400, `unknown event type "ban"`},
		{"BadLimit", "limit=-3", 400, "parameter limit"},
		{"UnknownParam", "materials=cobalt", 400, `unknown query parameter "materials"`},
		{"UnknownMaterial", "material=dysprosum", 400, `parameter material: unknown material "dysprosum" (did you mean: "dysprosium"`},
		{"UnknownCountry", "material=cobalt&country=Chilee", 400, `parameter country: unknown country "Chilee" (did you mean: "Chile"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := eventsGet(t, ts, "/api/v1/events?"+tc.query)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			if status != 200 {
				var e owhttp.ErrorResponse
				if err := json.Unmarshal(body, &e); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(e.Error, tc.want) {
					t.Errorf("error %q, want it to say %q", e.Error, tc.want)
				}
				return
			}
			var events []orewatch.Event
			if err := json.Unmarshal(body, &events); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range events {
				got = append(got, e.Evidence)
				if e.ID == 0 || e.ArticleID == 0 {
					t.Errorf("event %q without its ids", e.Evidence)
				}
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}

	t.Run("NullsInJSON", func(t *testing.T) {
		_, body := eventsGet(t, ts, "/api/v1/events?type=export_ban")
		for _, want := range []string{`"counterparty": null`, `"measure": null`, `"announced": null`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("body lacks %s:\n%s", want, body)
			}
		}
	})
}

func TestArticleAPI(t *testing.T) {
	ts, stored := newEventServer(t)
	t.Run("OK", func(t *testing.T) {
		status, body := eventsGet(t, ts, "/api/v1/articles/1")
		if status != 200 {
			t.Fatalf("status %d: %s", status, body)
		}
		var a orewatch.Article
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatal(err)
		}
		if a.Title != stored[0].Title || len(a.Events) != 1 || a.Events[0].Measure != "CHN-2025-62" || len(a.Claims) != 1 || a.Claims[0].Reference == nil || a.Claims[0].Reference.Value != 71.1 {
			t.Errorf("article = %+v", a)
		}
	})
	for _, tc := range []struct {
		name, id string
		status   int
		want     string
	}{
		{"NotFound", "99", 404, "article 99 not found"},
		{"NotANumber", "abc", 400, `invalid article id \"abc\"`},
		{"Zero", "0", 400, "invalid article id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := eventsGet(t, ts, "/api/v1/articles/"+tc.id)
			if status != tc.status || !strings.Contains(string(body), tc.want) {
				t.Errorf("status %d %s, want %d with %q", status, body, tc.status, tc.want)
			}
		})
	}
}

func TestSearchAPI(t *testing.T) {
	ts, _ := newEventServer(t)
	for _, tc := range []struct {
		name   string
		query  string
		status int
		want   string
	}{
		{"Word", "q=cobalt", 200, "Congo halts cobalt exports"},
		{"Phrase", "q=" + url.QueryEscape(`"separation technology"`), 200, "Rare-earth technology controls"},
		{"Excluded", "q=" + url.QueryEscape("Congo -cobalt"), 200, ""},
		{"Missing", "", 400, "parameter q is required"},
		{"Blank", "q=%20", 400, "parameter q is required"},
		{"BadLimit", "q=cobalt&limit=x", 400, "parameter limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := eventsGet(t, ts, "/api/v1/search?"+tc.query)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			if status != 200 {
				if !strings.Contains(string(body), tc.want) {
					t.Errorf("body %s, want %q", body, tc.want)
				}
				return
			}
			var hits []orewatch.SearchHit
			if err := json.Unmarshal(body, &hits); err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, h := range hits {
				titles = append(titles, h.Title)
			}
			if g := strings.Join(titles, "|"); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}
