package registry

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"orewatch"
	"orewatch/bom"
)

// MaxBOMErrors is how many bad lines a BOM summary lists; the count of all
// of them is Lines - Screened.
const MaxBOMErrors = 1000

// BOM output formats.
const (
	FormatJSON = "json" // one JSON object per line (JSON Lines)
	FormatCSV  = "csv"
	FormatText = "text" // one plain line per line, for reading
)

// BOMColumns are the columns of the CSV results of a BOM screening.
var BOMColumns = []string{"line", "part", "item", "from", "to", "date", "end_use", "decision", "applied", "suspended", "lapsed", "upcoming", "error"}

// ScreenBOM screens a bill of materials (see package bom for its columns),
// writing one result per line to w in format (FormatJSON or FormatCSV) as
// it goes, and returns the summary. Lines without a date or end use take
// those of defaults; defaults.Date must be set. A line that cannot be read
// or answered is written as an error result and listed in the summary (up
// to MaxBOMErrors); the other lines are still screened. Memory use does not
// grow with the file: answers are cached in bounded maps.
func (e *Engine) ScreenBOM(ctx context.Context, r io.Reader, w io.Writer, format string, defaults orewatch.CheckQuery) (*orewatch.BOMSummary, error) {
	if format == "" {
		format = FormatJSON
	}
	if format != FormatJSON && format != FormatCSV && format != FormatText {
		return nil, orewatch.Errorf(orewatch.EINVALID, "unknown output format %q: want json, csv or text", format)
	}
	if defaults.Date.IsZero() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "a default date is required for lines without one")
	}
	sum := &orewatch.BOMSummary{Errors: []orewatch.BOMLineError{}, ByDecision: map[orewatch.Decision]int{}}
	bw := bufio.NewWriterSize(w, 64<<10)
	out := &bomWriter{w: bw, format: format}
	if format == FormatCSV {
		if err := out.writeCSV(BOMColumns...); err != nil {
			return nil, err
		}
	}
	br := bom.NewReader(r)
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		l, err := br.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			le, ok := err.(*bom.LineError)
			if !ok {
				if he, ok := err.(*bom.HeaderError); ok {
					return nil, orewatch.Errorf(orewatch.EINVALID, "bill of materials: %v", he)
				}
				return nil, fmt.Errorf("bill of materials: %w", err)
			}
			sum.Lines++
			addError(sum, le.Line, le.Error())
			if err := out.writeError(le.Line, &bom.Line{Part: le.Part, Item: le.Item}, le.Error()); err != nil {
				return nil, err
			}
			continue
		}
		sum.Lines++
		q := orewatch.CheckQuery{
			Item: l.Item, From: l.Origin, To: l.Destination, Date: l.Date, EndUse: l.EndUse,
			ContentShare: l.ContentShare, AsKnown: defaults.AsKnown,
		}
		if q.Date.IsZero() {
			q.Date = defaults.Date
		}
		if q.EndUse == "" {
			q.EndUse = defaults.EndUse
		}
		a, err := e.checkShared(q)
		if err != nil {
			msg := fmt.Sprintf("line %d: %s", l.Num, orewatch.ErrorMessage(err))
			if orewatch.ErrorCode(err) == orewatch.EINTERNAL {
				return nil, err
			}
			addError(sum, l.Num, msg)
			if err := out.writeError(l.Num, l, orewatch.ErrorMessage(err)); err != nil {
				return nil, err
			}
			continue
		}
		sum.Screened++
		sum.ByDecision[a.d.Decision]++
		if err := out.writeResult(l, a); err != nil {
			return nil, err
		}
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	return sum, nil
}

// addError lists a bad line in the summary, up to MaxBOMErrors of them.
func addError(s *orewatch.BOMSummary, line int, msg string) {
	if len(s.Errors) < MaxBOMErrors {
		s.Errors = append(s.Errors, orewatch.BOMLineError{Line: line, Message: msg})
	}
}

// bomWriter writes screening results.
type bomWriter struct {
	w      *bufio.Writer
	format string
	buf    []byte
}

func (o *bomWriter) writeResult(l *bom.Line, a *answer) error {
	if o.format == FormatCSV {
		// The answer's fields are encoded once (a.csvTail); only the line
		// number, part and item are encoded per line, as csv.Writer would.
		b := strconv.AppendInt(o.buf[:0], int64(l.Num), 10)
		b = appendCSVField(append(b, ','), l.Part)
		b = appendCSVField(append(b, ','), l.Item)
		b = append(b, a.csvTail...)
		o.buf = b
		_, err := o.w.Write(b)
		return err
	}
	if o.format == FormatText {
		b := strconv.AppendInt(append(o.buf[:0], "line "...), int64(l.Num), 10)
		b = append(b, ": "...)
		b = appendText(b, l.Part)
		b = append(b, ' ')
		b = appendText(b, l.Item)
		b = append(b, a.textTail...)
		o.buf = b
		_, err := o.w.Write(b)
		return err
	}
	b := o.buf[:0]
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, int64(l.Num), 10)
	b = append(b, `,"part":`...)
	b = appendJSONString(b, l.Part)
	b = append(b, `,"item":`...)
	b = appendJSONString(b, l.Item)
	b = append(b, a.jsonTail...)
	o.buf = b
	_, err := o.w.Write(b)
	return err
}

