package lex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "St": true, "Mt": true,
	"No": true, "Nos": true, "Inc": true, "Corp": true, "Ltd": true, "Co": true,
	"Jr": true, "Sr": true, "Gen": true, "Gov": true, "Sen": true, "Rep": true, "Lt": true, "Col": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"vs": true, "approx": true, "est": true, "Fig": true, "Art": true, "Vol": true, "pp": true,
	"e": true, "i": true, "g": true, // e.g., i.e.
}

// sentenceStarters are words that, after a dotted abbreviation such as
// "U.S.", show that the full stop also ended the sentence.
var sentenceStarters = map[string]bool{
	"The": true, "This": true, "That": true, "These": true, "Those": true, "It": true, "Its": true,
	"He": true, "She": true, "They": true, "We": true, "I": true, "In": true, "A": true, "An": true,
	"But": true, "And": true, "However": true, "On": true, "At": true, "As": true, "For": true,
	"Such": true, "There": true, "Meanwhile": true, "China": true, "Beijing": true, "Washington": true,
}

// Sentences splits the text into sentences: a line break always ends one,
// and so does ".", "!" or "?" (with any closing quotes or brackets) before
// white space and a capital, digit or opening quote, unless the full stop
// ends an abbreviation or an initial.
func (t *Text) Sentences() []Span {
	var out []Span
	start := -1
	toks := t.Toks
	for i := 0; i < len(toks); i++ {
		if start >= 0 && toks[i].Line {
			out = append(out, Span{toks[start].Start, toks[i-1].End})
			start = -1
		}
		if start < 0 {
			start = i
		}
		if toks[i].Kind != Punct {
			continue
		}
		p := t.Tok(i)
		if p != "." && p != "!" && p != "?" && p != "…" {
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].Space && toks[j].Kind == Punct && isCloser(t.Tok(j)) {
			j++
		}
		if j >= len(toks) || toks[j].Line {
			continue // the line break or the end closes it
		}
		if !toks[j].Space || !startsSentence(t, j) {
			continue
		}
		if p == "." && !t.stopEnds(i, j) {
			continue
		}
		out = append(out, Span{toks[start].Start, toks[j-1].End})
		start = -1
		i = j - 1
	}
	if start >= 0 {
		out = append(out, Span{toks[start].Start, toks[len(toks)-1].End})
	}
	return out
}

// stopEnds reports whether the full stop at token i (next token j) ends a
// sentence.
func (t *Text) stopEnds(i, j int) bool {
	if i == 0 || t.Toks[i].Space {
		return true
	}
	prev := t.word(i - 1)
	if prev == "" {
		return true
	}
	if abbreviations[prev] {
		return false
	}
	// An initial ("J. Smith") or the end of a dotted abbreviation ("U.S."):
	// it ends the sentence only when a typical first word follows.
	if utf8.RuneCountInString(prev) == 1 {
		r, _ := utf8.DecodeRuneInString(prev)
		if unicode.IsUpper(r) {
			return t.isPunct(i-2, ".") && sentenceStarters[t.word(j)]
		}
	}
	return true
}

func isCloser(p string) bool {
	return p == `"` || p == "'" || p == ")" || p == "]" || p == "”" || p == "’" || p == "»"
}

func startsSentence(t *Text, j int) bool {
	tok := t.Toks[j]
	r, _ := utf8.DecodeRuneInString(t.S[tok.Start:])
	switch tok.Kind {
	case Number:
		return true
	case Word:
		return unicode.IsUpper(r) || unicode.IsTitle(r)
	}
	return strings.ContainsRune(`"“‘'(«[`, r)
}
