package registry_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/registry"
)

const bomFile = `part,item,origin,destination,date,end_use,content_share
P-1,gallium,CHN,USA,2025-01-15,,
P-2,gallium,CHN,USA,2025-11-20,,
P-3,gallium,CHN,USA,2025-11-20,military,
P-4,dysprosum,CHN,USA,,,
P-5,cobalt,COD,CHN,2025-10-16,,
P-6,NdFeB magnets,DEU,USA,2026-11-28,,0.5
P-7,holmium,CHN,Atlantis,,,
P-8,"tab	and ""quote""",CHN,USA,2025-02-30,,
P-9,8112929010,CHN,DEU,,,
`

type bomResult struct {
	Line      int      `json:"line"`
	Part      string   `json:"part"`
	Item      string   `json:"item"`
	Materials []string `json:"materials"`
	From      string   `json:"from"`
	To        string   `json:"to"`
	Date      string   `json:"date"`
	EndUse    string   `json:"end_use"`
	Decision  string   `json:"decision"`
	Applied   []string `json:"applied"`
	Suspended []string `json:"suspended"`
	Lapsed    []string `json:"lapsed"`
	Upcoming  []string `json:"upcoming"`
	Error     string   `json:"error"`
}

func TestScreenBOM(t *testing.T) {
	e := mustEngine(t)
	defaults := orewatch.CheckQuery{Date: day("2026-11-28")}
	var out bytes.Buffer
	sum, err := e.ScreenBOM(context.Background(), strings.NewReader(bomFile), &out, registry.FormatJSON, defaults)
	if err != nil {
		t.Fatal(err)
	}
	wantSum := &orewatch.BOMSummary{
		Lines: 9, Screened: 6,
		Errors: []orewatch.BOMLineError{
			{Line: 5, Message: `line 5: unknown item "dysprosum": not a catalogue material, product or technology, nor a tariff line (did you mean: "dysprosium"?)`},
			{Line: 8, Message: `line 8: destination country (to): unknown country "Atlantis"`},
			{Line: 9, Message: `line 9, column 33 (date): invalid date "2025-02-30": no such day`},
		},
		ByDecision: map[orewatch.Decision]int{
			orewatch.DecisionProhibited: 2, orewatch.DecisionLicence: 3, orewatch.DecisionQuota: 1,
		},
	}
	if diff := cmp.Diff(wantSum, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}

	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 9 {
		t.Fatalf("got %d result lines, want 9:\n%s", len(lines), out.String())
	}
	var got []bomResult
	for _, l := range lines {
		var r bomResult
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("result %q is not JSON: %v", l, err)
		}
		got = append(got, r)
	}
	for i, want := range []struct {
		line     int
		decision string
		applied  string
		other    string
	}{
		{2, "prohibited", "CHN-2024-46-2,CHN-2023-23", ""},
		{3, "licence_required", "CHN-2023-23", "suspended:CHN-2024-46-2"},
		{4, "prohibited", "CHN-2024-46-1,CHN-2023-23", "suspended:CHN-2024-46-2"},
		{5, "", "", "error"},
		{6, "quota", "COD-2025-ARECOMS-QUOTA", ""},
		{7, "licence_required", "CHN-2025-61-B", "lapsed:CHN-2025-61-B"},
		{8, "", "", "error"},
		{9, "", "", "error"},
		{10, "licence_required", "CHN-2023-23", ""},
	} {
		r := got[i]
		if r.Line != want.line || r.Decision != want.decision {
			t.Errorf("result %d: got line %d %q, want line %d %q", i, r.Line, r.Decision, want.line, want.decision)
		}
		if want.applied != "" && strings.Join(r.Applied, ",") != want.applied {
			t.Errorf("line %d applied: got %v, want %s", r.Line, r.Applied, want.applied)
		}
		switch {
		case want.other == "error" && r.Error == "":
			t.Errorf("line %d: no error", r.Line)
		case strings.HasPrefix(want.other, "suspended:") && strings.Join(r.Suspended, ",") != strings.TrimPrefix(want.other, "suspended:"):
			t.Errorf("line %d suspended: got %v, want %s", r.Line, r.Suspended, want.other)
		case strings.HasPrefix(want.other, "lapsed:") && strings.Join(r.Lapsed, ",") != strings.TrimPrefix(want.other, "lapsed:"):
			t.Errorf("line %d lapsed: got %v, want %s", r.Line, r.Lapsed, want.other)
		}
	}
	if got[7].Item != "tab\tand \"quote\"" {
		t.Errorf("item with a tab and quotes came back as %q", got[7].Item)
	}
	// Lines without a date take the default, today: gallium metal to
	// Germany needs a licence, and nothing lapsed for it.
	if r := got[8]; r.Date != "2026-11-28" || r.Decision != "licence_required" {
		t.Errorf("line 10: got %s on %s, want licence_required on 2026-11-28", r.Decision, r.Date)
	}
}

