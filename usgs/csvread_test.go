package usgs

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll reads every record and field position with encoding/csv, or with
// recordReader, up to the first error.
type readResult struct {
	Records [][]string
	Pos     [][][2]int
	Err     string
}

func readStd(s string) readResult {
	cr := csv.NewReader(strings.NewReader(s))
	cr.ReuseRecord = true
	var out readResult
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out.Err = describe(err)
			return out
		}
		out.Records = append(out.Records, append([]string(nil), rec...))
		var ps [][2]int
		for i := range rec {
			l, c := cr.FieldPos(i)
			ps = append(ps, [2]int{l, c})
		}
		out.Pos = append(out.Pos, ps)
	}
}

func readOwn(s string) readResult {
	rr := newRecordReader(s)
	var out readResult
	for {
		rec, err := rr.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out.Err = describe(err)
			return out
		}
		out.Records = append(out.Records, append([]string(nil), rec...))
		var ps [][2]int
		for i := range rec {
			l, c := rr.FieldPos(i)
			ps = append(ps, [2]int{l, c})
		}
		out.Pos = append(out.Pos, ps)
	}
}

func describe(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return "not a ParseError: " + err.Error()
}

func TestRecordReader(t *testing.T) {
	tests := map[string]string{
		"Simple":           "a,b,c\n1,2,3\n",
		"NoFinalNewline":   "a,b\n1,2",
		"CRLF":             "a,b\r\n1,2\r\n",
		"TrailingCR":       "a,b\n1,2\r",
		"EmptyLines":       "\n\na,b\n\r\n\n1,2\n\n",
		"Quoted":           "a,\"b,c\"\n\"x \"\"y\"\"\",2\n",
		"MultiLine":        "a,\"line one\r\nline two\"\n1,2\n",
		"EmptyQuoted":      "\"\",\"\"\n",
		"EmptyFields":      ",,\n,,\n",
		"BareQuote":        "a,b\"c\n",
		"BadQuote":         "\"a\"b,c\n",
		"UnclosedQuote":    "a,\"b\nc\n",
		"FieldCount":       "a,b\n1,2,3\n",
		"QuoteAtLineEnd":   "a,\"b\"\n",
		"QuoteThenNewline": "\"a\n\",b\n",
		"OnlyNewlines":     "\n\n\n",
		"Empty":            "",
		"UTF8":             "Burma,—,Côte d’Ivoire\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(readStd(in), readOwn(in)); diff != "" {
				t.Fatalf("(-encoding/csv +recordReader):\n%s", diff)
			}
		})
	}
	t.Run("Releases", func(t *testing.T) {
		for _, name := range []string{"worlddata.csv", "commodities.csv", "fig2_2025.csv"} {
			b, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(readStd(string(b)), readOwn(string(b))); diff != "" {
				t.Fatalf("%s (-encoding/csv +recordReader):\n%s", name, diff)
			}
		}
	})
}

// FuzzRecordReader checks that recordReader reads every input exactly as
// encoding/csv does: the same records, field positions and errors.
func FuzzRecordReader(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a,\"b\"\"c\"\n", "\"a\nb\",c\r\n", "a\"b\n", "\"a\"b\n", "\r\n\"", "a,b\n1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if diff := cmp.Diff(readStd(in), readOwn(in)); diff != "" {
			t.Fatalf("input %q (-encoding/csv +recordReader):\n%s", in, diff)
		}
	})
}
