package usgs

import (
	"encoding/csv"
	"io"
	"strings"
)

// recordReader reads CSV exactly as encoding/csv.Reader does with its
// default settings (comma-separated, strict quotes, the field count set by
// the first record, empty lines skipped, "\r\n" read as "\n") and returns
// the same *csv.ParseError values and field positions. It exists for speed:
// the file is already in memory as one string, so a field that needs no
// unquoting is returned as a substring of it rather than copied, which takes
// a third off the time to parse the 3 MB commodities file. The differential
// fuzz test FuzzRecordReader holds it to encoding/csv's behaviour.
type recordReader struct {
	s       string
	off     int // offset of the next unread byte of s
	numLine int // lines read so far

	fieldsPerRecord int
	fields          []string
	pos             []position
	buf             strings.Builder
}

type position struct{ line, col int }

func newRecordReader(s string) *recordReader { return &recordReader{s: s} }

// readLine returns the next line without its line ending and whether it had
// one, or io.EOF, as encoding/csv's readLine does.
func (r *recordReader) readLine() (line string, nl bool, err error) {
	r.numLine++
	if r.off >= len(r.s) {
		return "", false, io.EOF
	}
	rest := r.s[r.off:]
	i := strings.IndexByte(rest, '\n')
	if i < 0 {
		r.off = len(r.s)
		// A "\r" that ends the input is dropped.
		return strings.TrimSuffix(rest, "\r"), false, nil
	}
	r.off += i + 1
	// "\r\n" is read as "\n".
	return strings.TrimSuffix(rest[:i], "\r"), true, nil
}

// FieldPos returns the line and column (1-based, in bytes) where field i of
// the record read last starts.
func (r *recordReader) FieldPos(i int) (line, column int) {
	p := r.pos[i]
	return p.line, p.col
}

// Read returns the next record, or io.EOF. The slice is reused by the next
// call; the strings are not.
func (r *recordReader) Read() ([]string, error) {
	var (
		rest    string // what is left of the current line, without its newline
		nl      bool   // whether the current line has a newline
		errRead error
	)
	for {
		rest, nl, errRead = r.readLine()
		if errRead == nil && rest == "" {
			continue // an empty line
		}
		break
	}
	if errRead == io.EOF {
		return nil, io.EOF
	}
	var err error
	recLine := r.numLine
	r.fields, r.pos = r.fields[:0], r.pos[:0]
	pos := position{line: r.numLine, col: 1}
parseField:
	for {
		if rest == "" || rest[0] != '"' {
			// An unquoted field.
			i := strings.IndexByte(rest, ',')
			field := rest
			if i >= 0 {
				field = rest[:i]
			}
			if j := strings.IndexByte(field, '"'); j >= 0 {
				err = &csv.ParseError{StartLine: recLine, Line: r.numLine, Column: pos.col + j, Err: csv.ErrBareQuote}
				break parseField
			}
			r.fields, r.pos = append(r.fields, field), append(r.pos, pos)
			if i < 0 {
				break parseField
			}
			rest = rest[i+1:]
			pos.col += i + 1
			continue parseField
		}
		// A quoted field. While simple, it is the substring sub of one
		// line; an escaped quote or a line break moves it into buf.
		fieldPos := pos
		rest = rest[1:]
		pos.col++
		simple, sub := true, ""
		r.buf.Reset()
		for {
			i := strings.IndexByte(rest, '"')
			switch {
			case i >= 0:
				if simple {
					sub = rest[:i]
				} else {
					r.buf.WriteString(rest[:i])
				}
				rest = rest[i+1:]
				pos.col += i + 1
				switch {
				case rest != "" && rest[0] == '"':
					// `""`: a quote.
					if simple {
						r.buf.WriteString(sub)
						simple = false
					}
					r.buf.WriteByte('"')
					rest = rest[1:]
					pos.col++
				case rest == "" || rest[0] == ',':
					// `",` or `"` at the end of the line: the end of the field.
					field := sub
					if !simple {
						field = r.buf.String()
					}
					r.fields, r.pos = append(r.fields, field), append(r.pos, fieldPos)
					if rest == "" {
						break parseField
					}
					rest = rest[1:]
					pos.col++
					continue parseField
				default:
					// `"x`: a quote that neither escapes nor closes.
					err = &csv.ParseError{StartLine: recLine, Line: r.numLine, Column: pos.col - 1, Err: csv.ErrQuote}
					break parseField
				}
			case rest != "" || nl:
				// The field goes on past the end of the line.
				simple = false
				r.buf.WriteString(rest)
				pos.col += len(rest)
				if nl {
					r.buf.WriteByte('\n')
					pos.col++
				}
				rest, nl, _ = r.readLine()
				if rest != "" || nl {
					pos.line++
					pos.col = 1
				}
			default:
				// The input ends inside the quotes.
				err = &csv.ParseError{StartLine: recLine, Line: pos.line, Column: pos.col, Err: csv.ErrQuote}
				break parseField
			}
		}
	}
	if r.fieldsPerRecord == 0 {
		r.fieldsPerRecord = len(r.fields)
	} else if len(r.fields) != r.fieldsPerRecord && err == nil {
		err = &csv.ParseError{StartLine: recLine, Line: recLine, Column: 1, Err: csv.ErrFieldCount}
	}
	return r.fields, err
}
