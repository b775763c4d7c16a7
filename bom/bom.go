// Package bom reads bill-of-materials CSV files for export-control
// screening, one line at a time in constant memory. A line that cannot be
// read is reported with its number and the reader moves on to the next.
package bom

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"orewatch"
)

// Columns are the columns of a bill of materials: the first four are
// required, the last three optional.
var Columns = []string{"part", "item", "origin", "destination", "date", "end_use", "content_share"}

const (
	colPart = iota
	colItem
	colOrigin
	colDestination
	colDate
	colEndUse
	colContentShare
	numCols
)

// Line is one line of a bill of materials.
type Line struct {
	// Num is the line number in the file, counting the header.
	Num         int
	Part        string
	Item        string
	Origin      string // the exporting country, as written
	Destination string
	Date        orewatch.Date // zero when the line gives none
	EndUse      string        // "", "civil" or "military"
	// ContentShare is the percentage of China-origin content, 0 when the
	// line gives none.
	ContentShare float64
}

// LineError is a line that could not be read; reading continues after it.
type LineError struct {
	Line   int
	Column int    // 1-based byte column, 0 when the whole line is at fault
	Field  string // the column name, "" when the whole line is at fault
	Msg    string
	// Part and Item are the line's part and item, when they could be read.
	Part, Item string
}

func (e *LineError) Error() string {
	switch {
	case e.Field != "":
		return fmt.Sprintf("line %d, column %d (%s): %s", e.Line, e.Column, e.Field, e.Msg)
	case e.Column > 0:
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// HeaderError is a header row that cannot be used: reading stops.
type HeaderError struct {
	Column int // 1-based, 0 when the header as a whole is at fault
	Msg    string
}

func (e *HeaderError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("line 1, column %d: %s", e.Column, e.Msg)
	}
	return "line 1: " + e.Msg
}

// Reader reads the lines of a bill of materials. The file may start with a
// header naming its columns (in any order; part, item, origin and
// destination are required); without one, the columns are taken in the
// order of Columns.
type Reader struct {
	cr    *recordReader
	cols  [numCols]int // record index of each column, -1 when absent
	width int          // fields per line when the file has a header
	// minWidth is the fewest fields a line may have under the header:
	// optional columns after the last required one may be left out.
	minWidth int
	header   bool
	start    bool
	line     Line
	// dates caches parsed dates: a bill of materials repeats a few.
	dates map[string]parsedDate
}

type parsedDate struct {
	d   orewatch.Date
	err error
}

// date parses a line's date, which must be a day.
func (r *Reader) date(s string) (orewatch.Date, error) {
	if p, ok := r.dates[s]; ok {
		return p.d, p.err
	}
	d, err := orewatch.ParseDate(s)
	if err == nil && d.MonthOnly() {
		err = fmt.Errorf("date %q names a month: want a day (YYYY-MM-DD)", s)
	}
	if len(r.dates) >= 256 {
		clear(r.dates)
	}
	r.dates[s] = parsedDate{d, err}
	return d, err
}

// NewReader returns a reader of r. The file is read as RFC 4180 CSV
// (quoted fields may hold commas, quotes and line breaks; leading spaces
// of a field are dropped), except that a quote left open is an error of
// the line where it opened, and reading resumes on the next line.
func NewReader(r io.Reader) *Reader {
	br := &Reader{cr: newRecordReader(r), start: true, dates: map[string]parsedDate{}}
	for i := range br.cols {
		br.cols[i] = i
	}
	return br
}

// Next returns the next line. The Line it returns is reused by the next
// call. A line that cannot be read returns a *LineError, and the following
// call reads on; the end of the input is io.EOF; a *HeaderError or any
// other error (from the underlying reader, wrapped) ends the reading.
func (r *Reader) Next() (*Line, error) {
	for {
		rec, num, err := r.cr.read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			if qe, ok := err.(*quoteError); ok {
				r.start = false
				return nil, &LineError{Line: qe.Line, Column: qe.Column, Msg: qe.Msg}
			}
			return nil, fmt.Errorf("reading the bill of materials: %w", err)
		}
		if r.start {
			r.start = false
			if isHeader(rec) {
				if err := r.readHeader(rec); err != nil {
					return nil, err
				}
				continue
			}
		}
		if blank(rec) {
			continue
		}
		return r.parse(rec, num)
	}
}

