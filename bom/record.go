package bom

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"
)

// recordReader reads comma-separated records the way encoding/csv does
// with TrimLeadingSpace (RFC 4180 quoting, fields in quotes may span
// lines, \r\n read as \n, empty lines skipped), but recovers from a bad
// quote. encoding/csv reads on from an unclosed quote to the end of the
// input and reports the error where it gave up, so one stray quote loses
// every line after it. Here a record whose quote stays open is an error
// of the line where the quote opened, and reading resumes on the next
// line: a quoted field may span at most maxRecordLines lines and
// maxRecordBytes bytes, and the lines read ahead to look for the closing
// quote are kept (bounded by those limits) to be read again.
type recordReader struct {
	br *bufio.Reader
	// pending are lines read ahead for a record that failed, to be read
	// again; each keeps its own line number.
	pending []physLine
	line    int  // number of the last line taken from br
	eof     bool // br is exhausted
	// The current record: its bytes without quotes and separators, the
	// end of each field in buf, and where each field starts in the file.
	buf    []byte
	ends   []int
	starts []pos
	fields []string
	// taken are the lines of the current record, kept while a quote is
	// open so that they can be read again if it never closes.
	taken []physLine
	// open is where the quote that made the record run past its first
	// line opened.
	open pos
	err  error // a read error of br, reported after the pending lines
}

type pos struct{ line, col int }

type physLine struct {
	num     int
	text    []byte // without the line ending
	tooLong bool   // the line was longer than maxRecordBytes; text is nil
}

const (
	maxRecordLines = 64
	maxRecordBytes = 64 << 10
)

// quoteError is a record that could not be read; reading resumes after
// it. Line and Column are where the error is, or where the quote opened.
type quoteError struct {
	Line, Column int
	Msg          string
}

func (e *quoteError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

var errLineTooLong = errors.New("line too long")

func newRecordReader(r io.Reader) *recordReader {
	return &recordReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// nextLine returns the next physical line: a pending one first, then one
// from the input. ok is false at the end of the input.
func (r *recordReader) nextLine() (physLine, bool, error) {
	if len(r.pending) > 0 {
		l := r.pending[0]
		r.pending = r.pending[1:]
		if l.tooLong {
			return l, true, errLineTooLong
		}
		return l, true, nil
	}
	if r.eof {
		return physLine{}, false, r.err
	}
	var text []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(text)+len(chunk) > maxRecordBytes {
			// Skip the rest of an overlong line, so that the next one
			// still reads as a line.
			for err == bufio.ErrBufferFull {
				_, err = r.br.ReadSlice('\n')
			}
			r.line++
			if err != nil {
				r.eof = true
				if err != io.EOF {
					r.err = err
				}
			}
			return physLine{num: r.line, tooLong: true}, true, errLineTooLong
		}
		switch {
		case err == bufio.ErrBufferFull:
			text = append(text, chunk...)
			continue
		case err == io.EOF:
			r.eof = true
			if len(text)+len(chunk) == 0 {
				return physLine{}, false, nil
			}
		case err != nil:
			r.eof, r.err = true, err
			return physLine{}, false, err
		}
		if text == nil {
			text = chunk
		} else {
			text = append(text, chunk...)
		}
		break
	}
	r.line++
	text = bytes.TrimSuffix(text, []byte{'\n'})
	text = bytes.TrimSuffix(text, []byte{'\r'})
	return physLine{num: r.line, text: text}, true, nil
}

// read returns the next record and the number of the line it starts on.
// The fields are valid until the next call. A bad record is a
// *quoteError (or a line-too-long error) and the next call reads on; the
// end of the input is io.EOF.
func (r *recordReader) read() (fields []string, num int, err error) {
	for {
		l, ok, err := r.nextLine()
		if err == errLineTooLong {
			return nil, l.num, &quoteError{Line: l.num, Column: 1, Msg: fmt.Sprintf("line longer than %d bytes", maxRecordBytes)}
		}
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return nil, 0, io.EOF
		}
		if len(l.text) == 0 {
			continue // encoding/csv skips empty lines too
		}
		f, err := r.parse(l)
		if err != nil {
			return nil, l.num, err
		}
		return f, l.num, nil
	}
}

