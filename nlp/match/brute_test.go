package match

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// bruteFind is the specification FindAll must meet, written the slow and
// obvious way: at each rune of the folded text, try every pattern; keep the
// longest valid one; jump past it.
func bruteFind(pats []Pattern, s string) []Match {
	f := Fold(s)
	text := f.Text
	var out []Match
	for i := 0; i < len(text); {
		best := -1
		var at []int
		for p, pat := range pats {
			k := FoldString(pat.Text)
			if k == "" || !strings.HasPrefix(text[i:], k) {
				continue
			}
			if !bruteValid(f, pat, k, i, i+len(k)) {
				continue
			}
			switch {
			case len(k) > best:
				best, at = len(k), []int{p}
			case len(k) == best:
				at = append(at, p)
			}
		}
		if best < 0 {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		os, oe := f.Orig(i, i+best)
		for _, p := range at {
			out = append(out, Match{os, oe, p})
		}
		i += best
	}
	return out
}

func bruteValid(f *Folded, pat Pattern, k string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(k)
	last, _ := utf8.DecodeLastRuneInString(k)
	if isWord(first) && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(f.Text[:start]); isWord(r) {
			return false
		}
	}
	if isWord(last) && end < len(f.Text) {
		if r, _ := utf8.DecodeRuneInString(f.Text[end:]); isWord(r) {
			return false
		}
	}
	os, oe := f.Orig(start, end)
	orig := f.orig[os:oe]
	switch pat.Mode {
	case Capitalized:
		for _, r := range orig {
			if unicode.IsLetter(r) {
				return unicode.IsUpper(r) || unicode.IsTitle(r)
			}
		}
	case Sensitive:
		return foldCase(orig) == foldCase(pat.Text)
	}
	return true
}

// randText draws from a small alphabet so that patterns recur, overlap and
// meet every folding rule: case, accents, dashes, white space, ß, ligatures.
func randText(r *rand.Rand, n int) string {
	alphabet := []string{"a", "b", "c", "A", "B", "é", "É", " ", " ", "-", "\u2013", "\n", "ß", "ss", "ﬁ", ".", "'", "\u2019", "1"}
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

func randPatterns(r *rand.Rand) []Pattern {
	n := 1 + r.IntN(8)
	pats := make([]Pattern, n)
	for i := range pats {
		pats[i] = Pattern{Text: randText(r, 1+r.IntN(4)), Mode: Mode(r.IntN(3))}
	}
	return pats
}

func TestFindAllMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		pats := randPatterns(r)
		text := randText(r, r.IntN(40))
		got := New(pats).FindAll(text)
		want := bruteFind(pats, text)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: patterns %q, text %q:\ngot  %v\nwant %v", i, pats, text, got, want)
		}
	}
}

func FuzzFindAll(f *testing.F) {
	f.Add("rare earth|US|Chad", "The US and chad: rare-earth exports", uint8(0))
	f.Add("ß|ss", "Straße STRASSE", uint8(5))
	f.Add("u.s.|u.s.a.", "U.S.A. and U.S.", uint8(2))
	f.Fuzz(func(t *testing.T, patterns, text string, modes uint8) {
		if len(patterns) > 200 || len(text) > 2000 {
			return
		}
		var pats []Pattern
		for i, p := range strings.Split(patterns, "|") {
			pats = append(pats, Pattern{Text: p, Mode: Mode((int(modes) >> (i % 4 * 2)) % 3)})
		}
		got := New(pats).FindAll(text)
		want := bruteFind(pats, text)
		if !slices.Equal(got, want) {
			t.Fatalf("patterns %q, text %q:\ngot  %v\nwant %v", pats, text, got, want)
		}
		prevStart, prevEnd := -1, 0
		for _, m := range got {
			if m.Start < 0 || m.Start > m.End || m.End > len(text) {
				t.Fatalf("span %d..%d out of range for %d bytes", m.Start, m.End, len(text))
			}
			if m.Start == prevStart && m.End == prevEnd {
				continue // a tied pattern on the same span
			}
			if m.Start < prevEnd {
				t.Fatalf("span %d..%d overlaps the previous one ending at %d", m.Start, m.End, prevEnd)
			}
			prevStart, prevEnd = m.Start, m.End
		}
	})
}
