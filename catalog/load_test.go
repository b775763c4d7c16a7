package catalog

import (
	"strings"
	"testing"
)

func TestParseMaterialsErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"NotAList", "name: x\n", "m.yaml:1:1: want a list of materials"},
		{"BadYAML", "- name: [\n", "m.yaml:"},
		{"NoName", "- kind: element\n", "m.yaml:1:3: material without a name"},
		{"UpperCase", "- {name: Gallium, kind: element}\n", `m.yaml:1:3: material "Gallium": canonical names are lower case`},
		{"Twice", "- {name: gallium, kind: element}\n- {name: gallium, kind: element}\n", `m.yaml:2:3: material "gallium" listed twice (first at line 1)`},
		{"BadKind", "- {name: gallium, kind: metal}\n", `m.yaml:1:3: material "gallium": unknown kind "metal"`},
		{"SymbolOnGroup", "- {name: rare earths, kind: group, symbol: RE}\n", `m.yaml:1:3: material "rare earths": only elements have a symbol`},
		{"UnknownParent", "- {name: gallium, kind: element, parents: [metals]}\n", `m.yaml:1: material "gallium": unknown parent "metals"`},
		{"SelfParent", "- {name: metals, kind: group, parents: [metals]}\n", `m.yaml:1: material "metals" is its own parent`},
		{"Cycle", "- {name: a, kind: group, parents: [b]}\n- {name: b, kind: group, parents: [a]}\n", `is its own ancestor`},
		{"ShortHS", "- {name: a, kind: element, tariff: [{code: '2846', scheme: HS, source: s}]}\n", `HS code "2846": want 6 digits`},
		{"ShortNational", "- {name: a, kind: element, tariff: [{code: '284690', scheme: CHN, source: s}]}\n", `CHN line "284690": want 8 or 10 digits`},
		{"Letters", "- {name: a, kind: element, tariff: [{code: '28x690', scheme: HS, source: s}]}\n", `tariff code "28x690": digits only`},
		{"BadScheme", "- {name: a, kind: element, tariff: [{code: '284690', scheme: hs, source: s}]}\n", `unknown scheme "hs"`},
		{"NoSource", "- {name: a, kind: element, tariff: [{code: '284690', scheme: HS}]}\n", `tariff code "284690": no source`},
		{"Empty", "", "m.yaml: no materials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseMaterials("m.yaml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestParseMaterialsImpliedHS(t *testing.T) {
	md, err := parseMaterials("m.yaml", []byte(`
- name: a
  kind: element
  tariff:
    - {code: "2846901940", scheme: CHN, label: x, source: M-1}
    - {code: "2846901993", scheme: CHN, label: x, source: M-1}
    - {code: "8110929010", scheme: CHN, label: x, source: M-2, no_hs: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range md.materials[0].TariffLines {
		got = append(got, l.Scheme+":"+l.Code+":"+l.Source)
	}
	want := "CHN:2846901940:M-1 CHN:2846901993:M-1 CHN:8110929010:M-2 HS:284690:M-1"
	if strings.Join(got, " ") != want {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func TestParseCountriesErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"Fields", "CHN|CN|156|China\n", "c.txt:1: want 7 fields"},
		{"Alpha3", "CH|CN|156|China|||\n", `c.txt:1:1: alpha-3 code "CH"`},
		{"Alpha2", "CHN|cn|156|China|||\n", `c.txt:1:5: alpha-2 code "cn"`},
		{"Numeric", "CHN|CN|15|China|||\n", `c.txt:1:8: numeric code "15"`},
		{"Name", "CHN|CN|156||||\n", `c.txt:1:12: country without a name`},
		{"DuplicateCode", "# comment\nCHN|CN|156|China|||\nCHN|CX|157|Other|||\n", `c.txt:3: code "CHN" already used on line 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCountries("c.txt", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestAssembleRejectsSharedNames(t *testing.T) {
	md, err := parseMaterials("m.yaml", []byte("- {name: a, kind: element, aliases: [x]}\n- {name: b, kind: element, aliases: [X]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := assemble(md, nil); err == nil || !strings.Contains(err.Error(), `name "X" is claimed by both "a" and "b"`) {
		t.Errorf("got %v, want a shared-name error", err)
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"rare earths": "rare earth", "batteries": "battery", "oxides": "oxide", "gases": "gas",
		"glass": "glass", "bus": "bus", "ores": "ore", "alloys": "alloy", "boxes": "box", "gas": "gas",
		"technologies": "technology", "furnaces": "furnace", "": "",
	} {
		if got := singular(in); got != want {
			t.Errorf("singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStripQualifiers(t *testing.T) {
	for in, want := range map[string]string{
		"antimony oxides (purity>=99.99%)":               "antimony oxides",
		"rechargeable lithium-ion batteries >=300 Wh/kg": "rechargeable lithium-ion batteries",
		"spherical (spheroidized) graphite":              "spherical graphite",
		"Brazil (beneficiated)":                          "Brazil",
		"no qualifier":                                   "",
		"(all)":                                          "",
	} {
		if got := stripQualifiers(in); got != want {
			t.Errorf("stripQualifiers(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseMaterials(f *testing.F) {
	data, err := dataFS.ReadFile("data/materials.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data[:2000]))
	f.Add("- {name: a, kind: element, parents: [b]}\n- {name: b, kind: group}\n")
	f.Add("- name: a\n  kind: element\n  tariff:\n    - {code: '12345678', scheme: CHN, source: s}\n")
	f.Fuzz(func(t *testing.T, s string) {
		md, err := parseMaterials("m.yaml", []byte(s))
		if err != nil {
			return
		}
		// What parses must be safe to index and expand.
		if c, err := assemble(md, nil); err == nil {
			for _, m := range c.materials {
				c.Expand(m.Name)
				c.Ancestors(m.Name)
			}
		}
	})
}

func FuzzParseCountries(f *testing.F) {
	data, err := dataFS.ReadFile("data/countries.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data[:2000]))
	f.Add("CHN|CN|156|China|PRC;Mainland China|Chinese|Beijing\n")
	f.Fuzz(func(t *testing.T, s string) {
		cs, err := parseCountries("c.txt", []byte(s))
		if err != nil {
			return
		}
		for _, c := range cs {
			if len(c.ISO3) != 3 || len(c.ISO2) != 2 || c.Name == "" {
				t.Errorf("accepted %+v", c)
			}
		}
		if c, err := assemble(&materialData{}, cs); err == nil {
			for _, k := range cs {
				if _, err := c.Country(k.ISO3); err != nil {
					t.Errorf("Country(%q): %v", k.ISO3, err)
				}
			}
		}
	})
}

// BenchmarkBuild measures building the catalogue from the embedded files,
// which New does once per process.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build(); err != nil {
			b.Fatal(err)
		}
	}
}
