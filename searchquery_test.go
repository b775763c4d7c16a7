package orewatch_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

func TestParseSearchQuery(t *testing.T) {
	type P = orewatch.SearchPhrase
	cases := []struct {
		name string
		in   string
		want orewatch.SearchQuery
	}{
		{"Words", "rare earth", orewatch.SearchQuery{Clauses: [][]P{{{"rare"}}, {{"earth"}}}}},
		{"Phrase", `"rare earth" magnets`, orewatch.SearchQuery{Clauses: [][]P{{{"rare", "earth"}}, {{"magnets"}}}}},
		{"HyphenIsPhrase", "rare-earth", orewatch.SearchQuery{Clauses: [][]P{{{"rare", "earth"}}}}},
		{"Or", "gallium OR germanium antimony", orewatch.SearchQuery{Clauses: [][]P{{{"gallium"}, {"germanium"}}, {{"antimony"}}}}},
		{"ChainedOr", "a or b OR c", orewatch.SearchQuery{Clauses: [][]P{{{"a"}, {"b"}, {"c"}}}}},
		{"LeadingOr", "OR cobalt", orewatch.SearchQuery{Clauses: [][]P{{{"cobalt"}}}}},
		{"TrailingOr", "cobalt OR", orewatch.SearchQuery{Clauses: [][]P{{{"cobalt"}}}}},
		{"QuotedOrIsAWord", `cobalt "or" nickel`, orewatch.SearchQuery{Clauses: [][]P{{{"cobalt"}}, {{"or"}}, {{"nickel"}}}}},
		{"Excluded", "gallium -germanium", orewatch.SearchQuery{Clauses: [][]P{{{"gallium"}}}, Excluded: []P{{"germanium"}}}},
		{"ExcludedPhrase", `graphite -"natural graphite"`, orewatch.SearchQuery{Clauses: [][]P{{{"graphite"}}}, Excluded: []P{{"natural", "graphite"}}}},
		{"LoneMinus", "cobalt - nickel", orewatch.SearchQuery{Clauses: [][]P{{{"cobalt"}}, {{"nickel"}}}}},
		{"OnlyExcluded", "-cobalt", orewatch.SearchQuery{Excluded: []P{{"cobalt"}}}},
		{"UnclosedQuote", `"rare AND (earth`, orewatch.SearchQuery{Clauses: [][]P{{{"rare", "AND", "earth"}}}}},
		{"Syntax", `title:gallium NEAR(a b) x* ^y`, orewatch.SearchQuery{Clauses: [][]P{{{"title", "gallium"}}, {{"NEAR", "a"}}, {{"b"}}, {{"x"}}, {{"y"}}}}},
		{"Unicode", "République démocratique", orewatch.SearchQuery{Clauses: [][]P{{{"République"}}, {{"démocratique"}}}}},
		{"CombiningMark", "Re\u0301publique", orewatch.SearchQuery{Clauses: [][]P{{{"Re\u0301publique"}}}}},
		{"Punctuation", `!!! ??? ...`, orewatch.SearchQuery{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := orewatch.ParseSearchQuery(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("ParseSearchQuery(%q) mismatch (-want +got):\n%s", tc.in, d)
			}
		})
	}
	for _, in := range []string{"", " ", "\t\n "} {
		_, err := orewatch.ParseSearchQuery(in)
		if orewatch.ErrorCode(err) != orewatch.EINVALID {
			t.Errorf("ParseSearchQuery(%q): got %v, want an EINVALID error", in, err)
		}
	}
}

// FuzzParseSearchQuery checks that any input parses, and that the tokens
// hold only the characters full-text tokenizers keep.
func FuzzParseSearchQuery(f *testing.F) {
	for _, s := range []string{`"rare AND (earth`, `a OR -b "c d"`, `-"`, `""`, "\xff\x00", "稀土 OR 💎"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		q, err := orewatch.ParseSearchQuery(in)
		if err != nil {
			if strings.TrimSpace(in) != "" {
				t.Fatalf("ParseSearchQuery(%q): %v", in, err)
			}
			return
		}
		check := func(p orewatch.SearchPhrase) {
			if len(p) == 0 {
				t.Fatalf("ParseSearchQuery(%q): empty phrase", in)
			}
			for _, tok := range p {
				if tok == "" {
					t.Fatalf("ParseSearchQuery(%q): empty token", in)
				}
				for _, r := range tok {
					if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) && !unicode.IsNumber(r) {
						t.Fatalf("ParseSearchQuery(%q): token %q holds %q", in, tok, r)
					}
				}
			}
		}
		for _, c := range q.Clauses {
			if len(c) == 0 {
				t.Fatalf("ParseSearchQuery(%q): empty clause", in)
			}
			for _, p := range c {
				check(p)
			}
		}
		for _, p := range q.Excluded {
			check(p)
		}
	})
}
