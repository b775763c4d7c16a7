package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the form of s used to match names: lower case, accents and
// apostrophes removed, "&" read as "and", full stops inside words dropped
// ("U.S." is "us", "8112.92" is "811292"), and every other run of
// punctuation, hyphens, underscores or spaces made one space. So "Rare-Earth
// Elements", "rare earth elements" and "RARE_EARTH elements" fold alike, as do
// "Côte d’Ivoire" and "Cote d'Ivoire". Gazetteers that match text against
// the catalogue fold both sides with it.
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	// Decompose so accents become separate marks that can be dropped; NFKD
	// also turns compatibility forms (ligatures, full-width letters, the
	// non-breaking space) into their plain equivalents.
	s = norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case isApostrophe(r):
			continue
		case r == '.':
			// A full stop is dropped, not spaced, so abbreviations keep
			// together; a stop between words comes with a space anyway.
			continue
		case r == '&':
			pendingSpace = true
			writeWord(&b, "and", &pendingSpace)
			pendingSpace = true
			continue
		}
		if rep, ok := letterFold[r]; ok {
			writeWord(&b, rep, &pendingSpace)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			writeRune(&b, unicode.ToLower(r), &pendingSpace)
			continue
		}
		pendingSpace = true
	}
	return b.String()
}

// foldASCII is Fold for ASCII input, the common case, without the
// normalisation pass.
func foldASCII(s string) string {
	// Fast path: already folded (lower case letters and digits with single
	// inner spaces) needs no copy.
	if isFoldedASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			writeByte(&b, c, &pendingSpace)
		case c >= 'A' && c <= 'Z':
			writeByte(&b, c+'a'-'A', &pendingSpace)
		case c == '\'' || c == '`' || c == '.':
			// dropped, as in Fold
		case c == '&':
			pendingSpace = true
			writeWord(&b, "and", &pendingSpace)
			pendingSpace = true
		default:
			pendingSpace = true
		}
	}
	return b.String()
}

func isFoldedASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			return false
		}
	}
	return true
}

func writeByte(b *strings.Builder, c byte, pendingSpace *bool) {
	if *pendingSpace && b.Len() > 0 {
		b.WriteByte(' ')
	}
	*pendingSpace = false
	b.WriteByte(c)
}

func writeRune(b *strings.Builder, r rune, pendingSpace *bool) {
	if *pendingSpace && b.Len() > 0 {
		b.WriteByte(' ')
	}
	*pendingSpace = false
	b.WriteRune(r)
}

func writeWord(b *strings.Builder, w string, pendingSpace *bool) {
	if *pendingSpace && b.Len() > 0 {
		b.WriteByte(' ')
	}
	*pendingSpace = false
	b.WriteString(w)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u2018', '\u2019', '\u02bc', '\u02bb', '\u00b4', '\u2032':
		return true
	}
	return false
}

// letterFold spells the Latin letters that have no decomposition as ASCII.
var letterFold = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ħ': "h", 'Ħ': "h",
}

// singular returns the folded key with each word made singular by the
// regular English rules ("batteries" → "battery", "oxides" → "oxide",
// "rare earths" → "rare earth"). It is a matching key, not a spelling: both
// sides of a comparison go through it, so a rule that mangles a word that
// was already singular does no harm as long as two catalogue entries do not
// meet on one key (the index checks that).
func singular(folded string) string {
	if folded == "" {
		return ""
	}
	words := strings.Split(folded, " ")
	for i, w := range words {
		words[i] = singularWord(w)
	}
	return strings.Join(words, " ")
}

func singularWord(w string) string {
	n := len(w)
	if n <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ses") && n > 4:
		// "gases" → "gas"; "oxides"-like words end in "des" and take the
		// plain rule below.
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:n-1]
	}
	return w
}

// compact is the folded key without spaces, so "Nd-Fe-B magnets" meets
// "NdFeB magnets".
func compact(folded string) string {
	return strings.ReplaceAll(folded, " ", "")
}

// stripQualifiers removes what a source adds to a name to narrow its scope:
// parenthesised text ("antimony oxides (purity>=99.99%)") and a trailing
// specification that starts at a comparison sign ("lithium-ion batteries
// >=300 Wh/kg"). It works on the raw string, before folding, because folding
// erases the brackets and signs it looks for. It returns "" when nothing is
// left or nothing was removed.
func stripQualifiers(s string) string {
	var b strings.Builder
	depth := 0
	changed := false
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
			changed = true
			continue
		case ')', ']':
			if depth > 0 {
				depth--
				b.WriteByte(' ')
				continue
			}
		}
		if depth > 0 {
			continue
		}
		if r == '<' || r == '>' || r == '≥' || r == '≤' || r == '=' {
			// The rest is a specification ("≥300 Wh/kg"), not the name.
			changed = true
			break
		}
		b.WriteRune(r)
	}
	if !changed {
		return ""
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
