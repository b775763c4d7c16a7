package match

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Mode says how a pattern's letter case must agree with the text. Every mode
// compares folded text (accents, width and compatibility forms removed); the
// modes only add a check on the case of the matched original text.
type Mode uint8

const (
	// Insensitive matches in any case ("rare earths", "commerce ministry").
	Insensitive Mode = iota
	// Capitalized needs the first letter of the match to be upper or title
	// case, as proper nouns are written ("Chad" but not "chad").
	Capitalized
	// Sensitive needs every letter in the same case as the pattern, for
	// short upper-case codes ("US" but not "us").
	Sensitive
)

// Pattern is a phrase to find.
type Pattern struct {
	Text string
	Mode Mode
}

// Match is one occurrence of a pattern: the byte span [Start, End) of the
// original text and the index of the pattern in the slice given to New.
type Match struct {
	Start, End int
	Pattern    int
}

// Matcher finds patterns in text. It is safe for concurrent use.
type Matcher struct {
	keys    []string // folded pattern text, "" for a pattern that folds to nothing
	caseKey []string // case-preserving folded text, for Sensitive patterns
	modes   []Mode
	bound   []uint8 // bit 0: needs a boundary before; bit 1: after

	class  [256]uint8
	nclass int
	delta  []int32 // delta[state*nclass+class]
	outOff []int32 // outputs of state s: outs[outOff[s]:outOff[s+1]]
	outs   []int32
}

// New compiles the patterns. Patterns that fold to the empty string never
// match.
func New(patterns []Pattern) *Matcher {
	m := &Matcher{
		keys:    make([]string, len(patterns)),
		caseKey: make([]string, len(patterns)),
		modes:   make([]Mode, len(patterns)),
		bound:   make([]uint8, len(patterns)),
	}
	used := [256]bool{}
	for i, p := range patterns {
		k := FoldString(p.Text)
		m.keys[i] = k
		m.modes[i] = p.Mode
		if p.Mode == Sensitive {
			m.caseKey[i] = foldCase(p.Text)
		}
		if k == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(k); isWord(r) {
			m.bound[i] |= 1
		}
		if r, _ := utf8.DecodeLastRuneInString(k); isWord(r) {
			m.bound[i] |= 2
		}
		for j := 0; j < len(k); j++ {
			used[k[j]] = true
		}
	}
	// Bytes that occur in no pattern share class 0, which always leads back
	// to the root; this keeps the transition table small.
	m.nclass = 1
	for b := range 256 {
		if used[b] {
			m.class[b] = uint8(m.nclass)
			m.nclass++
		}
	}
	m.build()
	return m
}

func (m *Matcher) build() {
	nc := m.nclass
	// Trie with dense rows; -1 marks a missing edge until failure links fill it.
	trie := []int32{}
	newState := func() int32 {
		for range nc {
			trie = append(trie, -1)
		}
		return int32(len(trie)/nc - 1)
	}
	newState()
	own := map[int32][]int32{}
	for i, k := range m.keys {
		if k == "" {
			continue
		}
		s := int32(0)
		for j := 0; j < len(k); j++ {
			c := int32(m.class[k[j]])
			next := trie[s*int32(nc)+c]
			if next < 0 {
				next = newState()
				trie[s*int32(nc)+c] = next
			}
			s = next
		}
		own[s] = append(own[s], int32(i))
	}
	nstates := len(trie) / nc
	fail := make([]int32, nstates)
	order := make([]int32, 0, nstates)
	// Breadth-first: a state's failure target is shallower, so it is complete
	// when the state is reached.
	for c := range nc {
		t := trie[c]
		if t < 0 {
			trie[c] = 0
		} else {
			fail[t] = 0
			order = append(order, t)
		}
	}
	for q := 0; q < len(order); q++ {
		s := order[q]
		for c := range nc {
			t := trie[int(s)*nc+c]
			if t < 0 {
				trie[int(s)*nc+c] = trie[int(fail[s])*nc+c]
				continue
			}
			fail[t] = trie[int(fail[s])*nc+c]
			order = append(order, t)
		}
	}
	// Every byte of class 0 goes back to the root.
	for s := range nstates {
		trie[s*nc] = 0
	}
	m.delta = trie
	// Outputs: a state's own patterns, then those of its failure chain.
	outsOf := make([][]int32, nstates)
	outsOf[0] = own[0]
	for _, s := range order {
		o := append([]int32(nil), own[s]...)
		o = append(o, outsOf[fail[s]]...)
		outsOf[s] = o
	}
	m.outOff = make([]int32, nstates+1)
	for s := range nstates {
		m.outOff[s] = int32(len(m.outs))
		m.outs = append(m.outs, outsOf[s]...)
	}
	m.outOff[nstates] = int32(len(m.outs))
}

// FindAll returns the leftmost-longest, non-overlapping matches in s, in
// order. When several patterns fold to the same matched text, each valid one
// is reported, in pattern order, with the same span.
func (m *Matcher) FindAll(s string) []Match {
	return m.FindFolded(Fold(s))
}

// FindFolded is FindAll over text folded already, so that several matchers
// can share one folding.
func (m *Matcher) FindFolded(f *Folded) []Match {
	type cand struct{ start, end, pat int32 }
	var cands []cand
	text := f.Text
	nc := int32(m.nclass)
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = m.delta[s*nc+int32(m.class[text[i]])]
		lo, hi := m.outOff[s], m.outOff[s+1]
		for _, p := range m.outs[lo:hi] {
			end := i + 1
			start := end - len(m.keys[p])
			if m.valid(f, int(p), start, end) {
				cands = append(cands, cand{int32(start), int32(end), p})
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end, a.end); c != 0 {
			return c
		}
		return cmp.Compare(a.pat, b.pat)
	})
	out := make([]Match, 0, len(cands))
	pos := int32(0)
	for i := 0; i < len(cands); i++ {
		c := cands[i]
		if c.start < pos {
			continue
		}
		os, oe := f.Orig(int(c.start), int(c.end))
		out = append(out, Match{os, oe, int(c.pat)})
		for i+1 < len(cands) && cands[i+1].start == c.start && cands[i+1].end == c.end {
			i++
			out = append(out, Match{os, oe, int(cands[i].pat)})
		}
		pos = c.end
	}
	return out
}

// valid checks word boundaries around folded [start, end) and the case of
// the original text.
func (m *Matcher) valid(f *Folded, p, start, end int) bool {
	text := f.Text
	if m.bound[p]&1 != 0 && start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWord(r) {
			return false
		}
	}
	if m.bound[p]&2 != 0 && end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isWord(r) {
			return false
		}
	}
	switch m.modes[p] {
	case Capitalized:
		os, oe := f.Orig(start, end)
		for _, r := range f.orig[os:oe] {
			if unicode.IsLetter(r) {
				return unicode.IsUpper(r) || unicode.IsTitle(r)
			}
		}
	case Sensitive:
		os, oe := f.Orig(start, end)
		return foldCase(f.orig[os:oe]) == m.caseKey[p]
	}
	return true
}

// Len returns the number of patterns.
func (m *Matcher) Len() int { return len(m.keys) }

// States returns the number of automaton states, for sizing tests.
func (m *Matcher) States() int { return len(m.outOff) - 1 }
