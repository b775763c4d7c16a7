package registry_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
	"orewatch/registry"
)

// FuzzParseCSV checks that ParseCSV never panics, that every error it
// returns is an EINVALID naming the file, and that what it accepts survives
// a round trip through WriteCSV.
func FuzzParseCSV(f *testing.F) {
	f.Add(string(registry.EmbeddedCSV()))
	f.Add(header + "\n" + row(nil) + "\n")
	f.Add(header + "\n" + row(map[string]string{"measure_type": "suspension", "suspends": "T-1"}) + "\n")
	f.Add(header + "\n" + row(map[string]string{"items": "rare earth raw and auxiliary materials;indium gallium arsenide", "destinations": "usa;JPN"}) + "\n")
	f.Add("id\n\"")
	cat := catalog.New()
	f.Fuzz(func(t *testing.T, in string) {
		ms, err := registry.ParseCSV(strings.NewReader(in), "f.csv", cat)
		if err != nil {
			if orewatch.ErrorCode(err) != orewatch.EINVALID || !strings.HasPrefix(err.Error(), "f.csv:") {
				t.Fatalf("error %q: want an invalid error naming f.csv", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := registry.WriteCSV(&buf, ms); err != nil {
			t.Fatal(err)
		}
		back, err := registry.ParseCSV(&buf, "again.csv", cat)
		if err != nil {
			t.Fatalf("re-reading the export: %v\n%s", err, buf.String())
		}
		if diff := cmp.Diff(ms, back); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		if _, err := registry.NewEngine(ms, cat); err != nil {
			t.Fatalf("NewEngine over accepted measures: %v", err)
		}
	})
}

// FuzzTariffLine checks the tariff-line reading of query items: an accepted
// code is 6 to 10 digits, and only digits and separators were dropped.
func FuzzTariffLine(f *testing.F) {
	for _, s := range []string{"8112929010", "8112.92.90.10", "2846 90 19", "85076000", "12345", "12345678901", "28-46-90", "8112９2", "gallium"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := registry.TariffLine(s)
		if !ok {
			return
		}
		if len(code) < 6 || len(code) > 10 || strings.Trim(code, "0123456789") != "" {
			t.Fatalf("TariffLine(%q) = %q", s, code)
		}
		if strings.Map(func(r rune) rune {
			if strings.ContainsRune(". -\t", r) {
				return -1
			}
			return r
		}, s) != code {
			t.Fatalf("TariffLine(%q) = %q dropped more than separators", s, code)
		}
	})
}

// FuzzCheckItem checks that any item either resolves to an answer with a
// known decision or fails with a user error: never a panic, never an
// internal error, never an answer for nothing.
func FuzzCheckItem(f *testing.F) {
	for _, s := range []string{"gallium", "Dy", "rare earths", "8112929010", "850760", "2841.80.10.00", "dysprosum", "", "samarium-cobalt, NdFeB and cerium magnet preparation technology", "\xff", "9999999999"} {
		f.Add(s, "CHN", "USA", "military")
	}
	f.Add("cobalt", "COD", "CHN", "")
	f.Add("NdFeB magnets", "DEU", "JPN", "civil")
	e := mustEngine(f)
	f.Fuzz(func(t *testing.T, item, from, to, endUse string) {
		d, err := e.Check(orewatch.CheckQuery{Item: item, From: from, To: to, Date: day("2025-11-20"), EndUse: endUse})
		if err != nil {
			if c := orewatch.ErrorCode(err); c != orewatch.EINVALID && c != orewatch.ENOTFOUND {
				t.Fatalf("Check(%q, %q, %q, %q): %s error %v", item, from, to, endUse, c, err)
			}
			return
		}
		switch d.Decision {
		case orewatch.DecisionProhibited, orewatch.DecisionQuota, orewatch.DecisionLicence, orewatch.DecisionNotControlled:
		default:
			t.Fatalf("decision %q", d.Decision)
		}
		if d.Explanation == "" || d.Applied == nil || d.Suspended == nil || d.Upcoming == nil || d.Lapsed == nil || d.Materials == nil {
			t.Fatalf("incomplete answer %+v", d)
		}
		for _, a := range d.Applied {
			if a.Effect.Rank() > d.Decision.Rank() {
				t.Fatalf("applied %s (%s) is more restrictive than the decision %s", a.ID, a.Effect, d.Decision)
			}
		}
	})
}

// FuzzScreenBOM screens arbitrary bills of materials: every result written
// is valid JSON (or CSV that reads back), one per line counted in the
// summary, and the counts add up.
func FuzzScreenBOM(f *testing.F) {
	f.Add(bomFile)
	f.Add("P-1,gallium,CHN,USA\n\"P\n2\",\"Ga\"\"x\",CHN,USA,2025-01-15,military,0.5\n")
	f.Add("part,item,origin,destination\n,\xff\u2028,CHN,JPN\n")
	e := mustEngine(f)
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		sum, err := e.ScreenBOM(context.Background(), strings.NewReader(in), &out, registry.FormatJSON, orewatch.CheckQuery{Date: day("2025-11-20")})
		if err != nil {
			if orewatch.ErrorCode(err) != orewatch.EINVALID {
				t.Fatalf("error %v: want invalid", err)
			}
			return
		}
		n := 0
		dec := json.NewDecoder(&out)
		for dec.More() {
			var r map[string]any
			if err := dec.Decode(&r); err != nil {
				t.Fatalf("result %d is not JSON: %v", n+1, err)
			}
			n++
		}
		total := 0
		for _, c := range sum.ByDecision {
			total += c
		}
		if n != sum.Lines || total != sum.Screened || sum.Screened > sum.Lines {
			t.Fatalf("%d results, summary %+v", n, sum)
		}
		out.Reset()
		if _, err := e.ScreenBOM(context.Background(), strings.NewReader(in), &out, registry.FormatCSV, orewatch.CheckQuery{Date: day("2025-11-20")}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&out).ReadAll()
		if err != nil || len(recs) != n+1 {
			t.Fatalf("CSV results: %d records, %v", len(recs), err)
		}
	})
}
