package risk

import (
	"cmp"
	"slices"
	"strings"
)

// suggest returns up to n names close to name, best first: names that
// contain it or are contained in it, then by edit distance. The catalogue
// does this better when it is wired; this is the fallback over the names
// that have data.
func suggest(name string, names []string, n int) []string {
	type cand struct {
		name string
		d    int
	}
	q := strings.ToLower(strings.TrimSpace(name))
	var cs []cand
	for _, c := range names {
		l := strings.ToLower(c)
		d := editDistance(q, l)
		if q != "" && (strings.Contains(l, q) || strings.Contains(q, l)) {
			d = 0
		}
		if d <= max(2, len(q)/3) {
			cs = append(cs, cand{c, d})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if c := cmp.Compare(a.d, b.d); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	out := []string{}
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
