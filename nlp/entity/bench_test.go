package entity_test

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"orewatch/catalog"
	"orewatch/internal/shared"
	"orewatch/nlp/entity"
)

func benchText(b *testing.B) string {
	root := shared.Root()
	if root == "" {
		b.Skip("shared fixture not found")
	}
	raw, err := os.ReadFile(root + "/fixtures/articles/china-rare-earth-tech-controls.txt")
	if err != nil {
		b.Skip(err)
	}
	return string(raw)
}

// BenchmarkFind is the gazetteer (Aho-Corasick over folded text, one pass
// for every name) on the shared fixture article.
func BenchmarkFind(b *testing.B) {
	g := entity.New(catalog.New(), nil)
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		g.Find(text)
	}
}

// BenchmarkFindRegexp is the peer: the same names as one case-insensitive
// alternation with word boundaries in Go's regexp package (leftmost-first
// rather than leftmost-longest, no accent folding, so it does less).
func BenchmarkFindRegexp(b *testing.B) {
	g := entity.New(catalog.New(), nil)
	names := g.Names()
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	re := regexp.MustCompile(`(?i)\b(?:` + strings.Join(quoted, "|") + `)\b`)
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		re.FindAllStringIndex(text, -1)
	}
}
