// Package lex recognises the small pieces of news text that extraction
// builds on: tokens, sentences, dates (absolute, month-only and relative to a
// publication date), numbers, percentages and quantities with what they
// measure. It is hand-written over tokens rather than regular expressions so
// that a whole article is scanned in one pass of a few microseconds.
package lex

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

const (
	Word   Kind = iota + 1 // letters, with combining marks
	Number                 // digits, with inner "," or "." followed by a digit
	Punct                  // any other single non-space rune
)

// Token is a span [Start, End) of the text.
type Token struct {
	Start, End int
	Kind       Kind
	// Space is true when white space precedes the token, Line when that
	// space holds a line break.
	Space, Line bool
}

// Tokenize splits s into words, numbers and punctuation.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	space, line := false, false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isSpace(r):
			space = true
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				line = true
			}
			i += n
			continue
		case isLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := decode(s, j)
				if !isLetter(r2) && !unicode.Is(unicode.Mn, r2) {
					break
				}
				j += n2
			}
			toks = append(toks, Token{i, j, Word, space, line})
			i = j
		case isDigit(r):
			j := i + n
			for j < len(s) {
				c := s[j]
				if isDigit(rune(c)) {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(s) && isDigit(rune(s[j+1])) {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, Token{i, j, Number, space, line})
			i = j
		default:
			toks = append(toks, Token{i, i + n, Punct, space, line})
			i += n
		}
		space, line = false, false
	}
	return toks
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// Text is a tokenised text.
type Text struct {
	S    string
	Toks []Token
}

// Scan tokenises s.
func Scan(s string) *Text { return &Text{S: s, Toks: Tokenize(s)} }

// Tok returns the text of token i.
func (t *Text) Tok(i int) string { return t.S[t.Toks[i].Start:t.Toks[i].End] }

// is reports whether token i exists and is the punctuation p.
func (t *Text) isPunct(i int, p string) bool {
	return i >= 0 && i < len(t.Toks) && t.Toks[i].Kind == Punct && t.Tok(i) == p
}

// word returns the text of token i when it is a word, else "".
func (t *Text) word(i int) string {
	if i < 0 || i >= len(t.Toks) || t.Toks[i].Kind != Word {
		return ""
	}
	return t.Tok(i)
}

// adjacent reports whether token i follows token i-1 with no space.
func (t *Text) adjacent(i int) bool {
	return i > 0 && i < len(t.Toks) && !t.Toks[i].Space
}

// Span is a byte span [Start, End) of a text.
type Span struct{ Start, End int }