// textTail returns the plain-text result after the part and item:
// " CHN→USA 2025-11-20 civil: licence_required [CHN-2023-23] suspended [CHN-2024-46-2]".
func textTail(d *orewatch.Determination) []byte {
	b := fmt.Appendf(nil, " %s→%s %s %s: %s", d.From, d.To, d.Date, d.EndUse, d.Decision)
	for _, part := range []struct{ label, ids string }{
		{"", joinApplied(d.Applied)}, {"suspended ", joinSuspended(d.Suspended)},
		{"lapsed ", joinLapsed(d.Lapsed)}, {"upcoming ", joinUpcoming(d.Upcoming)},
	} {
		if part.ids != "" {
			b = fmt.Appendf(b, " %s[%s]", part.label, strings.ReplaceAll(part.ids, ";", " "))
		}
	}
	return append(b, '\n')
}

// appendText appends s with line breaks and other control characters
// replaced by spaces, so that each result stays on one line.
func appendText(b []byte, s string) []byte {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
			r = ' '
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

// writeCSV writes one CSV record.
func (o *bomWriter) writeCSV(fields ...string) error {
	b := o.buf[:0]
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVField(b, f)
	}
	b = append(b, '\n')
	o.buf = b
	_, err := o.w.Write(b)
	return err
}

// csvTail encodes the CSV result fields that depend only on the answer,
// from its leading comma to the empty error field and the line end.
func csvTail(d *orewatch.Determination) []byte {
	var b []byte
	for _, f := range []string{d.From, d.To, d.Date.String(), d.EndUse, string(d.Decision),
		joinApplied(d.Applied), joinSuspended(d.Suspended), joinLapsed(d.Lapsed), joinUpcoming(d.Upcoming), ""} {
		b = appendCSVField(append(b, ','), f)
	}
	return append(b, '\n')
}

// appendCSVField appends a CSV field quoted exactly when encoding/csv's
// Writer would quote it, so that the hand-encoded lines and the error
// lines it writes read back alike.
func appendCSVField(b []byte, f string) []byte {
	need := f == `\.` || strings.ContainsAny(f, ",\"\r\n")
	if !need && f != "" {
		r, _ := utf8.DecodeRuneInString(f)
		need = unicode.IsSpace(r)
	}
	if !need {
		return append(b, f...)
	}
	b = append(b, '"')
	for i := 0; i < len(f); i++ {
		if f[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, f[i])
	}
	return append(b, '"')
}

// encodeTail encodes the part of a result that depends only on the answer.
func encodeTail(d *orewatch.Determination) []byte {
	var b []byte
	b = append(b, `,"materials":[`...)
	for i, m := range d.Materials {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, m)
	}
	b = append(b, `],"from":`...)
	b = appendJSONString(b, d.From)
	b = append(b, `,"to":`...)
	b = appendJSONString(b, d.To)
	b = append(b, `,"date":`...)
	b = appendJSONString(b, d.Date.String())
	b = append(b, `,"end_use":`...)
	b = appendJSONString(b, d.EndUse)
	b = append(b, `,"decision":`...)
	b = appendJSONString(b, string(d.Decision))
	b = appendIDs(b, "applied", len(d.Applied), func(i int) string { return d.Applied[i].ID })
	b = appendIDs(b, "suspended", len(d.Suspended), func(i int) string { return d.Suspended[i].ID })
	b = appendIDs(b, "lapsed", len(d.Lapsed), func(i int) string { return d.Lapsed[i].ID })
	b = appendIDs(b, "upcoming", len(d.Upcoming), func(i int) string { return d.Upcoming[i].ID })
	b = append(b, "}\n"...)
	return b
}

func appendIDs(b []byte, key string, n int, id func(int) string) []byte {
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":[`...)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, id(i))
	}
	return append(b, ']')
}

func (o *bomWriter) writeError(num int, l *bom.Line, msg string) error {
	var part, item string
	if l != nil {
		part, item = l.Part, l.Item
	}
	if o.format == FormatCSV {
		return o.writeCSV(strconv.Itoa(num), part, item, "", "", "", "", "", "", "", "", "", msg)
	}
	if o.format == FormatText {
		b := strconv.AppendInt(append(o.buf[:0], "line "...), int64(num), 10)
		b = append(b, ": "...)
		if part != "" || item != "" {
			b = appendText(b, part)
			b = append(b, ' ')
			b = appendText(b, item)
			b = append(b, ": "...)
		}
		b = append(b, "ERROR "...)
		b = appendText(b, msg)
		b = append(b, '\n')
		o.buf = b
		_, err := o.w.Write(b)
		return err
	}
	b := o.buf[:0]
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, int64(num), 10)
	if l != nil {
		b = append(b, `,"part":`...)
		b = appendJSONString(b, part)
		b = append(b, `,"item":`...)
		b = appendJSONString(b, item)
	}
	b = append(b, `,"error":`...)
	b = appendJSONString(b, msg)
	b = append(b, "}\n"...)
	o.buf = b
	_, err := o.w.Write(b)
	return err
}

func joinApplied(a []orewatch.AppliedMeasure) string {
	s := ""
	for i, m := range a {
		if i > 0 {
			s += ";"
		}
		s += m.ID
	}
	return s
}

func joinSuspended(a []orewatch.SuspendedRef) string {
	s := ""
	for i, m := range a {
		if i > 0 {
			s += ";"
		}
		s += m.ID
	}
	return s
}

func joinLapsed(a []orewatch.LapsedRef) string {
	s := ""
	for i, m := range a {
		if i > 0 {
			s += ";"
		}
		s += m.ID
	}
	return s
}

func joinUpcoming(a []orewatch.UpcomingRef) string {
	s := ""
	for i, m := range a {
		if i > 0 {
			s += ";"
		}
		s += m.ID
	}
	return s
}

// appendJSONString appends s as a JSON string. It is written by hand
// because encoding/json's reflection per line would dominate the cost of
// screening a large file; invalid UTF-8 becomes U+FFFD as in encoding/json.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
