// Package match finds many phrases at once in text: an Aho-Corasick
// automaton over case- and accent-folded text, with leftmost-longest
// selection, word boundaries and byte offsets back into the original text.
//
// No maintained Go library does all of this: the Aho-Corasick packages
// report overlapping or leftmost-first matches over raw bytes, and none folds
// Unicode case and compatibility forms while keeping offsets into the
// unfolded text, so it is written here.
package match

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded is text in the form the matcher compares: compatibility-decomposed
// (NFKD) with combining marks dropped, lower-cased, with every run of white
// space and every hyphen or dash folded to one space and typographic
// apostrophes and quotes made plain. It keeps, for each folded byte, the
// offset of the original rune it came from.
type Folded struct {
	Text string
	orig string
	src  []int32 // src[i]: byte offset in orig of the rune folded byte i came from
}

// Fold folds s and records where each folded byte came from.
func Fold(s string) *Folded {
	f := &Folded{orig: s}
	buf := make([]byte, 0, len(s))
	src := make([]int32, 0, len(s))
	space := true // drop leading space
	var tmp [utf8.UTFMax * 8]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, nearly all of English news: fold inline.
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '-':
				if !space {
					buf = append(buf, ' ')
					src = append(src, int32(i))
					space = true
				}
			case 'A' <= c && c <= 'Z':
				buf = append(buf, c+'a'-'A')
				src = append(src, int32(i))
				space = false
			default:
				buf = append(buf, c)
				src = append(src, int32(i))
				space = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		before := len(buf)
		buf = appendFolded(buf, r, true, &space, tmp[:0])
		for k := before; k < len(buf); k++ {
			src = append(src, int32(i))
		}
		i += n
	}
	if len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
		src = src[:len(src)-1]
	}
	f.Text = string(buf)
	f.src = src
	return f
}

// FoldString returns the folded form of s, as Fold(s).Text.
func FoldString(s string) string { return foldString(s, true) }

// foldCase is FoldString without lower-casing: what case-sensitive patterns
// compare.
func foldCase(s string) string { return foldString(s, false) }

func foldString(s string, lower bool) string {
	buf := make([]byte, 0, len(s))
	space := true
	var tmp [utf8.UTFMax * 8]byte
	for _, r := range s {
		buf = appendFolded(buf, r, lower, &space, tmp[:0])
	}
	if len(buf) > 0 && buf[len(buf)-1] == ' ' {
		buf = buf[:len(buf)-1]
	}
	return string(buf)
}

// Orig returns the span of the original text that the folded bytes
// [start, end) came from.
func (f *Folded) Orig(start, end int) (int, int) {
	if start >= end {
		if start < len(f.src) {
			o := int(f.src[start])
			return o, o
		}
		return len(f.orig), len(f.orig)
	}
	os := int(f.src[start])
	last := int(f.src[end-1])
	_, n := utf8.DecodeRuneInString(f.orig[last:])
	return os, last + n
}

// appendFolded appends the folded form of r. space tracks whether the last
// byte written was a (collapsed) space.
func appendFolded(buf []byte, r rune, lower bool, space *bool, tmp []byte) []byte {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '-':
			if !*space {
				buf = append(buf, ' ')
				*space = true
			}
			return buf
		case lower && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		*space = false
		return append(buf, byte(r))
	}
	switch {
	case unicode.IsSpace(r) || isDash(r):
		if !*space {
			buf = append(buf, ' ')
			*space = true
		}
		return buf
	case r == '\u2018' || r == '\u2019' || r == '\u02bc' || r == '\u2032' || r == '\u00b4':
		*space = false
		return append(buf, '\'')
	case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u2033':
		*space = false
		return append(buf, '"')
	case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
		return buf // invisible: soft hyphen, zero-width characters
	case r == 'ß' || r == 'ẞ':
		*space = false
		if lower || r == 'ß' {
			return append(buf, 's', 's')
		}
		return append(buf, 'S', 'S')
	}
	var rb [utf8.UTFMax]byte
	n := utf8.EncodeRune(rb[:], r)
	tmp = norm.NFKD.Append(tmp, rb[:n]...)
	for _, d := range string(tmp) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if unicode.IsSpace(d) {
			if !*space {
				buf = append(buf, ' ')
				*space = true
			}
			continue
		}
		if lower {
			d = unicode.ToLower(d)
		}
		buf = utf8.AppendRune(buf, d)
		*space = false
	}
	return buf
}

func isDash(r rune) bool {
	return (r >= '\u2010' && r <= '\u2015') || r == '\u2212' || r == '\ufe63' || r == '\uff0d'
}

// isWord reports whether r is part of a word for boundary checks.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