// TestScreenBOMAgreesWithCheck checks that every screened line carries the
// answer Check gives for the same question: the caches change nothing.
func TestScreenBOMAgreesWithCheck(t *testing.T) {
	e := mustEngine(t)
	var b strings.Builder
	b.WriteString("part,item,origin,destination,date,end_use\n")
	for _, tc := range checkCases {
		if tc.q.MadeIn != "" || tc.q.ContentShare != 0 {
			continue
		}
		w := csv.NewWriter(&b)
		w.Write([]string{tc.name, tc.q.Item, tc.q.From, tc.q.To, tc.q.Date.String(), tc.q.EndUse})
		w.Flush()
	}
	var out bytes.Buffer
	if _, err := e.ScreenBOM(context.Background(), strings.NewReader(b.String()), &out, registry.FormatJSON, orewatch.CheckQuery{Date: day("2026-11-28")}); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	for _, tc := range checkCases {
		if tc.q.MadeIn != "" || tc.q.ContentShare != 0 {
			continue
		}
		var r bomResult
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		d, err := e.Check(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if r.Part != tc.name || r.Decision != string(d.Decision) || strings.Join(r.Applied, ",") != strings.Join(appliedIDs(d), ",") {
			t.Errorf("%s: screened %s %v, checked %s %v", tc.name, r.Decision, r.Applied, d.Decision, appliedIDs(d))
		}
	}
}

func TestScreenBOMCSV(t *testing.T) {
	e := mustEngine(t)
	var out bytes.Buffer
	in := "P-1,gallium,CHN,USA,2025-01-15\nP-2,unobtainium,CHN,USA\n\"P \"\"3\"\", rev\nB\",Ga,CHN,DEU,2025-01-15\n"
	sum, err := e.ScreenBOM(context.Background(), strings.NewReader(in), &out, registry.FormatCSV, orewatch.CheckQuery{Date: day("2025-01-15")})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		registry.BOMColumns,
		{"1", "P-1", "gallium", "CHN", "USA", "2025-01-15", "civil", "prohibited", "CHN-2024-46-2;CHN-2023-23", "", "", "", ""},
		{"2", "P-2", "unobtainium", "", "", "", "", "", "", "", "", "", `unknown item "unobtainium": not a catalogue material, product or technology, nor a tariff line`},
		{"3", "P \"3\", rev\nB", "Ga", "CHN", "DEU", "2025-01-15", "civil", "licence_required", "CHN-2023-23", "", "", "", ""},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if sum.Lines != 3 || sum.Screened != 2 {
		t.Errorf("summary: got %+v", sum)
	}
}

func TestScreenBOMErrors(t *testing.T) {
	e := mustEngine(t)
	var out bytes.Buffer
	ctx := context.Background()
	if _, err := e.ScreenBOM(ctx, strings.NewReader(""), &out, "xml", orewatch.CheckQuery{Date: day("2025-01-01")}); orewatch.ErrorCode(err) != orewatch.EINVALID {
		t.Errorf("unknown format: got %v", err)
	}
	if _, err := e.ScreenBOM(ctx, strings.NewReader("part,item,qty\n"), &out, "json", orewatch.CheckQuery{Date: day("2025-01-01")}); orewatch.ErrorCode(err) != orewatch.EINVALID || !strings.Contains(err.Error(), `unknown column "qty"`) {
		t.Errorf("bad header: got %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.ScreenBOM(cctx, strings.NewReader("P,gallium,CHN,USA\n"), &out, "json", orewatch.CheckQuery{Date: day("2025-01-01")}); err == nil {
		t.Errorf("cancelled context: got no error")
	}
}

// TestConcurrentUse runs answers and screenings at once over one engine, as
// the HTTP server does; run with -race.
func TestConcurrentUse(t *testing.T) {
	e := mustEngine(t)
	done := make(chan error, 8)
	for i := range 8 {
		go func() {
			for j, tc := range checkCases {
				if (i+j)%2 == 0 {
					_, err := e.Check(tc.q)
					if err != nil {
						done <- err
						return
					}
					continue
				}
				in := tc.name + "," + tc.q.Item + "," + tc.q.From + "," + tc.q.To + "," + tc.q.Date.String() + "\n"
				if _, err := e.ScreenBOM(context.Background(), strings.NewReader(in), io.Discard, registry.FormatJSON, orewatch.CheckQuery{Date: tc.q.Date}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

// TestScreenBOMStrayQuote screens a file with a quote left open on line 7
// and optional columns left out: the open quote costs line 7 only, and
// the lines after it are screened.
func TestScreenBOMStrayQuote(t *testing.T) {
	e := mustEngine(t)
	in := "part,item,origin,destination,date,end_use,content_share\n" +
		"P1,gallium,CHN,USA,,,\nP2,germanium,CHN,USA,,,\nP3,Dy,CHN,JPN,,,\nP4,tungsten,CHN,DEU,,,\nP5,cobalt,COD,CHN\n" +
		"P6,\"unterminated,CHN,USA,,,\nP7,antimony,CHN,USA,,,\nP8,gallium,CHN,USA,,military,\nP9,8112929010,CHN,USA,,,\n"
	var out bytes.Buffer
	sum, err := e.ScreenBOM(context.Background(), strings.NewReader(in), &out, registry.FormatCSV, orewatch.CheckQuery{Date: day("2025-11-20")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Lines != 9 || sum.Screened != 8 || len(sum.Errors) != 1 || sum.Errors[0].Line != 7 ||
		!strings.Contains(sum.Errors[0].Message, "line 7, column 4: the quote opened here is not closed") {
		t.Fatalf("summary: got %+v", sum)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, r := range recs[1:] {
		parts = append(parts, r[0]+":"+r[1])
	}
	want := []string{"2:P1", "3:P2", "4:P3", "5:P4", "6:P5", "7:", "8:P7", "9:P8", "10:P9"}
	if diff := cmp.Diff(want, parts); diff != "" {
		t.Errorf("lines and parts (-want +got):\n%s", diff)
	}
}
