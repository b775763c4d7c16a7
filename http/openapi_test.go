package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"orewatch"
	"orewatch/catalog"
	owhttp "orewatch/http"
	"orewatch/refdata"
	"orewatch/registry"
	"orewatch/risk"
	"orewatch/sqlite"
)

// spec is the decoded OpenAPI description.
type spec map[string]any

// fetch GETs path from ts and returns the status, content type and body.
func fetch(t *testing.T, ts *httptest.Server, path string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// loadSpec fetches the description as YAML and as JSON from a server,
// checks that both say the same, and returns it.
func loadSpec(t *testing.T) spec {
	t.Helper()
	ts := httptest.NewServer(owhttp.NewServer())
	defer ts.Close()
	code, ct, y := fetch(t, ts, "/api/v1/openapi.yaml")
	if code != http.StatusOK || !strings.HasPrefix(ct, "application/yaml") {
		t.Fatalf("openapi.yaml: status %d, content type %q", code, ct)
	}
	var fromYAML any
	if err := yaml.Unmarshal(y, &fromYAML); err != nil {
		t.Fatalf("openapi.yaml does not parse: %v", err)
	}
	// Round-trip through encoding/json so that both sides have JSON's types.
	b, err := json.Marshal(fromYAML)
	if err != nil {
		t.Fatalf("openapi.yaml has a value JSON cannot hold (quote status codes and dates): %v", err)
	}
	var viaYAML spec
	if err := json.Unmarshal(b, &viaYAML); err != nil {
		t.Fatal(err)
	}
	code, ct, j := fetch(t, ts, "/api/v1/openapi.json")
	if code != http.StatusOK || !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("openapi.json: status %d, content type %q\n%s", code, ct, j)
	}
	var doc spec
	if err := json.Unmarshal(j, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if d := cmp.Diff(viaYAML, doc); d != "" {
		t.Fatalf("openapi.json differs from openapi.yaml (-yaml +json):\n%s", d)
	}
	return doc
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// resolve follows a local $ref ("#/components/schemas/Material").
func (s spec) resolve(ref string) (map[string]any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("$ref %q is not local", ref)
	}
	var cur any = map[string]any(s)
	for _, p := range strings.Split(ref[2:], "/") {
		p = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
		next, ok := obj(cur)[p]
		if !ok {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
		cur = next
	}
	return obj(cur), nil
}

// deref returns m, or what its $ref points to.
func (s spec) deref(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	for i := 0; i < 10; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		var err error
		if m, err = s.resolve(ref); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatal("$ref chain too long")
	return nil
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// operation is one method of one path of the description.
type operation struct {
	method, path string // "GET", "/api/v1/materials/{name}"
	op           map[string]any
}

func (s spec) operations() []operation {
	var out []operation
	for path, item := range obj(s["paths"]) {
		for _, m := range httpMethods {
			if op := obj(obj(item)[m]); op != nil {
				out = append(out, operation{strings.ToUpper(m), path, op})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].path+" "+out[i].method < out[j].path+" "+out[j].method
	})
	return out
}

// params returns the operation's parameters with their $refs followed.
func (s spec) params(t *testing.T, o operation) []map[string]any {
	var out []map[string]any
	ps, _ := o.op["parameters"].([]any)
	for _, p := range ps {
		out = append(out, s.deref(t, obj(p)))
	}
	return out
}

// walk calls f on every map in v.
func walk(v any, f func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(v)
		for _, e := range v {
			walk(e, f)
		}
	case []any:
		for _, e := range v {
			walk(e, f)
		}
	}
}

func TestOpenAPIDocument(t *testing.T) {
	doc := loadSpec(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi: got %q, want 3.1.x", v)
	}
	info := obj(doc["info"])
	for _, f := range []string{"title", "version"} {
		if s, _ := info[f].(string); s == "" {
			t.Errorf("info.%s is missing", f)
		}
	}
	if len(obj(doc["paths"])) == 0 {
		t.Error("no paths")
	}
	walk(map[string]any(doc), func(m map[string]any) {
		if ref, ok := m["$ref"].(string); ok {
			if _, err := doc.resolve(ref); err != nil {
				t.Error(err)
			}
		}
	})
	ids := map[string]bool{}
	for _, o := range doc.operations() {
		id, _ := o.op["operationId"].(string)
		if id == "" || ids[id] {
			t.Errorf("%s %s: operationId %q is missing or not unique", o.method, o.path, id)
		}
		ids[id] = true
		resps := obj(o.op["responses"])
		if _, ok := resps["200"]; !ok {
			t.Errorf("%s %s: no 200 response", o.method, o.path)
		}
		for code, r := range resps {
			for ct, media := range obj(doc.deref(t, obj(r))["content"]) {
				if obj(media)["schema"] == nil {
					t.Errorf("%s %s %s %s: no schema", o.method, o.path, code, ct)
				}
			}
		}
		for _, p := range doc.params(t, o) {
			if p["schema"] == nil {
				t.Errorf("%s %s: parameter %v has no schema", o.method, o.path, p["name"])
			}
			if p["in"] == "path" && p["required"] != true {
				t.Errorf("%s %s: path parameter %v is not required", o.method, o.path, p["name"])
			}
		}
	}
	// ErrorResponse.code lists exactly the application's error codes.
	var codes []string
	for _, c := range obj(obj(obj(obj(doc["components"])["schemas"])["ErrorResponse"])["properties"])["code"].(map[string]any)["enum"].([]any) {
		codes = append(codes, c.(string))
	}
	want := []string{orewatch.ECONFLICT, orewatch.EINTERNAL, orewatch.EINVALID, orewatch.ENOTFOUND, orewatch.ENOTIMPLEMENT, orewatch.EUNAVAILABLE}
	slices.Sort(codes)
	slices.Sort(want)
	if !slices.Equal(codes, want) {
		t.Errorf("ErrorResponse.code enum: got %v, want %v", codes, want)
	}
}

var pathParam = regexp.MustCompile(`\{([^}/]+)\}`)

// TestOpenAPIRoutes checks that the description and the server's routes
// are the same set, with the same path parameters.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadSpec(t)
	registered := map[string]bool{}
	for _, p := range owhttp.NewServer().Routes() {
		method, path, ok := strings.Cut(p, " ")
		if !ok || strings.Contains(method, "/") {
			t.Errorf("route %q has no method: every route must name one", p)
			continue
		}
		// ServeMux's {x...} and {$} have no OpenAPI spelling but {x} and "".
		path = strings.ReplaceAll(strings.TrimSuffix(path, "{$}"), "...}", "}")
		if registered[method+" "+path] {
			t.Errorf("route %q is registered twice", p)
		}
		registered[method+" "+path] = true
	}
	described := map[string]bool{}
	for _, o := range doc.operations() {
		described[o.method+" "+o.path] = true
		var inPath, declared []string
		for _, m := range pathParam.FindAllStringSubmatch(o.path, -1) {
			inPath = append(inPath, m[1])
		}
		for _, p := range doc.params(t, o) {
			if p["in"] == "path" {
				declared = append(declared, p["name"].(string))
			}
		}
		slices.Sort(inPath)
		slices.Sort(declared)
		if !slices.Equal(inPath, declared) {
			t.Errorf("%s %s: path parameters %v, declared %v", o.method, o.path, inPath, declared)
		}
	}
	for r := range registered {
		if !described[r] {
			t.Errorf("route %s is registered but not in openapi.yaml", r)
		}
	}
	for d := range described {
		if !registered[d] {
			t.Errorf("openapi.yaml describes %s, which the server does not register", d)
		}
	}
	if len(registered) == 0 {
		t.Fatal("the server registers no routes")
	}
}

// validator checks a decoded JSON value against a schema of the
// description. It knows the keywords the description uses: $ref, oneOf,
// type, enum, format (date, date-time), pattern, properties, required,
// additionalProperties, propertyNames and items. Declared properties are
// exhaustive: a field the schema does not list is an error, as is a
// required one that is missing.
type validator struct {
	doc spec
}

func (v validator) check(s map[string]any, x any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		r, err := v.doc.resolve(ref)
		if err != nil {
			return []string{at + ": " + err.Error()}
		}
		return v.check(r, x, at)
	}
	if alts, ok := s["oneOf"].([]any); ok {
		n := 0
		var why []string
		for _, a := range alts {
			errs := v.check(obj(a), x, at)
			if len(errs) == 0 {
				n++
			}
			why = append(why, errs...)
		}
		if n != 1 {
			return []string{fmt.Sprintf("%s: matches %d of %d oneOf alternatives, want 1: %s", at, n, len(alts), strings.Join(why, "; "))}
		}
	}
	if ts, ok := s["type"]; ok {
		got := jsonType(x)
		okType := false
		for _, w := range typeList(ts) {
			okType = okType || w == got || (w == "number" && got == "integer")
		}
		if !okType {
			return []string{fmt.Sprintf("%s: %s, want %v", at, got, ts)}
		}
	}
	var errs []string
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, x) {
		lit, _ := json.Marshal(x)
		errs = append(errs, fmt.Sprintf("%s: %s is not one of %v", at, lit, enum))
	}
	if str, ok := x.(string); ok {
		errs = append(errs, checkString(s, str, at)...)
	}
	_, hasProps := s["properties"]
	_, hasAdditional := s["additionalProperties"]
	switch x := x.(type) {
	case map[string]any:
		// A schema that only wraps a oneOf says nothing of the fields.
		if !hasProps && !hasAdditional && !slices.Contains(typeList(s["type"]), "object") {
			break
		}
		props := obj(s["properties"])
		names := obj(s["propertyNames"])
		for _, k := range sortedKeys(x) {
			if names != nil {
				errs = append(errs, v.check(names, k, at+" key "+k)...)
			}
			if p, ok := props[k]; ok {
				errs = append(errs, v.check(obj(p), x[k], at+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case map[string]any:
				errs = append(errs, v.check(ap, x[k], at+"."+k)...)
			case bool:
				if !ap {
					errs = append(errs, fmt.Sprintf("%s: unexpected field %q", at, k))
				}
			default:
				errs = append(errs, fmt.Sprintf("%s: field %q is not in the schema", at, k))
			}
		}
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: required field %q is missing", at, r))
				}
			}
		}
	case []any:
		if items := obj(s["items"]); items != nil {
			for i, e := range x {
				errs = append(errs, v.check(items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func checkString(s map[string]any, str, at string) []string {
	var errs []string
	switch s["format"] {
	case "date":
		if _, err := time.Parse(time.DateOnly, str); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %q is not a date", at, str))
		}
	case "date-time":
		if _, err := time.Parse(time.RFC3339Nano, str); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %q is not a date-time", at, str))
		}
	}
	if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
		errs = append(errs, fmt.Sprintf("%s: %q does not match %s", at, str, p))
	}
	return errs
}

func typeList(t any) []string {
	if s, ok := t.(string); ok {
		return []string{s}
	}
	var out []string
	ts, _ := t.([]any)
	for _, e := range ts {
		out = append(out, e.(string))
	}
	return out
}

// jsonType names the JSON type of a value decoded with UseNumber.
func jsonType(x any) string {
	switch x := x.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", x)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// newSpecServer serves a real SQLite store seeded with the embedded
// reference data and registry and one article, with every service, on
// 2025-11-20.
func newSpecServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "openapi.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat := catalog.New()
	now := time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC)
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := registry.Seed(ctx, db, cat, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	d := orewatch.MustParseDate
	a := &orewatch.Article{
		URL: "https://news.example.org/rare-earth-technology", Title: "China adds rare-earth technology to its export controls",
		Published: d("2025-10-10"), Language: "en", ContentHash: "openapi-1",
		Body:      "China's commerce ministry placed rare-earth extraction, separation and magnet-making technology under export licensing on 9 October 2025. China mined over 60% of the world's rare earths in 2024.",
		Countries: []string{"CHN"}, Organizations: []string{"MOFCOM"}, Materials: []string{"rare earths"},
		Events: []*orewatch.Event{{Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"rare earths"},
			Announced: d("2025-10-09"), Effective: d("2025-10-09"), Evidence: "placed rare-earth extraction, separation and magnet-making technology under export licensing",
			Confidence: 0.9, Primary: true, Measure: "CHN-2025-62"}},
		Claims: []*orewatch.Claim{{Text: "China mined over 60% of the world's rare earths in 2024", Subject: "CHN", Material: "rare earths",
			Stage: orewatch.StageMining, Comparator: ">", Value: 60, Unit: "%", Verdict: orewatch.VerdictSupported,
			Reference: &orewatch.ClaimReference{Value: 71.1, Year: 2024, Source: "usgs-mcs-2026"}}},
		DateChecks: []*orewatch.DateCheck{{Measure: "CHN-2025-62", Field: "effective", Stated: d("2025-10-09"), Recorded: d("2025-10-09"), Verdict: orewatch.VerdictSupported}},
	}
	if _, err := db.SaveArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	wgi, err := refdata.WGI()
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.New(db, cat)
	reg.Now = func() time.Time { return now }
	s := owhttp.NewServer()
	s.Store, s.Catalog, s.Registry = db, cat, reg
	s.Now = reg.Now
	an := risk.NewService(db, reg, wgi)
	an.Now = reg.Now
	s.Analytics = an
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// request is a request to make and the status it must get.
type request struct {
	method, path string // path with its query
	ctype        string // of the body
	body         string
	status       int
}

// exampleRequest builds the request of an operation from the examples of
// its parameters and body; every required parameter needs one.
func exampleRequest(t *testing.T, doc spec, o operation) request {
	t.Helper()
	path, q := o.path, url.Values{}
	for _, p := range doc.params(t, o) {
		ex, ok := p["example"]
		if !ok {
			if p["required"] == true {
				t.Errorf("%s %s: required parameter %v has no example", o.method, o.path, p["name"])
			}
			continue
		}
		val := fmt.Sprint(ex)
		switch p["in"] {
		case "path":
			path = strings.ReplaceAll(path, "{"+p["name"].(string)+"}", url.PathEscape(val))
		case "query":
			q.Set(p["name"].(string), val)
		}
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	r := request{method: o.method, path: path, status: http.StatusOK}
	for ct, media := range obj(obj(o.op["requestBody"])["content"]) {
		ex, ok := obj(media)["example"].(string)
		if !ok {
			t.Errorf("%s %s: request body %s has no example", o.method, o.path, ct)
		}
		r.ctype, r.body = ct, ex
	}
	return r
}

// find returns the operation whose path template matches the request.
func (s spec) find(method, path string) (operation, bool) {
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(path, "/")
	for _, o := range s.operations() {
		tpl := strings.Split(o.path, "/")
		if o.method != method || len(tpl) != len(segs) {
			continue
		}
		match := true
		for i := range tpl {
			match = match && (tpl[i] == segs[i] || pathParam.MatchString(tpl[i]))
		}
		if match {
			return o, true
		}
	}
	return operation{}, false
}

// do makes the request and checks its status and body against the
// description: the status must be documented, the content type must be
// the documented one and a JSON body must match the documented schema.
// It returns the decoded JSON body.
func do(t *testing.T, ts *httptest.Server, doc spec, r request) any {
	t.Helper()
	o, ok := doc.find(r.method, r.path)
	if !ok {
		t.Fatalf("%s %s: no operation in openapi.yaml", r.method, r.path)
	}
	req, err := http.NewRequest(r.method, ts.URL+r.path, strings.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if r.ctype != "" {
		req.Header.Set("Content-Type", r.ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != r.status {
		t.Fatalf("%s %s: status %d, want %d\n%.2000s", r.method, r.path, resp.StatusCode, r.status, b)
	}
	code := fmt.Sprint(resp.StatusCode)
	docResp, ok := obj(o.op["responses"])[code]
	if !ok {
		t.Fatalf("%s %s: status %s is not documented for %s %s", r.method, r.path, code, o.method, o.path)
	}
	content := obj(doc.deref(t, obj(docResp))["content"])
	mediaType, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
	media, ok := content[mediaType]
	if !ok {
		t.Fatalf("%s %s: content type %q is not documented for %s (want one of %v)", r.method, r.path, mediaType, code, sortedKeys(content))
	}
	if mediaType != "application/json" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var body any
	if err := dec.Decode(&body); err != nil {
		t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	errs := validator{doc}.check(obj(obj(media)["schema"]), body, "body")
	if len(errs) > 20 {
		errs = append(errs[:20], fmt.Sprintf("... and %d more", len(errs)-20))
	}
	for _, e := range errs {
		t.Errorf("%s %s: %s", r.method, r.path, e)
	}
	return body
}

// TestOpenAPIExamples makes each operation's example request against a
// seeded store and checks the answer against the description. An example
// answering an empty array checks no item schema, so it is refused.
func TestOpenAPIExamples(t *testing.T) {
	doc := loadSpec(t)
	ts := newSpecServer(t)
	for _, o := range doc.operations() {
		t.Run(o.method+" "+o.path, func(t *testing.T) {
			r := exampleRequest(t, doc, o)
			body := do(t, ts, doc, r)
			if a, ok := body.([]any); ok && len(a) == 0 {
				t.Errorf("%s %s: the example answers an empty array; choose examples that find something", r.method, r.path)
			}
		})
	}
}

// TestOpenAPIMore checks more answers, whole listings and errors against
// the description.
func TestOpenAPIMore(t *testing.T) {
	doc := loadSpec(t)
	ts := newSpecServer(t)
	bom := "part,item,origin,destination,date\nP1,gallium,CHN,USA,2025-01-15\nP2,unobtainium,CHN,USA,\nP3,NdFeB magnets,China,Germany\n"
	for _, r := range []request{
		{method: "GET", path: "/api/v1/materials", status: 200},
		{method: "GET", path: "/api/v1/materials/Dy", status: 200},
		{method: "GET", path: "/api/v1/countries", status: 200},
		{method: "GET", path: "/api/v1/production?material=lithium", status: 200},
		{method: "GET", path: "/api/v1/production?material=iron+ore&stage=mining", status: 200},
		{method: "GET", path: "/api/v1/measures", status: 200},
		{method: "GET", path: "/api/v1/measures?in_force=2025-01-15", status: 200},
		{method: "GET", path: "/api/v1/check?item=gallium&from=CHN&to=USA&date=2025-01-15&end_use=military", status: 200},
		{method: "GET", path: "/api/v1/check?item=NdFeB+magnets&from=DEU&to=USA&made_in=CHN&content_share=0.5", status: 200},
		{method: "GET", path: "/api/v1/events", status: 200},
		{method: "GET", path: "/api/v1/risk/REE?stage=refining", status: 200},
		{method: "GET", path: "/api/v1/exposure?date=2025-01-15", status: 200},
		{method: "POST", path: "/api/v1/check/bom?date=2025-11-20", ctype: "text/csv", body: bom, status: 200},

		{method: "POST", path: "/api/v1/check/bom", ctype: "text/csv", body: "part,item,colour\nA,B,C\n", status: 400},
		{method: "GET", path: "/api/v1/materials?kind=metal", status: 400},
		{method: "GET", path: "/api/v1/materials/dysprosum", status: 404},
		{method: "GET", path: "/api/v1/countries?name=Atlantis", status: 404},
		{method: "GET", path: "/api/v1/production", status: 400},
		{method: "GET", path: "/api/v1/production?material=galium", status: 400},
		{method: "GET", path: "/api/v1/check?item=gallium&from=CHN", status: 400},
		{method: "GET", path: "/api/v1/check?item=unobtainium&from=CHN&to=USA", status: 404},
		{method: "GET", path: "/api/v1/measures?type=embargo", status: 400},
		{method: "GET", path: "/api/v1/measures/CHN-1999-1", status: 404},
		{method: "GET", path: "/api/v1/events?limit=0", status: 400},
		{method: "GET", path: "/api/v1/events?material=galium", status: 400},
		{method: "GET", path: "/api/v1/articles/first", status: 400},
		{method: "GET", path: "/api/v1/articles/99", status: 404},
		{method: "GET", path: "/api/v1/search", status: 400},
		{method: "GET", path: "/api/v1/risk/gallium?stage=smelting", status: 400},
		{method: "GET", path: "/api/v1/risk/dysprosum", status: 404},
		{method: "GET", path: "/api/v1/exposure?buyer=Atlantis", status: 400},
	} {
		t.Run(fmt.Sprintf("%s %s %d", r.method, r.path, r.status), func(t *testing.T) {
			do(t, ts, doc, r)
		})
	}
}

// TestOpenAPIUnconfigured makes each example request against a server
// without services: every operation that needs one must document 503.
func TestOpenAPIUnconfigured(t *testing.T) {
	doc := loadSpec(t)
	ts := httptest.NewServer(owhttp.NewServer())
	defer ts.Close()
	for _, o := range doc.operations() {
		t.Run(o.method+" "+o.path, func(t *testing.T) {
			r := exampleRequest(t, doc, o)
			if _, ok := obj(o.op["responses"])["503"]; ok {
				r.status = http.StatusServiceUnavailable
			}
			do(t, ts, doc, r)
		})
	}
}

// goSchemas are the component schemas written from Go types, checked
// field by field below. Event (written by its MarshalJSON), the
// bill-of-materials results (written by hand) and Health (a map) are
// checked against live answers only.
var goSchemas = map[string]reflect.Type{
	"ErrorResponse":         reflect.TypeFor[owhttp.ErrorResponse](),
	"Material":              reflect.TypeFor[orewatch.Material](),
	"TariffLine":            reflect.TypeFor[orewatch.TariffLine](),
	"MaterialDetail":        reflect.TypeFor[orewatch.MaterialDetail](),
	"FigureCoverage":        reflect.TypeFor[orewatch.FigureCoverage](),
	"ImportReliance":        reflect.TypeFor[orewatch.ImportReliance](),
	"ImportShare":           reflect.TypeFor[orewatch.ImportShare](),
	"Country":               reflect.TypeFor[orewatch.Country](),
	"Source":                reflect.TypeFor[orewatch.Source](),
	"ProductionReport":      reflect.TypeFor[orewatch.ProductionReport](),
	"ProductionTable":       reflect.TypeFor[orewatch.ProductionTable](),
	"ProductionRow":         reflect.TypeFor[orewatch.ProductionRow](),
	"Measure":               reflect.TypeFor[orewatch.Measure](),
	"MeasureDetail":         reflect.TypeFor[owhttp.MeasureDetail](),
	"Determination":         reflect.TypeFor[orewatch.Determination](),
	"AppliedMeasure":        reflect.TypeFor[orewatch.AppliedMeasure](),
	"SuspendedRef":          reflect.TypeFor[orewatch.SuspendedRef](),
	"UpcomingRef":           reflect.TypeFor[orewatch.UpcomingRef](),
	"LapsedRef":             reflect.TypeFor[orewatch.LapsedRef](),
	"BOMSummary":            reflect.TypeFor[orewatch.BOMSummary](),
	"BOMLineError":          reflect.TypeFor[orewatch.BOMLineError](),
	"Claim":                 reflect.TypeFor[orewatch.Claim](),
	"ClaimReference":        reflect.TypeFor[orewatch.ClaimReference](),
	"DateCheck":             reflect.TypeFor[orewatch.DateCheck](),
	"Article":               reflect.TypeFor[orewatch.Article](),
	"SearchHit":             reflect.TypeFor[orewatch.SearchHit](),
	"RiskReport":            reflect.TypeFor[orewatch.RiskReport](),
	"CountryShare":          reflect.TypeFor[orewatch.CountryShare](),
	"TrendPoint":            reflect.TypeFor[orewatch.TrendPoint](),
	"ExposureResult":        reflect.TypeFor[orewatch.ExposureResult](),
	"ControlledShareReport": reflect.TypeFor[orewatch.ControlledShareReport](),
	"StageControlledShare":  reflect.TypeFor[orewatch.StageControlledShare](),
	"JurisdictionControl":   reflect.TypeFor[orewatch.JurisdictionControl](),
	"ExposureReport":        reflect.TypeFor[orewatch.ExposureReport](),
	"MaterialExposure":      reflect.TypeFor[orewatch.MaterialExposure](),
	"SourceExposure":        reflect.TypeFor[orewatch.SourceExposure](),
}

// liveOnly are the object schemas not written from a plain Go struct.
var liveOnly = []string{"Health", "Event", "BOMResponse", "BOMResult", "BOMLineFailure"}

// alwaysSet are fields that Go could write as null (a pointer or a Date
// without omitempty) but that the code always sets, so the description
// does not allow null.
var alwaysSet = map[string]bool{
	"ProductionTable.source":     true, // a Source stub when the record is missing
	"MeasureDetail.measure":      true, // the last version of a non-empty history
	"Determination.date":         true, // a check needs a day
	"ExposureResult.date":        true, // the handler defaults to today
	"ControlledShareReport.date": true,
	"ExposureReport.date":        true,
}

// goField is a JSON field of a Go struct.
type goField struct {
	typ       reflect.Type
	omitempty bool
}

// jsonFields lists the fields encoding/json writes for t, embedded
// structs flattened.
func jsonFields(t reflect.Type) map[string]goField {
	out := map[string]goField{}
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					out[k] = v
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = goField{ft, slices.Contains(strings.Split(opts, ","), "omitempty")}
	}
	return out
}

// goJSONTypes is the set of JSON types a field of Go type t can be written
// as. Slices and maps count as never null: the server fills them in, and
// the live checks catch one it does not.
func goJSONTypes(t reflect.Type, omitempty bool) []string {
	switch t {
	case reflect.TypeFor[orewatch.Date]():
		return []string{"null", "string"}
	case reflect.TypeFor[time.Time]():
		return []string{"string"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		ts := goJSONTypes(t.Elem(), false)
		if !omitempty {
			ts = append(ts, "null")
		}
		slices.Sort(ts)
		return slices.Compact(ts)
	case reflect.String:
		return []string{"string"}
	case reflect.Bool:
		return []string{"boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []string{"integer"}
	case reflect.Float32, reflect.Float64:
		return []string{"number"}
	case reflect.Slice, reflect.Array:
		return []string{"array"}
	case reflect.Map, reflect.Struct:
		return []string{"object"}
	}
	return []string{t.Kind().String()}
}

// schemaTypes is the set of JSON types a schema allows.
func schemaTypes(t *testing.T, doc spec, s map[string]any) []string {
	s = doc.deref(t, s)
	var out []string
	if ts, ok := s["type"]; ok {
		out = typeList(ts)
	}
	alts, _ := s["oneOf"].([]any)
	for _, a := range alts {
		out = append(out, schemaTypes(t, doc, obj(a))...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestOpenAPISchemasMatchGoTypes checks each component schema written
// from a Go struct: the same field names, required exactly when
// encoding/json always writes the field, and the same JSON types.
func TestOpenAPISchemasMatchGoTypes(t *testing.T) {
	doc := loadSpec(t)
	schemas := obj(obj(doc["components"])["schemas"])
	for name, s := range schemas {
		if obj(s)["type"] == "object" && goSchemas[name] == nil && !slices.Contains(liveOnly, name) {
			t.Errorf("schema %s is neither checked against a Go type nor listed as checked live only", name)
		}
	}
	for name, typ := range goSchemas {
		t.Run(name, func(t *testing.T) {
			s := obj(schemas[name])
			if s == nil {
				t.Fatalf("no schema %s in components", name)
			}
			props := obj(s["properties"])
			required := map[string]bool{}
			if req, ok := s["required"].([]any); ok {
				for _, r := range req {
					required[r.(string)] = true
				}
			}
			fields := jsonFields(typ)
			for _, k := range sortedKeys(props) {
				if _, ok := fields[k]; !ok {
					t.Errorf("%s.%s is in the schema but %v does not write it", name, k, typ)
				}
			}
			for k, f := range fields {
				p := obj(props[k])
				if p == nil {
					t.Errorf("%s.%s is written by %v but not in the schema", name, k, typ)
					continue
				}
				// encoding/json's omitempty never omits a struct value.
				always := !f.omitempty || f.typ.Kind() == reflect.Struct
				if always != required[k] {
					t.Errorf("%s.%s: required is %v, want %v (omitempty %v)", name, k, required[k], always, f.omitempty)
				}
				want := goJSONTypes(f.typ, f.omitempty)
				if alwaysSet[name+"."+k] {
					want = slices.DeleteFunc(want, func(s string) bool { return s == "null" })
				}
				if got := schemaTypes(t, doc, p); !slices.Equal(got, want) {
					t.Errorf("%s.%s: schema types %v, Go type %v is written as %v", name, k, got, f.typ, want)
				}
			}
		})
	}
}

// TestOpenAPIValidator checks that the validator the tests above rely on
// refuses what it should, against the description's own schemas.
func TestOpenAPIValidator(t *testing.T) {
	v := validator{loadSpec(t)}
	event := `{"id":1,"article_id":1,"type":"quota","actor":"CHN","counterparty":null,"materials":["gallium"],` +
		`"announced":"2025-10","effective":null,"evidence":"e","confidence":0.5,"primary":true,"measure":null}`
	tests := []struct {
		name, schema, body string
		want               string // a part of one of the errors, or "" for none
	}{
		{"Valid", "Event", event, ""},
		{"UnknownField", "Event", strings.Replace(event, `"id":1`, `"ident":1`, 1), `field "ident" is not in the schema`},
		{"MissingRequired", "Event", strings.Replace(event, `"evidence":"e",`, "", 1), `required field "evidence" is missing`},
		{"WrongType", "Event", strings.Replace(event, `"confidence":0.5`, `"confidence":"high"`, 1), "body.confidence: string"},
		{"NotAnInteger", "Event", strings.Replace(event, `"id":1`, `"id":1.5`, 1), "body.id: number"},
		{"NullNotAllowed", "Event", strings.Replace(event, `"evidence":"e"`, `"evidence":null`, 1), "body.evidence: null"},
		{"NotInEnum", "Event", strings.Replace(event, `"quota"`, `"embargo"`, 1), `"embargo" is not one of`},
		{"BadPattern", "Event", strings.Replace(event, `"2025-10"`, `"October 2025"`, 1), "does not match"},
		{"NullRef", "MeasureDetail", `{"measure":null,"suspended_by":[],"history":[]}`, "body.measure: null"},
		{"NestedArrayItem", "MeasureDetail", `{"measure":null,"suspended_by":[],"history":[{"id":"x"}]}`, `body.history[0]: required field "version" is missing`},
		{"OneOfNeither", "BOMResponse", `{"results":[{"line":1}],"summary":{"lines":1,"screened":0,"errors":[],"by_decision":{}}}`, "matches 0 of 2 oneOf"},
		{"MapValue", "BOMSummary", `{"lines":1,"screened":1,"errors":[],"by_decision":{"prohibited":"one"}}`, "by_decision.prohibited: string"},
		{"MapKey", "BOMSummary", `{"lines":1,"screened":1,"errors":[],"by_decision":{"banned":1}}`, `"banned" is not one of`},
		{"NullableRef", "ExposureResult", `{"buyer":"USA","date":"2025-11-20","exposure":null}`, ""},
		{"BadDate", "ExposureResult", `{"buyer":"USA","date":"2025-11","exposure":null}`, "is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tt.body))
			dec.UseNumber()
			var body any
			if err := dec.Decode(&body); err != nil {
				t.Fatal(err)
			}
			errs := v.check(map[string]any{"$ref": "#/components/schemas/" + tt.schema}, body, "body")
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("got errors %q, want none", errs)
			case tt.want != "" && !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }):
				t.Errorf("got errors %q, want one containing %q", errs, tt.want)
			}
		})
	}
}
