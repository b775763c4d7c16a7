package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"orewatch"
)

// materialRecord is one entry of data/materials.yaml.
type materialRecord struct {
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Symbol  string   `yaml:"symbol"`
	Parents []string `yaml:"parents"`
	Aliases []string `yaml:"aliases"`
	// USGS is the commodity name of the USGS MCS 2026 data release; USGSOther
	// lists the other spellings USGS files use for the same commodity
	// (MCS 2025 names, typos). They resolve through USGSMaterial only, since
	// some ("Graphite") mean something narrower in USGS tables than in prose.
	USGS      string   `yaml:"usgs"`
	USGSOther []string `yaml:"usgs_other"`
	// Keys are further names that resolve but are no aliases: spellings of
	// data-file keys ("graphite_natural") that a gazetteer should not match.
	Keys []string `yaml:"keys"`
	// IEA is the mineral name of the IEA Critical Minerals Dataset.
	IEA   string       `yaml:"iea"`
	Note  string       `yaml:"note"`
	Lines []lineRecord `yaml:"tariff"`
}

// lineRecord is a tariff line of a material. A national line implies its
// 6-digit HS subheading, which the loader adds unless NoHS is set (for lines
// printed with a heading that does not exist).
type lineRecord struct {
	Code   string `yaml:"code"`
	Scheme string `yaml:"scheme"`
	Label  string `yaml:"label"`
	Source string `yaml:"source"`
	NoHS   bool   `yaml:"no_hs"`
}

// materialData is a parsed materials file with the source-specific names.
type materialData struct {
	materials []*orewatch.Material
	// own is how many of a material's tariff lines are its own (listed for
	// it or implied by those); the rest are rolled up from products below.
	own  map[*orewatch.Material]int
	usgs map[*orewatch.Material][]string // every USGS spelling
	keys map[*orewatch.Material][]string
	iea  map[*orewatch.Material]string
}

var kinds = map[string]orewatch.MaterialKind{
	string(orewatch.KindElement):    orewatch.KindElement,
	string(orewatch.KindGroup):      orewatch.KindGroup,
	string(orewatch.KindProduct):    orewatch.KindProduct,
	string(orewatch.KindTechnology): orewatch.KindTechnology,
	string(orewatch.KindEquipment):  orewatch.KindEquipment,
}

// parseMaterials reads the materials file and checks it: known kinds,
// canonical names that are their own folded form, parents that exist, no
// cycles, and tariff codes of the right length. Errors name the file and the
// line of the entry.
func parseMaterials(file string, data []byte) (*materialData, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: no materials", file)
	}
	seq := doc.Content[0]
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d:%d: want a list of materials", file, seq.Line, seq.Column)
	}
	out := &materialData{
		usgs: map[*orewatch.Material][]string{},
		keys: map[*orewatch.Material][]string{},
		iea:  map[*orewatch.Material]string{},
	}
	byName := map[string]*orewatch.Material{}
	lineOf := map[*orewatch.Material]int{}
	noHS := map[*orewatch.TariffLine]bool{}
	for _, n := range seq.Content {
		var r materialRecord
		if err := n.Decode(&r); err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %w", file, n.Line, n.Column, err)
		}
		at := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d:%d: %s", file, n.Line, n.Column, fmt.Sprintf(format, args...))
		}
		name := strings.TrimSpace(r.Name)
		switch {
		case name == "":
			return nil, at("material without a name")
		case name != strings.ToLower(name) && !hasUpperByDesign(name):
			return nil, at("material %q: canonical names are lower case", name)
		case byName[name] != nil:
			return nil, at("material %q listed twice (first at line %d)", name, lineOf[byName[name]])
		}
		kind, ok := kinds[r.Kind]
		if !ok {
			return nil, at("material %q: unknown kind %q (want element, group, product, technology or equipment)", name, r.Kind)
		}
		m := &orewatch.Material{
			Name:          name,
			Kind:          kind,
			Symbol:        r.Symbol,
			Parents:       r.Parents,
			Aliases:       r.Aliases,
			USGSCommodity: strings.TrimSpace(r.USGS),
			Note:          strings.TrimSpace(r.Note),
		}
		if r.Symbol != "" && kind != orewatch.KindElement {
			return nil, at("material %q: only elements have a symbol", name)
		}
		for _, l := range r.Lines {
			tl, err := tariffLine(l)
			if err != nil {
				return nil, at("material %q: %v", name, err)
			}
			m.TariffLines = append(m.TariffLines, tl)
		}
		for i, l := range r.Lines {
			if l.NoHS {
				noHS[&m.TariffLines[i]] = true
			}
		}
		byName[name] = m
		lineOf[m] = n.Line
		out.materials = append(out.materials, m)
		if m.USGSCommodity != "" {
			out.usgs[m] = append([]string{m.USGSCommodity}, r.USGSOther...)
		} else if len(r.USGSOther) > 0 {
			return nil, at("material %q: usgs_other without usgs", name)
		}
		if r.IEA != "" {
			out.iea[m] = r.IEA
		}
		if len(r.Keys) > 0 {
			out.keys[m] = r.Keys
		}
	}
	for _, m := range out.materials {
		for _, p := range m.Parents {
			if byName[p] == nil {
				return nil, fmt.Errorf("%s:%d: material %q: unknown parent %q", file, lineOf[m], m.Name, p)
			}
			if p == m.Name {
				return nil, fmt.Errorf("%s:%d: material %q is its own parent", file, lineOf[m], m.Name)
			}
		}
	}
	// A cycle would make Expand loop; reject it here, naming one member.
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name string) error
	visit = func(name string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("%s:%d: material %q is its own ancestor", file, lineOf[byName[name]], name)
		case 2:
			return nil
		}
		state[name] = 1
		for _, p := range byName[name].Parents {
			if err := visit(p); err != nil {
				return err
			}
		}
		state[name] = 2
		return nil
	}
	for _, m := range out.materials {
		if err := visit(m.Name); err != nil {
			return nil, err
		}
	}
	addImpliedHS(out.materials, noHS)
	out.own = rollUpLines(out.materials, byName)
	return out, nil
}

