package catalog_test

import (
	"errors"
	"testing"

	"orewatch"
	"orewatch/catalog"
)

func TestCountry(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name, in, want string
	}{
		{"ISOName", "China", "CHN"},
		{"Alpha3", "CHN", "CHN"},
		{"Alpha3Lower", "chn", "CHN"},
		{"Alpha2", "CN", "CHN"},
		{"Alpha2Lower", "cn", "CHN"},
		{"Numeric", "156", "CHN"},
		{"NumericLeadingZero", "076", "BRA"},
		{"Burma", "Burma", "MMR"},
		{"Myanmar", "Myanmar", "MMR"},
		{"DRC", "DRC", "COD"},
		{"DRCongo", "DR Congo", "COD"},
		{"CongoKinshasa", "Congo-Kinshasa", "COD"},
		{"DemocraticRepublic", "Democratic Republic of the Congo", "COD"},
		{"CongoKinshasaBrackets", "Congo (Kinshasa)", "COD"},
		{"WorldBankDRC", "Congo, Dem. Rep.", "COD"},
		{"IEADRC", "Democratic Republic of Congo", "COD"},
		{"RepublicOfCongo", "Republic of the Congo", "COG"},
		{"CongoBrazzaville", "Congo-Brazzaville", "COG"},
		{"CongoBrazzavilleBrackets", "Congo (Brazzaville)", "COG"},
		{"Congo", "Congo", "COG"},
		{"SouthKorea", "South Korea", "KOR"},
		{"KoreaRepublicOf", "Korea, Republic of", "KOR"},
		{"RepublicOfKorea", "Republic of Korea", "KOR"},
		{"NorthKorea", "North Korea", "PRK"},
		{"Russia", "Russia", "RUS"},
		{"Iran", "Iran", "IRN"},
		{"Vietnam", "Vietnam", "VNM"},
		{"VietNam", "Viet Nam", "VNM"},
		{"Laos", "Laos", "LAO"},
		{"Turkiye", "Türkiye", "TUR"},
		{"TurkiyeASCII", "Turkiye", "TUR"},
		{"Turkey", "Turkey", "TUR"},
		{"UK", "UK", "GBR"},
		{"Britain", "Britain", "GBR"},
		{"UnitedKingdom", "United Kingdom", "GBR"},
		{"US", "US", "USA"},
		{"USDots", "U.S.", "USA"},
		{"USA", "USA", "USA"},
		{"UnitedStates", "United States", "USA"},
		{"America", "America", "USA"},
		{"UAE", "UAE", "ARE"},
		{"Taiwan", "Taiwan", "TWN"},
		{"TaiwanChina", "Taiwan, China", "TWN"},
		{"Czechia", "Czechia", "CZE"},
		{"CzechRepublic", "Czech Republic", "CZE"},
		{"IvoryCoast", "Ivory Coast", "CIV"},
		{"CoteDIvoire", "Côte d'Ivoire", "CIV"},
		{"CoteDIvoireTypographic", "Côte d’Ivoire", "CIV"},
		{"CoteDIvoireASCII", "Cote d'Ivoire", "CIV"},
		{"Naoero", "Republic of Naoero", "NRU"},
		{"Somalia", "Federal Republic of Somalia", "SOM"},
		{"HongKong", "Hong Kong SAR, China", "HKG"},
		{"Bahamas", "Bahamas, The", "BHS"},
		{"QualifierInBrackets", "Brazil (beneficiated)", "BRA"},
		{"NonBreakingSpace", "United\u00a0States (kyanite)", "USA"},
		{"TrailingSpace", "Canada ", "CAN"},
		{"Kosovo", "Kosovo", "XKX"},
		{"DemonymChinese", "Chinese", "CHN"},
		{"DemonymAmerican", "American", "USA"},
		{"DemonymCongolese", "Congolese", "COD"},
		{"DemonymIndonesian", "Indonesian", "IDN"},
		{"DemonymPakistani", "Pakistani", "PAK"},
		{"DemonymDutch", "Dutch", "NLD"},
		{"CapitalBeijing", "Beijing", "CHN"},
		{"CapitalWashington", "Washington", "USA"},
		{"CapitalIslamabad", "Islamabad", "PAK"},
		{"CapitalKinshasa", "Kinshasa", "COD"},
		{"CapitalJakarta", "Jakarta", "IDN"},
		{"CapitalTokyo", "Tokyo", "JPN"},
		{"CapitalCanberra", "Canberra", "AUS"},
		{"CapitalBrussels", "Brussels", "BEL"},
		{"CapitalNaypyidaw", "Naypyidaw", "MMR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := c.Country(tt.in)
			if err != nil {
				t.Fatalf("Country(%q): %v", tt.in, err)
			}
			if k.ISO3 != tt.want {
				t.Errorf("Country(%q) = %s (%s), want %s", tt.in, k.ISO3, k.Name, tt.want)
			}
		})
	}
}

func TestCountryUnknown(t *testing.T) {
	c := catalog.New()
	tests := []struct{ name, in, wantFirst string }{
		{"Typo", "Chna", "China"},
		{"Typo2", "Indonesai", "Indonesia"},
		{"World", "World", ""},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Country(tt.in)
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.ENOTFOUND {
				t.Fatalf("Country(%q) error %v, want ENOTFOUND", tt.in, err)
			}
			if tt.wantFirst != "" && (len(e.Suggestions) == 0 || e.Suggestions[0] != tt.wantFirst) {
				t.Errorf("suggestions %q, want %q first", e.Suggestions, tt.wantFirst)
			}
		})
	}
}

func TestCountries(t *testing.T) {
	c := catalog.New()
	ks := c.Countries()
	iso, seen := 0, map[string]bool{}
	for _, k := range ks {
		if k.Numeric != "" {
			iso++
		}
		for _, code := range []string{k.ISO3, k.ISO2, k.Numeric} {
			if code == "" {
				continue
			}
			if seen[code] {
				t.Errorf("code %q used twice", code)
			}
			seen[code] = true
			got, err := c.Country(code)
			if err != nil || got.ISO3 != k.ISO3 {
				t.Errorf("Country(%q) = %v, %v; want %s", code, got, err, k.ISO3)
			}
		}
		forms := append(catalog.CountryNames(k), k.Demonyms...)
		if k.Capital != "" {
			forms = append(forms, k.Capital)
		}
		for _, f := range forms {
			if got, err := c.Country(f); err != nil || got.ISO3 != k.ISO3 {
				t.Errorf("%q (of %s) resolves to %v, %v", f, k.ISO3, got, err)
			}
		}
	}
	// ISO 3166-1 has 249 entries; Kosovo (XKX) is user-assigned and has no
	// numeric code.
	if iso != 249 || len(ks) != 250 {
		t.Errorf("%d countries, %d with a numeric code; want 250 and 249", len(ks), iso)
	}
}
