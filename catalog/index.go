package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// index resolves the surface forms of catalogue entries (names, aliases,
// symbols, codes) to entries. Lookups try, in order: a symbol or code exactly
// as written, the folded name, the folded symbol or code, then (for
// materials) the singular folded name and the folded name without spaces. A
// key two entries share is ambiguous at that step and resolves to neither.
// Apart from the exact symbols, the result depends only on the folded input:
// inputs that fold alike resolve alike.
type index[T comparable] struct {
	plural bool // match singular and plural alike (materials, not countries)

	exact    map[string]T       // symbols and codes as written
	folded   map[string]slot[T] // Fold(form)
	symbols  map[string]slot[T] // Fold(symbol or code)
	singular map[string]slot[T] // singular(Fold(form))
	compact  map[string]slot[T] // compact(singular(Fold(form)))

	cands []candidate // forms offered as suggestions
}

// slot is an index entry; when ambiguous it holds the canonical names of the
// entries that share the key.
type slot[T comparable] struct {
	v         T
	canonical string
	ambiguous []string
}

// candidate is a form a typo may be close to.
type candidate struct {
	folded    string
	runes     []rune   // folded, as runes, for the edit distance
	words     []string // folded, split into words
	canonical string
}

func (x *index[T]) init() {
	x.exact = map[string]T{}
	x.folded = map[string]slot[T]{}
	x.symbols = map[string]slot[T]{}
	x.singular = map[string]slot[T]{}
	x.compact = map[string]slot[T]{}
}

// add indexes a name or alias. Two entries may not claim one folded name:
// that is an error in the data, since a listed name must resolve.
func (x *index[T]) add(form string, v T, canonical string, suggest bool) error {
	k := Fold(form)
	if k == "" {
		return fmt.Errorf("%q: name %q folds to nothing", canonical, form)
	}
	if s, ok := x.folded[k]; ok && s.v != v {
		return fmt.Errorf("name %q is claimed by both %q and %q", form, s.canonical, canonical)
	}
	x.folded[k] = slot[T]{v: v, canonical: canonical}
	if suggest {
		x.cands = append(x.cands, candidate{folded: k, runes: []rune(k), words: strings.Fields(k), canonical: canonical})
	}
	return nil
}

// addSymbol indexes an element symbol or a country code. Written exactly it
// always resolves; in another case only when no name or alias folds alike
// ("Re" is rhenium, but "RE" and "re" are the rare-earth alias).
func (x *index[T]) addSymbol(sym string, v T, canonical string) {
	x.exact[sym] = v
	putSlot(x.symbols, Fold(sym), v, canonical)
}

func putSlot[T comparable](m map[string]slot[T], k string, v T, canonical string) {
	s, ok := m[k]
	switch {
	case !ok:
		m[k] = slot[T]{v: v, canonical: canonical}
	case s.ambiguous != nil:
		if !containsStr(s.ambiguous, canonical) {
			s.ambiguous = append(s.ambiguous, canonical)
			m[k] = s
		}
	case s.v != v:
		var zero T
		m[k] = slot[T]{v: zero, ambiguous: []string{s.canonical, canonical}}
	}
}

// finish derives the looser keys once every form is in.
func (x *index[T]) finish() {
	for k := range x.symbols {
		if _, ok := x.folded[k]; ok {
			// A name or alias folds like another entry's symbol: the name
			// wins a case-insensitive lookup; the symbol still resolves
			// written exactly.
			delete(x.symbols, k)
		}
	}
	for k, s := range x.folded {
		if s.ambiguous != nil {
			continue
		}
		key := k
		if x.plural {
			key = singular(k)
			putSlot(x.singular, key, s.v, s.canonical)
		}
		putSlot(x.compact, compact(key), s.v, s.canonical)
	}
	sort.Slice(x.cands, func(i, j int) bool { return x.cands[i].folded < x.cands[j].folded })
}

func (x *index[T]) lookup(name string) (T, bool) {
	var zero T
	name = strings.TrimSpace(name)
	if v, ok := x.exact[name]; ok {
		return v, true
	}
	k := Fold(name)
	if k == "" {
		return zero, false
	}
	if s, ok := x.folded[k]; ok {
		return s.v, s.ambiguous == nil
	}
	if s, ok := x.symbols[k]; ok {
		return s.v, s.ambiguous == nil
	}
	key := k
	if x.plural {
		key = singular(k)
		if s, ok := x.singular[key]; ok {
			return s.v, s.ambiguous == nil
		}
	}
	if s, ok := x.compact[compact(key)]; ok {
		return s.v, s.ambiguous == nil
	}
	return zero, false
}

// suggest returns up to n canonical names close to name, best first: the
// entries an ambiguous name could mean, then names within a small
// Damerau-Levenshtein distance of it (scaled to its length), then names that
// contain all its words.
func (x *index[T]) suggest(name string, n int) []string {
	q := Fold(name)
	if q == "" {
		return nil
	}
	type scored struct {
		canonical string
		score     float64
	}
	best := map[string]float64{}
	note := func(c string, s float64) {
		if old, ok := best[c]; !ok || s < old {
			best[c] = s
		}
	}
	type probe struct {
		m   map[string]slot[T]
		key string
	}
	probes := []probe{{x.folded, q}, {x.symbols, q}}
	key := q
	if x.plural {
		key = singular(q)
		probes = append(probes, probe{x.singular, key})
	}
	probes = append(probes, probe{x.compact, compact(key)})
	for _, p := range probes {
		if s, ok := p.m[p.key]; ok && s.ambiguous != nil {
			for _, c := range s.ambiguous {
				note(c, 0)
			}
		}
	}
	qr := []rune(q)
	limit := min(max(1, len(qr)/3), 4)
	qWords := strings.Fields(q)
	var d osa
	for _, c := range x.cands {
		cr := c.runes
		if abs(len(cr)-len(qr)) <= limit {
			if d := d.distance(qr, cr, limit); d <= limit {
				note(c.canonical, float64(d))
				continue
			}
		}
		if len(q) >= 4 && containsWords(c.words, qWords) {
			// Ranked after every close spelling, shorter names first.
			note(c.canonical, float64(limit)+1+float64(len(cr))/1000)
		}
	}
	out := make([]scored, 0, len(best))
	for c, s := range best {
		out = append(out, scored{c, s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score < out[j].score
		}
		return out[i].canonical < out[j].canonical
	})
	if len(out) > n {
		out = out[:n]
	}
	names := make([]string, len(out))
	for i, s := range out {
		names[i] = s.canonical
	}
	return names
}

// containsWords reports whether every word of ws starts a word of sw.
func containsWords(sw, ws []string) bool {
	for _, w := range ws {
		found := false
		for _, x := range sw {
			if strings.HasPrefix(x, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// osa computes the optimal-string-alignment form of the Damerau-Levenshtein
// distance (insertions, deletions, substitutions and transpositions of
// adjacent runes, each costing 1), reusing its rows from call to call.
type osa struct{ rows [3][]int }

// distance returns the distance of a and b, or limit+1 as soon as every
// alignment costs more than limit.
func (o *osa) distance(a, b []rune, limit int) int {
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	for i := range o.rows {
		if cap(o.rows[i]) < len(b)+1 {
			o.rows[i] = make([]int, len(b)+1, 2*len(b)+2)
		}
		o.rows[i] = o.rows[i][:len(b)+1]
	}
	prev2, prev, cur := o.rows[0], o.rows[1], o.rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func containsStr(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}
