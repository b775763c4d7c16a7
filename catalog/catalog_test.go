package catalog_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
)

var rareEarthElements = []string{
	"lanthanum", "cerium", "praseodymium", "neodymium", "promethium", "samarium", "europium",
	"gadolinium", "terbium", "dysprosium", "holmium", "erbium", "thulium", "ytterbium",
	"lutetium", "scandium", "yttrium",
}

func TestMaterial(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name, in, want string
	}{
		{"Canonical", "dysprosium", "dysprosium"},
		{"UpperCase", "DYSPROSIUM", "dysprosium"},
		{"Symbol", "Dy", "dysprosium"},
		{"SymbolLowerCase", "dy", "dysprosium"},
		{"SymbolGa", "ga", "gallium"},
		{"SymbolIn", "In", "indium"},
		{"SymbolInLower", "in", "indium"},
		{"SymbolAs", "As", "arsenic"},
		{"SymbolY", "Y", "yttrium"},
		{"SymbolW", "W", "tungsten"},
		{"SymbolReExact", "Re", "rhenium"},
		{"AliasREBeatsFoldedSymbol", "RE", "rare earths"},
		{"AliasRELower", "re", "rare earths"},
		{"Spaces", "  gallium  ", "gallium"},
		{"HyphenAndCase", "Rare-Earth Elements", "rare earths"},
		{"Alias", "rare earth elements", "rare earths"},
		{"Singular", "rare earth", "rare earths"},
		{"AliasREE", "REE", "rare earths"},
		{"AliasREEs", "REEs", "rare earths"},
		{"DataFileKey", "rare_earths", "rare earths"},
		{"DataFileKeyGraphite", "graphite_natural", "natural graphite"},
		{"DataFileKeyMagnesium", "magnesium_metal", "magnesium metal"},
		{"NdPr", "NdPr", "NdPr oxide"},
		{"PGMs", "PGMs", "platinum-group metals"},
		{"PGMSingular", "platinum-group metal", "platinum-group metals"},
		{"NdFeB", "NdFeB", "NdFeB magnets"},
		{"NdFeBSingular", "NdFeB magnet", "NdFeB magnets"},
		{"NeodymiumMagnets", "neodymium-iron-boron magnets", "NdFeB magnets"},
		{"NdFeBHyphenated", "Nd-Fe-B magnets", "NdFeB magnets"},
		{"Graphite", "graphite", "graphite"},
		{"SyntheticGraphite", "synthetic graphite", "artificial graphite"},
		{"SpheroidizedGraphite", "spherical (spheroidized) graphite", "spherical graphite"},
		{"QualifierInBrackets", "antimony oxides (purity>=99.99%)", "antimony oxides"},
		{"TrailingSpecification", "rechargeable lithium-ion batteries >=300 Wh/kg", "lithium-ion batteries"},
		{"PluralBatteries", "lithium-ion battery", "lithium-ion batteries"},
		{"Slash", "artificial/natural graphite blended anode material", "blended graphite anode material"},
		{"LongItem", "samarium-cobalt, NdFeB and cerium magnet preparation technology", "rare earth magnet preparation technology"},
		{"Equipment", "DC arc plasma jet CVD (DCPCVD) equipment", "DCPCVD equipment"},
		{"NCMPrecursor", "nickel-cobalt-manganese hydroxide precursor", "NCM precursor"},
		{"NickelOre", "nickel ore", "nickel ore"},
		{"Accents", "ｇａｌｌｉｕｍ", "gallium"},
		{"Aluminium", "Aluminium", "aluminum"},
		{"Sulphur", "sulphur", "sulfur"},
		{"Columbium", "columbium", "niobium"},
		{"Wolfram", "Wolfram", "tungsten"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Material(tt.in)
			if err != nil {
				t.Fatalf("Material(%q): %v", tt.in, err)
			}
			if m.Name != tt.want {
				t.Errorf("Material(%q) = %q, want %q", tt.in, m.Name, tt.want)
			}
		})
	}
}

