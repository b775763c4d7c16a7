package orewatch

import (
	"strings"
	"unicode"
)

// SearchQuery is a user's full-text query parsed into plain terms, so that
// each store can render it in its own engine's syntax without letting the
// user's text reach that syntax. It follows the web-search conventions that
// PostgreSQL's websearch_to_tsquery understands: words and "quoted phrases"
// must all match, OR between two terms lets either match, and a leading
// minus excludes a term.
type SearchQuery struct {
	// Clauses must all match; each clause matches when any of its phrases does.
	Clauses [][]SearchPhrase
	// Excluded phrases must not match.
	Excluded []SearchPhrase
}

// SearchPhrase is a sequence of tokens that must appear next to each other.
// A token holds only letters, marks and digits.
type SearchPhrase []string

// Empty reports whether the query has nothing that must match; such a query
// matches no article.
func (q SearchQuery) Empty() bool { return len(q.Clauses) == 0 }

// ParseSearchQuery parses a user's full-text query. It never fails on odd
// input: quotes, brackets, operators and other punctuation only separate
// tokens (an unclosed quote runs to the end). A query with no text at all is
// an EINVALID error; one made only of punctuation parses to an Empty query.
func ParseSearchQuery(s string) (SearchQuery, error) {
	var q SearchQuery
	if strings.TrimSpace(s) == "" {
		return q, Errorf(EINVALID, "search query is empty")
	}
	orNext := false // the previous item was OR: join the next term to the last clause
	for _, it := range splitSearchItems(s) {
		if !it.quoted && !it.negated && strings.EqualFold(it.text, "or") {
			orNext = len(q.Clauses) > 0
			continue
		}
		ph := searchTokens(it.text)
		if len(ph) == 0 {
			continue
		}
		switch {
		case it.negated:
			q.Excluded = append(q.Excluded, ph)
		case orNext:
			last := len(q.Clauses) - 1
			q.Clauses[last] = append(q.Clauses[last], ph)
		default:
			q.Clauses = append(q.Clauses, []SearchPhrase{ph})
		}
		orNext = false
	}
	return q, nil
}

type searchItem struct {
	text    string
	quoted  bool
	negated bool
}

// splitSearchItems splits s into whitespace-separated words and quoted
// phrases, each possibly negated by a leading '-'.
func splitSearchItems(s string) []searchItem {
	var items []searchItem
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			neg = true
			i++
		}
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			items = append(items, searchItem{text: string(rs[i+1 : j]), quoted: true, negated: neg})
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
			j++
		}
		items = append(items, searchItem{text: string(rs[i:j]), negated: neg})
		i = j
	}
	return items
}

// searchTokens splits text into tokens of letters, marks and digits, the
// characters full-text tokenizers keep.
func searchTokens(text string) SearchPhrase {
	f := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !unicode.IsNumber(r)
	})
	if len(f) == 0 {
		return nil
	}
	return SearchPhrase(f)
}
