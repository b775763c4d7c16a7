package bom

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzRecordReaderMatchesCSV checks the record reader against
// encoding/csv (TrimLeadingSpace, any number of fields): on input that
// encoding/csv reads without error, both give the same records starting
// on the same lines; on any input the record reader ends, reports every
// error with a line number and never goes back in the file.
func FuzzRecordReaderMatchesCSV(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"a, \"b,c\" ,d\n",
		"\"multi\nline\",x\n\ny,z,\n",
		"\"q\"\"q\",\"\"\n",
		"p,\"open\nq,r\ns,t\n",
		"p,ba\"re\nx,y\n",
		",,,\n  ,\t\n",
		"\ufeffpart,item\r\nx,\"y\r\nz\"\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, wantLines, csvErr := readCSVRecords(in)
		rr := newRecordReader(strings.NewReader(in))
		var got [][]string
		var gotLines []int
		last, errs := 0, 0
		for n := 0; ; n++ {
			if n > len(in)+2 {
				t.Fatal("record reader did not reach the end")
			}
			rec, num, err := rr.read()
			if err == io.EOF {
				break
			}
			var qe *quoteError
			if errors.As(err, &qe) {
				if qe.Line < 1 || qe.Column < 1 {
					t.Fatalf("error without a position: %v", qe)
				}
				errs++
				continue
			}
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if num <= last {
				t.Fatalf("record on line %d after one on line %d", num, last)
			}
			last = num
			got = append(got, slices.Clone(rec))
			gotLines = append(gotLines, num)
		}
		if csvErr != nil || strings.Contains(in, "\r") {
			return // encoding/csv stops at the first error; \r handling differs at the end of input
		}
		if errs > 0 {
			t.Fatalf("%d errors on input encoding/csv reads", errs)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Fatalf("records\n got %q\nwant %q", got, want)
		}
		if !slices.Equal(gotLines, wantLines) {
			t.Fatalf("lines: got %v, want %v", gotLines, wantLines)
		}
	})
}

func readCSVRecords(in string) ([][]string, []int, error) {
	cr := csv.NewReader(strings.NewReader(in))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, lines, nil
		}
		if err != nil {
			return out, lines, err
		}
		line, _ := cr.FieldPos(0)
		out = append(out, rec)
		lines = append(lines, line)
	}
}

// TestRecordReaderLongOpenQuote checks that a quote left open early in a
// long file is given up after maxRecordLines lines, costing its own line
// only.
func TestRecordReaderLongOpenQuote(t *testing.T) {
	var b strings.Builder
	b.WriteString("P0,\"open,CHN,USA\n")
	for i := 1; i <= 3*maxRecordLines; i++ {
		fmt.Fprintf(&b, "P%d,gallium,CHN,USA\n", i)
	}
	rr := newRecordReader(strings.NewReader(b.String()))
	_, _, err := rr.read()
	var qe *quoteError
	if !errors.As(err, &qe) || qe.Line != 1 || qe.Column != 4 || !strings.Contains(qe.Msg, "at most 64 lines") {
		t.Fatalf("first read: got %v, want the quote opened on line 1, column 4", err)
	}
	for i := 1; i <= 3*maxRecordLines; i++ {
		rec, num, err := rr.read()
		if err != nil || num != i+1 || rec[0] != fmt.Sprintf("P%d", i) {
			t.Fatalf("record %d: got %q on line %d, %v", i, rec, num, err)
		}
	}
	if _, _, err := rr.read(); err != io.EOF {
		t.Fatalf("got %v, want io.EOF", err)
	}
}

// TestRecordReaderLongLine checks that an overlong line is an error of its
// own and the next line still reads.
func TestRecordReaderLongLine(t *testing.T) {
	in := "P1," + strings.Repeat("x", maxRecordBytes+10) + "\nP2,gallium,CHN,USA\n"
	rr := newRecordReader(strings.NewReader(in))
	if _, _, err := rr.read(); err == nil || !strings.Contains(err.Error(), "line 1, column 1: line longer than") {
		t.Fatalf("got %v, want a line-too-long error on line 1", err)
	}
	rec, num, err := rr.read()
	if err != nil || num != 2 || rec[0] != "P2" {
		t.Fatalf("got %q on line %d, %v; want P2 on line 2", rec, num, err)
	}
}