func TestMaterialDysprosium(t *testing.T) {
	m, err := catalog.New().Material("Dy")
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "dysprosium" || m.Kind != orewatch.KindElement || m.Symbol != "Dy" {
		t.Errorf("got %q %q %q, want dysprosium element Dy", m.Name, m.Kind, m.Symbol)
	}
	for _, p := range []string{"rare earths", "medium and heavy rare earths"} {
		if !slices.Contains(m.Parents, p) {
			t.Errorf("parents %q lack %q", m.Parents, p)
		}
	}
	if m.Parents[0] != "rare earths" {
		t.Errorf("first parent %q, want rare earths", m.Parents[0])
	}
	var codes []string
	for _, l := range m.TariffLines {
		codes = append(codes, l.Scheme+":"+l.Code)
		if l.Source == "" || l.Label == "" {
			t.Errorf("tariff line %+v lacks a source or label", l)
		}
	}
	if diff := cmp.Diff([]string{"HS:280530", "HS:284690"}, codes); diff != "" {
		t.Errorf("tariff lines (-want +got):\n%s", diff)
	}
	if m.USGSCommodity != "Dysprosium" {
		t.Errorf("USGS commodity %q, want Dysprosium", m.USGSCommodity)
	}
}

// TestElementTariffLines checks that an element lists the national lines
// of the products below it, each naming its product, after its own lines:
// the element is where users look for a measure's lines.
func TestElementTariffLines(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name     string
		material string
		want     []string // scheme:code:source, in order
		product  map[string]string
	}{
		{name: "Gallium", material: "gallium",
			want: []string{"HS:811292:HS 2022 nomenclature",
				"CHN:8110929010:CHN-2023-23", "CHN:8112929010:CHN-2023-23", "CHN:8112929090:CHN-2023-23", "CHN:8112999000:CHN-2023-23",
				"CHN:2850001901:CHN-2023-23", "CHN:3818009001:CHN-2023-23", "CHN:3825690001:CHN-2023-23",
				"CHN:2825909001:CHN-2023-23", "CHN:3818009002:CHN-2023-23", "CHN:3825690002:CHN-2023-23",
				"CHN:2853904030:CHN-2023-23", "CHN:3818009003:CHN-2023-23", "CHN:3825690003:CHN-2023-23",
				"CHN:2853909026:CHN-2023-23", "CHN:3818009004:CHN-2023-23", "CHN:3825690004:CHN-2023-23",
				"CHN:2853909028:CHN-2023-23", "CHN:3818009005:CHN-2023-23", "CHN:3825690005:CHN-2023-23",
				"CHN:2842909024:CHN-2023-23", "CHN:3818009006:CHN-2023-23", "CHN:3825690006:CHN-2023-23",
				"CHN:2853909029:CHN-2023-23", "CHN:3818009007:CHN-2023-23", "CHN:3825690007:CHN-2023-23"},
			product: map[string]string{"8112929010": "gallium metal", "2850001901": "gallium nitride"}},
		{name: "Tungsten", material: "W",
			want: []string{"HS:810110:HS 2022 nomenclature", "HS:810194:HS 2022 nomenclature", "HS:810196:HS 2022 nomenclature",
				"HS:810197:HS 2022 nomenclature", "HS:810199:HS 2022 nomenclature",
				"CHN:2841801000:CHN-2025-10", "CHN:2825901200:CHN-2025-10", "CHN:2825901910:CHN-2025-10",
				"CHN:2825901920:CHN-2025-10", "CHN:2849902000:CHN-2025-10"},
			product: map[string]string{"2841801000": "ammonium paratungstate", "2825901910": "tungsten oxide", "2849902000": "tungsten carbide"}},
		{name: "ProductKeepsItsOwn", material: "gallium metal",
			want: []string{"CHN:8110929010:CHN-2023-23", "CHN:8112929010:CHN-2023-23", "CHN:8112929090:CHN-2023-23",
				"CHN:8112999000:CHN-2023-23", "HS:811292:CHN-2023-23", "HS:811299:CHN-2023-23"}},
		{name: "GroupStopsRollUp", material: "battery materials",
			want: []string{"CHN:28429040:CHN-2025-58", "CHN:28539030:CHN-2025-58", "CHN:28539050:CHN-2025-58", "CHN:84798999:CHN-2025-58",
				"HS:284290:CHN-2025-58", "HS:285390:CHN-2025-58", "HS:847989:CHN-2025-58", "CHN:85076000:CHN-2025-58"},
			product: map[string]string{"85076000": "lithium-ion batteries"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Material(tt.material)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range m.TariffLines {
				got = append(got, l.Scheme+":"+l.Code+":"+l.Source)
				if p, ok := tt.product[l.Code]; ok && !strings.HasPrefix(l.Label, "["+p+"] ") {
					t.Errorf("line %s: label %q does not name its product %q", l.Code, l.Label, p)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tariff lines of %s (-want +got):\n%s", tt.material, diff)
			}
		})
	}
}