// parse reads the record starting on line l, taking more lines while a
// quoted field is open.
func (r *recordReader) parse(l physLine) ([]string, error) {
	r.buf, r.ends, r.starts = r.buf[:0], r.ends[:0], r.starts[:0]
	r.taken = r.taken[:0]
	text, num := l.text, l.num
	i := 0
	for {
		// Start of a field: leading white space is dropped.
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if c != ' ' && c != '\t' && c != '\v' && c != '\f' && c != '\r' {
					break
				}
				i++
				continue
			}
			c, size := utf8.DecodeRune(text[i:])
			if !unicode.IsSpace(c) {
				break
			}
			i += size
		}
		r.starts = append(r.starts, pos{num, i + 1})
		if i < len(text) && text[i] == '"' {
			// Quoted field.
			openCol := i + 1
			i++
			for {
				j := bytes.IndexByte(text[i:], '"')
				if j < 0 {
					// The quote stays open past the end of the line.
					r.buf = append(r.buf, text[i:]...)
					r.buf = append(r.buf, '\n')
					if len(r.taken) == 0 {
						r.open = pos{num, openCol}
						r.taken = append(r.taken, physLine{num: num, text: bytes.Clone(text)})
					}
					next, ok, err := r.nextLine()
					switch {
					case err == errLineTooLong:
						r.taken = append(r.taken, next)
						return nil, r.unclosed("it runs into a line longer than the limit")
					case err != nil:
						return nil, err
					case !ok:
						return nil, r.unclosed("the input ends before it closes")
					}
					next.text = bytes.Clone(next.text)
					r.taken = append(r.taken, next)
					if len(r.taken) > maxRecordLines || len(r.buf)+len(next.text) > maxRecordBytes {
						return nil, r.unclosed(fmt.Sprintf("a field may span at most %d lines and %d bytes", maxRecordLines, maxRecordBytes))
					}
					text, num, i = next.text, next.num, 0
					continue
				}
				r.buf = append(r.buf, text[i:i+j]...)
				i += j + 1
				switch {
				case i < len(text) && text[i] == '"':
					r.buf = append(r.buf, '"') // "" is a quote
					i++
					continue
				case i == len(text) || text[i] == ',':
				case len(r.taken) > 0:
					return nil, r.unclosed(fmt.Sprintf("a quote on line %d, column %d, is followed by more text", num, i))
				default:
					return nil, &quoteError{Line: num, Column: i + 1, Msg: `extraneous or missing " in quoted-field`}
				}
				break
			}
		} else {
			// Unquoted field.
			end := len(text)
			if j := bytes.IndexByte(text[i:], ','); j >= 0 {
				end = i + j
			}
			if k := bytes.IndexByte(text[i:end], '"'); k >= 0 {
				if len(r.taken) > 0 {
					return nil, r.unclosed(fmt.Sprintf("line %d, column %d, has a quote outside a quoted field", num, i+k+1))
				}
				return nil, &quoteError{Line: num, Column: i + k + 1, Msg: `bare " in non-quoted-field`}
			}
			r.buf = append(r.buf, text[i:end]...)
			i = end
		}
		r.ends = append(r.ends, len(r.buf))
		if i >= len(text) {
			break
		}
		i++ // the comma
		if i == len(text) {
			// A trailing comma: one more, empty field.
			r.starts = append(r.starts, pos{num, i + 1})
			r.ends = append(r.ends, len(r.buf))
			break
		}
	}
	s := string(r.buf)
	r.fields = r.fields[:0]
	prev := 0
	for _, e := range r.ends {
		r.fields = append(r.fields, s[prev:e])
		prev = e
	}
	return r.fields, nil
}

// spansLines reports whether the last record read runs over more than one
// line (a quoted field holds a line break).
func (r *recordReader) spansLines() bool { return len(r.taken) > 1 }

// unclosed reports the quote that left the first line of the record open
// (r.open) as never closed, and puts the lines read after that line back
// to be read again as records of their own: a stray quote costs its own
// line only.
func (r *recordReader) unclosed(why string) error {
	var again []physLine
	for _, t := range r.taken {
		if t.num > r.open.line {
			again = append(again, t)
		}
	}
	r.pending = append(again, r.pending...)
	r.taken = r.taken[:0]
	return &quoteError{Line: r.open.line, Column: r.open.col,
		Msg: fmt.Sprintf("the quote opened here is not closed on this line, and reading on does not give a valid record (%s): the line is skipped and reading resumes on the next line", why)}
}

// fieldPos returns where field i of the last record starts.
func (r *recordReader) fieldPos(i int) (line, col int) {
	if i < 0 || i >= len(r.starts) {
		return 0, 0
	}
	return r.starts[i].line, r.starts[i].col
}