// rollUpLines adds to each element and group the national lines of the
// products below it, and to each product those of the products below it,
// after their own lines. Measures print lines for products ("gallium
// metal", "tungsten oxide"), but users look them up on the element or group:
// "material gallium" must show the lines of Ann. 23/2023. A rolled-up line
// keeps its source and names its products in its label ("[gallium metal]
// ..."); it climbs through products only, so an element's or group's own
// lines stay with it (samarium's lines are not the rare earths' lines), and
// a line the ancestor already lists is not repeated. It returns the number
// of own lines of each material, since a tariff lookup names only the
// materials that list a line themselves.
func rollUpLines(ms []*orewatch.Material, byName map[string]*orewatch.Material) map[*orewatch.Material]int {
	own := make(map[*orewatch.Material]int, len(ms))
	for _, m := range ms {
		own[m] = len(m.TariffLines)
	}
	type rolled struct {
		line     orewatch.TariffLine
		products []string
	}
	extra := map[*orewatch.Material][]*rolled{}
	index := map[*orewatch.Material]map[string]*rolled{}
	for _, m := range ms {
		if m.Kind != orewatch.KindProduct {
			continue
		}
		for _, l := range m.TariffLines[:own[m]] {
			if l.Scheme == "HS" {
				// The HS subheadings stay with the product: the
				// ancestor's page lists the lines measures print.
				continue
			}
			seen := map[*orewatch.Material]bool{m: true}
			queue := slices.Clone(m.Parents)
			for len(queue) > 0 {
				a := byName[queue[0]]
				queue = queue[1:]
				if a == nil || seen[a] {
					continue
				}
				seen[a] = true
				if a.Kind == orewatch.KindProduct {
					queue = append(queue, a.Parents...)
				}
				if slices.ContainsFunc(a.TariffLines[:own[a]], func(x orewatch.TariffLine) bool { return x.Code == l.Code }) {
					continue
				}
				if index[a] == nil {
					index[a] = map[string]*rolled{}
				}
				if r, ok := index[a][l.Code]; ok {
					if !slices.Contains(r.products, m.Name) {
						r.products = append(r.products, m.Name)
					}
					continue
				}
				r := &rolled{line: l, products: []string{m.Name}}
				index[a][l.Code] = r
				extra[a] = append(extra[a], r)
			}
		}
	}
	for _, m := range ms {
		for _, r := range extra[m] {
			l := r.line
			l.Label = "[" + strings.Join(r.products, ", ") + "] " + l.Label
			m.TariffLines = append(m.TariffLines, l)
		}
	}
	return own
}

// hasUpperByDesign allows the few canonical names that are written with
// capitals by convention ("NdFeB magnets", "NCM precursor").
func hasUpperByDesign(name string) bool {
	for _, w := range strings.Fields(name) {
		if w != strings.ToLower(w) && !isAcronym(w) {
			return false
		}
	}
	return true
}

// isAcronym reports whether w is a chemical or trade abbreviation such as
// "NdFeB", "NCM", "DCPCVD" or "NdPr": ASCII letters, starting upper case,
// with at least two capitals (so "Gallium" is none).
func isAcronym(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	upper := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
		default:
			return false
		}
	}
	return upper >= 2
}