func TestMaterialUnknown(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name, in  string
		wantFirst string // "" when no suggestion is expected
		wantAlso  []string
	}{
		{"MissingLetter", "dysprosum", "dysprosium", nil},
		{"Transposition", "dysrposium", "dysprosium", nil},
		{"Gallium", "galium", "gallium", nil},
		{"Nickle", "nickle", "nickel", nil},
		{"Graphit", "grafite", "graphite", nil},
		{"Neodymum", "neodymum", "neodymium", nil},
		{"SubstringWords", "graphite anode", "", []string{"artificial graphite anode material", "blended graphite anode material"}},
		{"Nonsense", "qwxzv", "", nil},
		{"Empty", "", "", nil},
		{"NotAMaterial", "all listed dual-use items", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Material(tt.in)
			if err == nil {
				t.Fatalf("Material(%q) = %q, want an error", tt.in, m.Name)
			}
			var e *orewatch.Error
			if !errors.As(err, &e) || e.Code != orewatch.ENOTFOUND {
				t.Fatalf("error %v (%T), want ENOTFOUND *orewatch.Error", err, err)
			}
			if want := `unknown material "` + tt.in + `"`; e.Message != want {
				t.Errorf("message %q, want %q", e.Message, want)
			}
			if len(e.Suggestions) > 5 {
				t.Errorf("%d suggestions, want at most 5", len(e.Suggestions))
			}
			if tt.wantFirst != "" && (len(e.Suggestions) == 0 || e.Suggestions[0] != tt.wantFirst) {
				t.Errorf("suggestions %q, want %q first", e.Suggestions, tt.wantFirst)
			}
			if tt.wantFirst == "" && tt.wantAlso == nil && len(e.Suggestions) > 0 {
				t.Errorf("suggestions %q, want none", e.Suggestions)
			}
			for _, w := range tt.wantAlso {
				if !slices.Contains(e.Suggestions, w) {
					t.Errorf("suggestions %q lack %q", e.Suggestions, w)
				}
			}
		})
	}
}

func TestMaterialReturnsCopy(t *testing.T) {
	c := catalog.New()
	m, err := c.Material("dysprosium")
	if err != nil {
		t.Fatal(err)
	}
	m.Parents[0] = "changed"
	m.Name = "changed"
	again, _ := c.Material("dysprosium")
	if again.Name != "dysprosium" || again.Parents[0] != "rare earths" {
		t.Errorf("changing a returned material changed the catalogue: %+v", again)
	}
}

func TestRareEarthGroups(t *testing.T) {
	c := catalog.New()
	// China's 2025 lists: Ann. 18 (seven) and Ann. 57 (five).
	mediumHeavy := []string{"samarium", "gadolinium", "terbium", "dysprosium", "lutetium", "scandium", "yttrium",
		"holmium", "erbium", "thulium", "europium", "ytterbium"}
	for _, name := range rareEarthElements {
		m, err := c.Material(name)
		if err != nil {
			t.Fatal(err)
		}
		if m.Kind != orewatch.KindElement || m.Symbol == "" {
			t.Errorf("%s: kind %q symbol %q, want an element with a symbol", name, m.Kind, m.Symbol)
		}
		if !slices.Contains(m.Parents, "rare earths") {
			t.Errorf("%s: parents %q lack rare earths", name, m.Parents)
		}
		light := slices.Contains(m.Parents, "light rare earths")
		mh := slices.Contains(m.Parents, "medium and heavy rare earths")
		if light == mh {
			t.Errorf("%s: parents %q, want exactly one of light or medium and heavy rare earths", name, m.Parents)
		}
		if mh != slices.Contains(mediumHeavy, name) {
			t.Errorf("%s: in medium and heavy rare earths = %v, want %v", name, mh, !mh)
		}
		if mh && m.Note == "" {
			t.Errorf("%s: no note naming the list it came from", name)
		}
	}
	var got []string
	for _, n := range c.Expand("medium and heavy rare earths")[1:] {
		if m, _ := c.Material(n); m.Kind == orewatch.KindElement {
			got = append(got, n)
		}
	}
	slices.Sort(got)
	want := slices.Clone(mediumHeavy)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expand(medium and heavy rare earths) (-want +got):\n%s", diff)
	}
}

