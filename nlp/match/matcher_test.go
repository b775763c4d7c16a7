package match_test

import (
	"testing"

	"orewatch/nlp/match"
)

func TestFoldString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Lower", "Rare Earths", "rare earths"},
		{"HyphenIsSpace", "rare-earth", "rare earth"},
		{"Dashes", "Pakistan–US—deal", "pakistan us deal"},
		{"SpaceRuns", "  a \n\t b  ", "a b"},
		{"Accents", "Côte d’Ivoire", "cote d'ivoire"},
		{"Ligature", "ﬁne", "fine"},
		{"SharpS", "Straße", "strasse"},
		{"FullWidth", "ＵＳ", "us"},
		{"NoBreakSpace", "60\u00a0%", "60 %"},
		{"SoftHyphen", "lith\u00adium", "lithium"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := match.FoldString(tt.in); got != tt.want {
				t.Errorf("FoldString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindAll(t *testing.T) {
	pats := []match.Pattern{
		{Text: "rare earth", Mode: match.Insensitive},          // 0
		{Text: "rare earth elements", Mode: match.Insensitive}, // 1
		{Text: "US", Mode: match.Sensitive},                    // 2
		{Text: "U.S.", Mode: match.Insensitive},                // 3
		{Text: "Chad", Mode: match.Capitalized},                // 4
		{Text: "earth elements", Mode: match.Insensitive},      // 5
		{Text: "China", Mode: match.Capitalized},               // 6
		{Text: "China Daily", Mode: match.Capitalized},         // 7
		{Text: "Côte d'Ivoire", Mode: match.Capitalized},       // 8
		{Text: "lithium", Mode: match.Insensitive},             // 9
	}
	m := match.New(pats)
	type hit struct {
		text string
		pat  int
	}
	tests := []struct {
		name string
		in   string
		want []hit
	}{
		{"LongestWins", "Rare-earth elements from China", []hit{{"Rare-earth elements", 1}, {"China", 6}}},
		{"LeftmostBeforeLongest", "rare earth earth elements", []hit{{"rare earth", 0}, {"earth elements", 5}}},
		{"CaseSensitiveCode", "the US and us", []hit{{"US", 2}}},
		{"DottedCode", "to the U.S. on", []hit{{"U.S.", 3}}},
		{"Capitalized", "Chad, not chad", []hit{{"Chad", 4}}},
		{"AllCapsHeadline", "CHINA BANS", []hit{{"CHINA", 6}}},
		{"OrgSwallowsCountry", "China Daily said China", []hit{{"China Daily", 7}, {"China", 6}}},
		{"WordBoundary", "Chinatown lithiumion lithium", []hit{{"lithium", 9}}},
		{"AccentAndApostrophe", "Cote d’Ivoire", []hit{{"Cote d’Ivoire", 8}}},
		{"LineBreakInside", "rare\nearth", []hit{{"rare\nearth", 0}}},
		{"None", "nothing here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.FindAll(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("FindAll(%q) = %v, want %d matches", tt.in, got, len(tt.want))
			}
			for i, g := range got {
				if s := tt.in[g.Start:g.End]; s != tt.want[i].text || g.Pattern != tt.want[i].pat {
					t.Errorf("match %d = %q (pattern %d), want %q (pattern %d)", i, s, g.Pattern, tt.want[i].text, tt.want[i].pat)
				}
			}
		})
	}
}

func TestTiedPatterns(t *testing.T) {
	m := match.New([]match.Pattern{{Text: "Georgia"}, {Text: "georgia", Mode: match.Capitalized}, {Text: "GEORGIA", Mode: match.Sensitive}})
	got := m.FindAll("in Georgia")
	if len(got) != 2 || got[0].Pattern != 0 || got[1].Pattern != 1 || got[0].Start != 3 || got[1].End != 10 {
		t.Errorf("got %v, want patterns 0 and 1 on 3..10", got)
	}
}

func BenchmarkFindAll(b *testing.B) {
	var pats []match.Pattern
	for _, w := range []string{"rare earth", "rare earths", "gallium", "germanium", "graphite", "antimony", "China", "United States", "U.S.", "export controls", "Ministry of Commerce", "lithium", "cobalt", "nickel"} {
		pats = append(pats, match.Pattern{Text: w})
	}
	m := match.New(pats)
	text := "China's Ministry of Commerce said on Thursday it would impose export controls on gallium, germanium and graphite, a move that could hit U.S. buyers of rare earths and lithium. "
	for len(text) < 5000 {
		text += text
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		m.FindAll(text)
	}
}