func tariffLine(l lineRecord) (orewatch.TariffLine, error) {
	code := strings.NewReplacer(".", "", " ", "").Replace(l.Code)
	tl := orewatch.TariffLine{Code: code, Scheme: l.Scheme, Label: strings.TrimSpace(l.Label), Source: l.Source}
	if !allDigits(code) {
		return tl, fmt.Errorf("tariff code %q: digits only", l.Code)
	}
	switch {
	case l.Scheme == "HS":
		if len(code) != 6 {
			return tl, fmt.Errorf("HS code %q: want 6 digits", l.Code)
		}
	case len(l.Scheme) == 3 && strings.ToUpper(l.Scheme) == l.Scheme:
		if len(code) != 8 && len(code) != 10 {
			return tl, fmt.Errorf("%s line %q: want 8 or 10 digits", l.Scheme, l.Code)
		}
	default:
		return tl, fmt.Errorf("tariff code %q: unknown scheme %q (want HS or an ISO3 code)", l.Code, l.Scheme)
	}
	if tl.Source == "" {
		return tl, fmt.Errorf("tariff code %q: no source", l.Code)
	}
	return tl, nil
}

// addImpliedHS adds, for each national line, the 6-digit HS subheading its
// first digits name, unless the material already lists it or the line is
// marked no_hs (printed with a heading that does not exist).
func addImpliedHS(ms []*orewatch.Material, noHS map[*orewatch.TariffLine]bool) {
	for _, m := range ms {
		have := map[string]bool{}
		for _, l := range m.TariffLines {
			if l.Scheme == "HS" {
				have[l.Code] = true
			}
		}
		var add []orewatch.TariffLine
		for i := range m.TariffLines {
			l := m.TariffLines[i]
			if l.Scheme == "HS" || noHS[&m.TariffLines[i]] {
				continue
			}
			hs := l.Code[:6]
			if have[hs] {
				continue
			}
			have[hs] = true
			add = append(add, orewatch.TariffLine{
				Code:   hs,
				Scheme: "HS",
				Label:  fmt.Sprintf("HS subheading of %s line %s", l.Scheme, l.Code),
				Source: l.Source,
			})
		}
		m.TariffLines = append(m.TariffLines, add...)
	}
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseCountries reads the countries file: one country a line, "|"-separated
// alpha-3, alpha-2, numeric, name, other names (;), demonyms (;), capital.
// Lines starting with "#" and blank lines are skipped.
func parseCountries(file string, data []byte) ([]*orewatch.Country, error) {
	var out []*orewatch.Country
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for ln := 1; sc.Scan(); ln++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 7 {
			return nil, fmt.Errorf("%s:%d: want 7 fields separated by \"|\", got %d", file, ln, len(f))
		}
		c := &orewatch.Country{
			ISO3:       strings.TrimSpace(f[0]),
			ISO2:       strings.TrimSpace(f[1]),
			Numeric:    strings.TrimSpace(f[2]),
			Name:       strings.TrimSpace(f[3]),
			ShortNames: splitList(f[4]),
			Demonyms:   splitList(f[5]),
			Capital:    strings.TrimSpace(f[6]),
		}
		col := func(i int) int { // 1-based byte column where field i starts
			if i == 0 {
				return 1
			}
			return len(strings.Join(f[:i], "|")) + 2
		}
		switch {
		case len(c.ISO3) != 3 || !isUpperASCII(c.ISO3):
			return nil, fmt.Errorf("%s:%d:%d: alpha-3 code %q: want 3 capital letters", file, ln, col(0), c.ISO3)
		case len(c.ISO2) != 2 || !isUpperASCII(c.ISO2):
			return nil, fmt.Errorf("%s:%d:%d: alpha-2 code %q: want 2 capital letters", file, ln, col(1), c.ISO2)
		case c.Numeric != "" && (len(c.Numeric) != 3 || !allDigits(c.Numeric)):
			return nil, fmt.Errorf("%s:%d:%d: numeric code %q: want 3 digits", file, ln, col(2), c.Numeric)
		case c.Name == "":
			return nil, fmt.Errorf("%s:%d:%d: country without a name", file, ln, col(3))
		}
		for _, k := range []string{c.ISO3, c.ISO2, c.Numeric} {
			if k == "" {
				continue
			}
			if prev, dup := seen[k]; dup {
				return nil, fmt.Errorf("%s:%d: code %q already used on line %d", file, ln, k, prev)
			}
			seen[k] = ln
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