func TestExpand(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name, in string
		first    string
		contains []string
		lacks    []string
		exactly  []string
	}{
		{name: "RareEarths", in: "REE", first: "rare earths",
			contains: append(slices.Clone(rareEarthElements), "light rare earths", "medium and heavy rare earths", "NdFeB magnets", "samarium-cobalt magnets", "NdPr oxide"),
			lacks:    []string{"gallium", "rare earth technology"}},
		{name: "Graphite", in: "graphite", first: "graphite",
			contains: []string{"natural graphite", "flake graphite", "spherical graphite", "expanded graphite", "artificial graphite", "artificial graphite anode material"},
			lacks:    []string{"lithium"}},
		{name: "Gallium", in: "Ga", first: "gallium",
			contains: []string{"gallium nitride", "gallium arsenide", "indium gallium arsenide", "gallium metal"},
			lacks:    []string{"germanium", "indium"}},
		{name: "BatteryMaterials", in: "battery materials", first: "battery materials",
			contains: []string{"lithium", "cobalt", "nickel", "graphite", "natural graphite", "lithium-ion batteries", "NCM precursor", "lithium iron phosphate cathode material", "lithium-ion battery manufacturing equipment", "nickel ore"}},
		{name: "RareEarthTechnology", in: "rare earth technologies", first: "rare earth technology",
			contains: []string{"rare earth extraction and separation technology", "rare earth magnet preparation technology"}},
		{name: "Leaf", in: "dysprosium", exactly: []string{"dysprosium"}},
		{name: "Unknown", in: "dysprosum", exactly: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Expand(tt.in)
			if tt.first == "" {
				if diff := cmp.Diff(tt.exactly, got); diff != "" {
					t.Errorf("Expand(%q) (-want +got):\n%s", tt.in, diff)
				}
				return
			}
			if len(got) == 0 || got[0] != tt.first {
				t.Fatalf("Expand(%q) = %q, want %q first", tt.in, got, tt.first)
			}
			seen := map[string]bool{}
			for _, n := range got {
				if seen[n] {
					t.Errorf("Expand(%q) lists %q twice", tt.in, n)
				}
				seen[n] = true
			}
			for _, w := range tt.contains {
				if !seen[w] {
					t.Errorf("Expand(%q) lacks %q", tt.in, w)
				}
			}
			for _, w := range tt.lacks {
				if seen[w] {
					t.Errorf("Expand(%q) has %q", tt.in, w)
				}
			}
		})
	}
}

func TestAncestors(t *testing.T) {
	c := catalog.New()
	got := c.Ancestors("NdFeB magnets")
	want := []string{"neodymium", "rare earth magnets", "rare earths", "light rare earths"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ancestors(NdFeB magnets) (-want +got):\n%s", diff)
	}
	// Item 1E902.a of Ann. 62/2025 spans the technologies the 2023
	// catalogue names, so a query for one of them reaches both measures.
	got = c.Ancestors("rare earth extraction technology")
	want = []string{"rare earth mining, processing, magnet and recycling technology", "rare earth technology"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ancestors(rare earth extraction technology) (-want +got):\n%s", diff)
	}
	if got := c.Ancestors("rare earths"); len(got) != 0 {
		t.Errorf("Ancestors(rare earths) = %q, want none", got)
	}
}

