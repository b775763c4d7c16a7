package catalog_test

import (
	"testing"

	"orewatch/catalog"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Empty", "", ""},
		{"AlreadyFolded", "rare earths", "rare earths"},
		{"Case", "Rare Earths", "rare earths"},
		{"Hyphens", "Rare-Earth Elements", "rare earth elements"},
		{"Underscore", "rare_earths", "rare earths"},
		{"Spaces", "  rare   earths \t", "rare earths"},
		{"Abbreviation", "U.S.", "us"},
		{"Code", "8112.92", "811292"},
		{"Ampersand", "Pumice & Pumicite", "pumice and pumicite"},
		{"AmpersandTight", "R&D", "r and d"},
		{"Accents", "Côte d'Ivoire", "cote divoire"},
		{"TypographicApostrophe", "Côte d’Ivoire", "cote divoire"},
		{"Diaeresis", "Türkiye", "turkiye"},
		{"Sharp", "Straße", "strasse"},
		{"Stroke", "Łódź", "lodz"},
		{"FullWidth", "ＮｄＦｅＢ", "ndfeb"},
		{"NonBreakingSpace", "United\u00a0States", "united states"},
		{"Brackets", "Graphite (Natural)", "graphite natural"},
		{"Comparison", "purity>=99.99%", "purity 9999"},
		{"Slash", "artificial/natural", "artificial natural"},
		{"EmDash", "Nitrogen (Fixed)—Ammonia", "nitrogen fixed ammonia"},
		{"OnlyPunctuation", "--()--", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := catalog.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