// isHeader reports whether the first record names columns rather than
// giving a line: its first two fields are column names.
func isHeader(rec []string) bool {
	if len(rec) < 2 {
		return false
	}
	return columnIndex(rec[0]) >= 0 && columnIndex(rec[1]) >= 0
}

func columnIndex(name string) int {
	name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
	name = strings.ReplaceAll(name, " ", "_")
	for i, c := range Columns {
		if name == c {
			return i
		}
	}
	return -1
}

func (r *Reader) readHeader(rec []string) error {
	r.header = true
	r.width = len(rec)
	for i := range r.cols {
		r.cols[i] = -1
	}
	for i, h := range rec {
		c := columnIndex(h)
		if c < 0 {
			return &HeaderError{Column: i + 1, Msg: fmt.Sprintf("unknown column %q (want %s)", strings.TrimSpace(h), strings.Join(Columns, ","))}
		}
		if r.cols[c] >= 0 {
			return &HeaderError{Column: i + 1, Msg: fmt.Sprintf("column %q appears twice", Columns[c])}
		}
		r.cols[c] = i
	}
	for c := colPart; c <= colDestination; c++ {
		if r.cols[c] < 0 {
			return &HeaderError{Msg: fmt.Sprintf("missing column %q (want at least part,item,origin,destination)", Columns[c])}
		}
		r.minWidth = max(r.minWidth, r.cols[c]+1)
	}
	return nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (r *Reader) parse(rec []string, num int) (*Line, error) {
	badWidth := r.header && (len(rec) < r.minWidth || len(rec) > r.width) ||
		!r.header && (len(rec) < 4 || len(rec) > numCols)
	if badWidth && r.cr.spansLines() {
		// A quoted field ran over lines and the result does not fit: most
		// likely a stray quote, so skip its line only and read on.
		qe := r.cr.unclosed(fmt.Sprintf("the record it starts has %d fields", len(rec))).(*quoteError)
		return nil, &LineError{Line: qe.Line, Column: qe.Column, Msg: qe.Msg}
	}
	switch {
	case r.header && (len(rec) < r.minWidth || len(rec) > r.width):
		want := fmt.Sprintf("%d", r.width)
		if r.minWidth < r.width {
			want = fmt.Sprintf("%d to %d", r.minWidth, r.width)
		}
		return nil, &LineError{Line: num, Msg: fmt.Sprintf("want %s fields like the header (optional columns at the end may be left out), got %d", want, len(rec))}
	case !r.header && (len(rec) < 4 || len(rec) > numCols):
		return nil, &LineError{Line: num, Msg: fmt.Sprintf("want 4 to %d fields (%s), got %d", numCols, strings.Join(Columns, ","), len(rec))}
	}
	l := &r.line
	*l = Line{Num: num}
	field := func(c int) string {
		i := r.cols[c]
		if i < 0 || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	fail := func(c int, format string, args ...any) error {
		line, col := r.cr.fieldPos(r.cols[c])
		if line == 0 {
			line = num
		}
		return &LineError{Line: line, Column: col, Field: Columns[c], Msg: fmt.Sprintf(format, args...), Part: l.Part, Item: l.Item}
	}
	l.Part = field(colPart)
	if l.Item = field(colItem); l.Item == "" {
		return nil, fail(colItem, "item is empty: want a material, product, technology or tariff line")
	}
	if l.Origin = field(colOrigin); l.Origin == "" {
		return nil, fail(colOrigin, "origin is empty: want the exporting country")
	}
	if l.Destination = field(colDestination); l.Destination == "" {
		return nil, fail(colDestination, "destination is empty: want the destination country")
	}
	if s := field(colDate); s != "" {
		d, err := r.date(s)
		if err != nil {
			return nil, fail(colDate, "%v", err)
		}
		l.Date = d
	}
	switch s := field(colEndUse); strings.ToLower(s) {
	case "":
	case "civil":
		l.EndUse = "civil"
	case "military":
		l.EndUse = "military"
	default:
		return nil, fail(colEndUse, "unknown end use %q: want civil or military", s)
	}
	if s := field(colContentShare); s != "" {
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > 100 {
			return nil, fail(colContentShare, "content share %q is not a percentage between 0 and 100", s)
		}
		l.ContentShare = v
	}
	return l, nil
}