func TestMaterialsByTariff(t *testing.T) {
	c := catalog.New()
	tests := []struct {
		name, code string
		first      string   // "" when nothing may match
		contains   []string // further materials among the matches
		lacks      []string // materials that must not match
	}{
		{"NationalLineExact", "2846901940", "samarium", []string{"rare earths", "dysprosium"}, nil},
		{"HSFindsNationalLines", "284690", "rare earths", []string{"samarium", "dysprosium", "yttrium"}, nil},
		{"Dotted", "2846.90", "rare earths", []string{"samarium", "dysprosium"}, nil},
		{"SpacedNational", "8507 60 00", "lithium-ion batteries", nil, nil},
		{"DottedNational", "8507.60.00", "lithium-ion batteries", nil, nil},
		{"EightDigitFindsTen", "81129290", "gallium metal", nil, nil},
		{"HSHeadingOfGaGe", "811292", "gallium", []string{"gallium metal", "germanium"}, nil},
		{"GalliumNitride", "2850001901", "gallium nitride", nil, nil},
		{"LongerThanLine", "85076000", "lithium-ion batteries", nil, nil},
		{"NaturalGraphiteHS", "250410", "natural graphite", nil, nil},
		{"NickelOre", "2604.00", "nickel ore", nil, nil},
		{"Cobalt", "810520", "cobalt", nil, nil},
		{"TooShort", "28469", "", nil, nil},
		{"TooLong", "28469019401", "", nil, nil},
		{"Letters", "2846ab", "", nil, nil},
		{"Empty", "", "", nil, nil},
		{"NoSuchLine", "999999", "", nil, nil},
		// A line an element lists for a product below it stays the
		// product's: the lookup names the product first (the element only
		// through its HS subheading).
		{"ProductLineNotElement", "8112929010", "gallium metal", []string{"gallium"}, nil},
		{"TungstateNotTungsten", "2841801000", "ammonium paratungstate", nil, []string{"tungsten"}},
		{"TungstenWaste", "8101.97", "tungsten", nil, nil},
		{"TungstenHeadingByPrefix", "810194", "tungsten", nil, []string{"ammonium paratungstate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := c.MaterialsByTariff(tt.code)
			var names []string
			for _, m := range ms {
				names = append(names, m.Name)
			}
			if tt.first == "" {
				if len(ms) != 0 {
					t.Errorf("MaterialsByTariff(%q) = %q, want none", tt.code, names)
				}
				return
			}
			if len(names) == 0 || names[0] != tt.first {
				t.Fatalf("MaterialsByTariff(%q) = %q, want %q first", tt.code, names, tt.first)
			}
			for _, w := range tt.contains {
				if !slices.Contains(names, w) {
					t.Errorf("MaterialsByTariff(%q) = %q, lacks %q", tt.code, names, w)
				}
			}
			for _, w := range tt.lacks {
				if slices.Contains(names, w) {
					t.Errorf("MaterialsByTariff(%q) = %q, want no %q", tt.code, names, w)
				}
			}
		})
	}
}

func TestParseTariffCode(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2846.90", "284690", true},
		{" 8507 60 00 ", "85076000", true},
		{"2846901940", "2846901940", true},
		{"2846", "", false},
		{"28469019401", "", false},
		{"28x690", "", false},
	}
	for _, tt := range tests {
		got, err := catalog.ParseTariffCode(tt.in)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("ParseTariffCode(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && orewatch.ErrorCode(err) != orewatch.EINVALID {
			t.Errorf("ParseTariffCode(%q) error code %q, want %q", tt.in, orewatch.ErrorCode(err), orewatch.EINVALID)
		}
	}
}

func TestUSGSMaterial(t *testing.T) {
	c := catalog.New()
	tests := []struct{ in, want string }{
		{"Rare earths", "rare earths"},
		{"RARE EARTHS, compounds and metals", "rare earths"},
		{"Graphite", "natural graphite"},
		{"Graphite (Natural)", "natural graphite"},
		{"GRAPHITE (NATURAL)", "natural graphite"},
		{"Platinum-Group metals", "platinum-group metals"},
		{"Gemanium", "germanium"},
		{"Iron Ore  ", "iron ore"},
		{"Rare Earths (Heavy)", "heavy rare earths"},
		{"Niobium (Columbium)", "niobium"},
		{"Nitrogen(fixed) - Ammonia", "ammonia"},
		{"Pumice & Pumicite ", "pumice and pumicite"},
		{"Talc, crude", "talc and pyrophyllite"},
		{"TITANIUM, sponge metal", "titanium sponge"},
		{"COPPER, refined", "copper"},
		{"DIAMOND (INDUSTRIAL), stones", "industrial diamond stones"},
		{"Diamond (Bort, grit, and dust and powder; natural and synthetic)", "industrial diamond bort, grit, dust and powder"},
		{"Magnesium metal", "magnesium metal"},
		{"Dysprosium", "dysprosium"},
		{"Rare earth", "rare earths"},
	}
	for _, tt := range tests {
		m, err := c.USGSMaterial(tt.in)
		if err != nil {
			t.Errorf("USGSMaterial(%q): %v", tt.in, err)
			continue
		}
		if m.Name != tt.want {
			t.Errorf("USGSMaterial(%q) = %q, want %q", tt.in, m.Name, tt.want)
		}
	}
	// In prose "graphite" is the group; only USGS tables mean natural graphite.
	if m, _ := c.Material("Graphite"); m == nil || m.Name != "graphite" {
		t.Errorf("Material(Graphite) = %v, want the graphite group", m)
	}
	if _, err := c.USGSMaterial("Unobtainium"); orewatch.ErrorCode(err) != orewatch.ENOTFOUND {
		t.Errorf("USGSMaterial(Unobtainium) error %v, want ENOTFOUND", err)
	}
}

