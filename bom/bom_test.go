package bom_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/bom"
)

// result is a line or its error, as the test sees them.
type result struct {
	Line bom.Line
	Err  string
}

func readAll(t testing.TB, in string) ([]result, error) {
	t.Helper()
	r := bom.NewReader(strings.NewReader(in))
	var out []result
	for {
		l, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		var le *bom.LineError
		switch {
		case errors.As(err, &le):
			out = append(out, result{Err: le.Error()})
		case err != nil:
			return out, err
		default:
			out = append(out, result{Line: *l})
		}
	}
}

func TestReader(t *testing.T) {
	d := orewatch.MustParseDate
	tests := []struct {
		name string
		in   string
		want []result
	}{
		{"HeaderAllColumns",
			"part,item,origin,destination,date,end_use,content_share\nP-1,gallium,CHN,USA,2025-01-15,military,\nP-2, Dy ,CHN,JPN,,civil,0.5%\n",
			[]result{
				{Line: bom.Line{Num: 2, Part: "P-1", Item: "gallium", Origin: "CHN", Destination: "USA", Date: d("2025-01-15"), EndUse: "military"}},
				{Line: bom.Line{Num: 3, Part: "P-2", Item: "Dy", Origin: "CHN", Destination: "JPN", EndUse: "civil", ContentShare: 0.5}},
			}},
		{"HeaderOtherOrder",
			"Item,Part,Destination,Origin\ncobalt,C-9,CHN,COD\n",
			[]result{{Line: bom.Line{Num: 2, Part: "C-9", Item: "cobalt", Origin: "COD", Destination: "CHN"}}}},
		{"NoHeader",
			"P-1,gallium,CHN,USA\nP-2,germanium,CHN,USA,2025-11-20\n",
			[]result{
				{Line: bom.Line{Num: 1, Part: "P-1", Item: "gallium", Origin: "CHN", Destination: "USA"}},
				{Line: bom.Line{Num: 2, Part: "P-2", Item: "germanium", Origin: "CHN", Destination: "USA", Date: d("2025-11-20")}},
			}},
		{"BadLinesAreReportedAndSkipped",
			"part,item,origin,destination,date\nP-1,,CHN,USA,\nP-2,gallium,CHN,USA,2025-02-30\nP-3,gallium,CHN\nP-4,gallium,CHN,USA,2025-11\n\nP-5,gallium,CHN,USA,2025-01-15\n",
			[]result{
				{Err: "line 2, column 5 (item): item is empty: want a material, product, technology or tariff line"},
				{Err: `line 3, column 21 (date): invalid date "2025-02-30": no such day`},
				{Err: "line 4: want 4 to 5 fields like the header (optional columns at the end may be left out), got 3"},
				{Err: `line 5, column 21 (date): date "2025-11" names a month: want a day (YYYY-MM-DD)`},
				{Line: bom.Line{Num: 7, Part: "P-5", Item: "gallium", Origin: "CHN", Destination: "USA", Date: d("2025-01-15")}},
			}},
		{"BadEndUseAndShare",
			"P-1,gallium,CHN,USA,,dual\nP-2,gallium,CHN,USA,,,120\nP-3,gallium,CHN,USA,,,abc\n",
			[]result{
				{Err: `line 1, column 22 (end_use): unknown end use "dual": want civil or military`},
				{Err: `line 2, column 23 (content_share): content share "120" is not a percentage between 0 and 100`},
				{Err: `line 3, column 23 (content_share): content share "abc" is not a percentage between 0 and 100`},
			}},
		{"QuotedFieldsAcrossLines",
			"part,item,origin,destination\n\"P-1\nrev B\",gallium,CHN,USA\nP-2,\"gallium, metal\",CHN,USA\n",
			[]result{
				{Line: bom.Line{Num: 2, Part: "P-1\nrev B", Item: "gallium", Origin: "CHN", Destination: "USA"}},
				{Line: bom.Line{Num: 4, Part: "P-2", Item: "gallium, metal", Origin: "CHN", Destination: "USA"}},
			}},
		{"BareQuoteThenGoodLine",
			"P-1,gal\"lium,CHN,USA\nP-2,gallium,CHN,USA\n",
			[]result{
				{Err: `line 1, column 8: bare " in non-quoted-field`},
				{Line: bom.Line{Num: 2, Part: "P-2", Item: "gallium", Origin: "CHN", Destination: "USA"}},
			}},
		// A stray quote costs its own line only: the line where it
		// opened is reported and the lines after it are still read.
		{"UnclosedQuoteSkipsItsLineOnly",
			"part,item,origin,destination,date,end_use,content_share\n" +
				"P1,gallium,CHN,USA,2025-01-15,,\nP2,germanium,CHN,USA,,,\nP3,Dy,CHN,JPN,,,\nP4,tungsten,CHN,DEU,,,\n" +
				"P5,cobalt,COD,CHN,,,\nP6,\"unterminated,CHN,USA,,,\nP7,antimony,CHN,USA,,,\nP8,graphite,CHN,USA,,military,\nP9,8112929010,CHN,USA,,,\n",
			[]result{
				{Line: bom.Line{Num: 2, Part: "P1", Item: "gallium", Origin: "CHN", Destination: "USA", Date: d("2025-01-15")}},
				{Line: bom.Line{Num: 3, Part: "P2", Item: "germanium", Origin: "CHN", Destination: "USA"}},
				{Line: bom.Line{Num: 4, Part: "P3", Item: "Dy", Origin: "CHN", Destination: "JPN"}},
				{Line: bom.Line{Num: 5, Part: "P4", Item: "tungsten", Origin: "CHN", Destination: "DEU"}},
				{Line: bom.Line{Num: 6, Part: "P5", Item: "cobalt", Origin: "COD", Destination: "CHN"}},
				{Err: "line 7, column 4: the quote opened here is not closed on this line, and reading on does not give a valid record (the input ends before it closes): the line is skipped and reading resumes on the next line"},
				{Line: bom.Line{Num: 8, Part: "P7", Item: "antimony", Origin: "CHN", Destination: "USA"}},
				{Line: bom.Line{Num: 9, Part: "P8", Item: "graphite", Origin: "CHN", Destination: "USA", EndUse: "military"}},
				{Line: bom.Line{Num: 10, Part: "P9", Item: "8112929010", Origin: "CHN", Destination: "USA"}},
			}},
		{"StrayQuoteClosedByALaterQuote",
			"part,item,origin,destination\nP1,\"gallium,CHN,USA\nP2,\"gallium, metal\",CHN,USA\nP3,Dy,CHN,JPN\n",
			[]result{
				{Err: "line 2, column 4: the quote opened here is not closed on this line, and reading on does not give a valid record (a quote on line 3, column 4, is followed by more text): the line is skipped and reading resumes on the next line"},
				{Line: bom.Line{Num: 3, Part: "P2", Item: "gallium, metal", Origin: "CHN", Destination: "USA"}},
				{Line: bom.Line{Num: 4, Part: "P3", Item: "Dy", Origin: "CHN", Destination: "JPN"}},
			}},
		{"StrayQuoteClosingCleanlyButTooManyFields",
			"part,item,origin,destination\nP1,\"gallium,CHN,USA\nP2,gallium,CHN,USA\"\nP3,Dy,CHN,JPN\n",
			[]result{
				{Err: "line 2, column 4: the quote opened here is not closed on this line, and reading on does not give a valid record (the record it starts has 2 fields): the line is skipped and reading resumes on the next line"},
				{Err: `line 3, column 19: bare " in non-quoted-field`},
				{Line: bom.Line{Num: 4, Part: "P3", Item: "Dy", Origin: "CHN", Destination: "JPN"}},
			}},
		{"ExtraneousQuoteOnOneLine",
			"P1,\"gallium\"x,CHN,USA\nP2,Dy,CHN,JPN\n",
			[]result{
				{Err: `line 1, column 13: extraneous or missing " in quoted-field`},
				{Line: bom.Line{Num: 2, Part: "P2", Item: "Dy", Origin: "CHN", Destination: "JPN"}},
			}},
		{"CRLFAndQuotedQuotes",
			"part,item,origin,destination\r\n\"P \"\"1\"\"\",gallium,CHN,USA\r\n",
			[]result{{Line: bom.Line{Num: 2, Part: `P "1"`, Item: "gallium", Origin: "CHN", Destination: "USA"}}}},
		// Optional columns at the end of the header may be left out.
		{"OptionalTrailingColumnsOmitted",
			"part,item,origin,destination,date,end_use,content_share\nP5,cobalt,COD,CHN\nP6,gallium,CHN,USA,2025-01-15\nP7,Dy,CHN,JPN,,military,0.2,extra\nP8,Dy,CHN\n",
			[]result{
				{Line: bom.Line{Num: 2, Part: "P5", Item: "cobalt", Origin: "COD", Destination: "CHN"}},
				{Line: bom.Line{Num: 3, Part: "P6", Item: "gallium", Origin: "CHN", Destination: "USA", Date: d("2025-01-15")}},
				{Err: "line 4: want 4 to 7 fields like the header (optional columns at the end may be left out), got 8"},
				{Err: "line 5: want 4 to 7 fields like the header (optional columns at the end may be left out), got 3"},
			}},
		{"RequiredColumnLastInHeader",
			"date,part,item,origin,destination\n2025-01-15,P1,gallium,CHN\n,P2,gallium,CHN,USA\n",
			[]result{
				{Err: "line 2: want 5 fields like the header (optional columns at the end may be left out), got 4"},
				{Line: bom.Line{Num: 3, Part: "P2", Item: "gallium", Origin: "CHN", Destination: "USA"}},
			}},
		{"TooManyFieldsWithoutHeader",
			"P-1,gallium,CHN,USA,2025-01-01,civil,1,extra\n",
			[]result{{Err: "line 1: want 4 to 7 fields (part,item,origin,destination,date,end_use,content_share), got 8"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(t, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReaderBadHeader(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"UnknownColumn", "part,item,origin,destination,qty\n", `line 1, column 5: unknown column "qty"`},
		{"MissingColumn", "part,item,origin\n", `line 1: missing column "destination"`},
		{"Repeated", "part,item,origin,destination,item\n", `line 1, column 5: column "item" appears twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readAll(t, tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	f.Add("part,item,origin,destination,date,end_use,content_share\nP-1,gallium,CHN,USA,2025-01-15,military,0.5\n")
	f.Add("P-1,8112929010,CHN,USA\n\"a\"\"b\",x,y,z\n")
	f.Add("part,item\n,,,\n\"unterminated")
	f.Add("item,part,destination,origin\r\n\ufeffx,y,z,w\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := bom.NewReader(strings.NewReader(in))
		last := 0
		for i := 0; i < 1<<16; i++ {
			l, err := r.Next()
			if err == io.EOF {
				return
			}
			var le *bom.LineError
			if errors.As(err, &le) {
				if le.Line < 1 {
					t.Fatalf("line error without a line number: %v", le)
				}
				continue
			}
			if err != nil {
				return // a bad header ends the reading
			}
			if l.Num <= last || l.Item == "" || l.Origin == "" || l.Destination == "" {
				t.Fatalf("bad line %+v after line %d", l, last)
			}
			if l.ContentShare < 0 || l.ContentShare > 100 {
				t.Fatalf("content share %v out of range", l.ContentShare)
			}
			last = l.Num
		}
		t.Fatalf("reader did not reach the end")
	})
}