func TestIEAMaterial(t *testing.T) {
	c := catalog.New()
	for in, want := range map[string]string{
		"Rare Earth Elements": "rare earths",
		"Graphite":            "graphite",
		"Cobalt":              "cobalt",
		"Copper":              "copper",
		"Lithium":             "lithium",
		"Nickel":              "nickel",
	} {
		m, err := c.IEAMaterial(in)
		if err != nil || m.Name != want {
			t.Errorf("IEAMaterial(%q) = %v, %v; want %q", in, m, err, want)
		}
	}
}

// TestCatalogueConsistency checks the invariants the data file must keep.
func TestCatalogueConsistency(t *testing.T) {
	c := catalog.New()
	ms := c.Materials()
	if len(ms) < 150 {
		t.Errorf("%d materials, want the full catalogue", len(ms))
	}
	names := map[string]bool{}
	for _, m := range ms {
		names[m.Name] = true
	}
	for _, m := range ms {
		if got, err := c.Material(m.Name); err != nil || got.Name != m.Name {
			t.Errorf("Material(%q) = %v, %v", m.Name, got, err)
		}
		for _, a := range m.Aliases {
			if got, err := c.Material(a); err != nil || got.Name != m.Name {
				t.Errorf("alias %q of %q resolves to %v, %v", a, m.Name, got, err)
			}
		}
		for _, p := range m.Parents {
			if !names[p] {
				t.Errorf("%q: unknown parent %q", m.Name, p)
			}
		}
		if m.Symbol != "" {
			if got, err := c.Material(m.Symbol); err != nil || got.Name != m.Name {
				t.Errorf("symbol %q of %q resolves to %v, %v", m.Symbol, m.Name, got, err)
			}
		}
		for _, l := range m.TariffLines {
			switch {
			case l.Scheme == "HS" && len(l.Code) != 6,
				l.Scheme == "CHN" && len(l.Code) != 8 && len(l.Code) != 10,
				l.Scheme != "HS" && l.Scheme != "CHN":
				t.Errorf("%q: bad tariff line %+v", m.Name, l)
			}
			if l.Source == "" || l.Label == "" {
				t.Errorf("%q: tariff line %+v lacks a source or label", m.Name, l)
			}
			// Every national line brings its HS subheading, unless its
			// heading was misprinted; a line shown for products below
			// ("[gallium metal] ...") has it on the first product.
			owner := m
			if rest, ok := strings.CutPrefix(l.Label, "["); ok {
				names, _, _ := strings.Cut(rest, "]")
				first, _, _ := strings.Cut(names, ", ")
				p, err := c.Material(first)
				if err != nil {
					t.Errorf("%q: line %s names unknown product %q", m.Name, l.Code, first)
					continue
				}
				if !slices.Contains(c.Expand(m.Name), p.Name) || !hasLine(p, l.Scheme, l.Code) {
					t.Errorf("%q: line %s names %q, which is not below it or lacks the line", m.Name, l.Code, p.Name)
				}
				owner = p
			}
			if l.Scheme == "CHN" && l.Code != "8110929010" && !hasLine(owner, "HS", l.Code[:6]) {
				t.Errorf("%q: CHN line %s without its HS subheading", owner.Name, l.Code)
			}
		}
		if got := catalog.Names(m); got[0] != m.Name || len(got) != 1+len(m.Aliases) {
			t.Errorf("Names(%q) = %q", m.Name, got)
		}
	}
}

func hasLine(m *orewatch.Material, scheme, code string) bool {
	for _, l := range m.TariffLines {
		if l.Scheme == scheme && l.Code == code {
			return true
		}
	}
	return false
}

func TestNew(t *testing.T) {
	first, second := catalog.New(), catalog.New()
	if first != second {
		t.Error("New built the catalogue twice")
	}
}

func TestIsAbbreviation(t *testing.T) {
	for in, want := range map[string]bool{
		"GaP": true, "APT": true, "RE": true, "NdFeB": true, "LFP": true, "1E902.a": true,
		"gallium phosphide": false, "Rare earths": false, "NdFeB magnets": false, "moly": false,
	} {
		if got := catalog.IsAbbreviation(in); got != want {
			t.Errorf("IsAbbreviation(%q) = %v, want %v", in, got, want)
		}
	}
}
