// Package catalog is the catalogue of materials and countries: canonical
// names, kinds, groups, element symbols, aliases, tariff lines and the names
// data releases use, with ISO 3166-1 countries, their common names, demonyms
// and capitals. It is built from files embedded in the binary and resolves
// names case-, accent- and punctuation-insensitively, suggesting close names
// for a typo.
package catalog

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"orewatch"
)

//go:embed data/materials.yaml data/countries.txt
var dataFS embed.FS

var _ orewatch.CatalogService = (*Catalog)(nil)

// Catalog implements orewatch.CatalogService over the embedded catalogue.
// It is immutable and safe for concurrent use; the values it returns are
// copies the caller may change.
type Catalog struct {
	materials []*orewatch.Material
	byName    map[string]*orewatch.Material
	children  map[string][]string // canonical name → direct children, catalogue order
	// own is how many of a material's tariff lines it lists itself; the
	// rest are rolled up from products below it (see rollUpLines).
	own      map[*orewatch.Material]int
	matIndex index[*orewatch.Material]
	usgs     map[string]*orewatch.Material // singular(Fold(USGS name))
	iea      map[string]*orewatch.Material // Fold(IEA name)

	countries []*orewatch.Country
	byISO3    map[string]*orewatch.Country
	ctyIndex  index[*orewatch.Country]
}

var (
	once     sync.Once
	instance *Catalog
)

// New returns the catalogue. It is built on the first call from the embedded
// files; later calls return the same value. It panics if the embedded files
// are invalid, which the package tests rule out.
func New() *Catalog {
	once.Do(func() {
		c, err := build()
		if err != nil {
			panic("catalog: " + err.Error())
		}
		instance = c
	})
	return instance
}

func build() (*Catalog, error) {
	mdata, err := dataFS.ReadFile("data/materials.yaml")
	if err != nil {
		return nil, err
	}
	md, err := parseMaterials("data/materials.yaml", mdata)
	if err != nil {
		return nil, err
	}
	cdata, err := dataFS.ReadFile("data/countries.txt")
	if err != nil {
		return nil, err
	}
	cs, err := parseCountries("data/countries.txt", cdata)
	if err != nil {
		return nil, err
	}
	return assemble(md, cs)
}

// assemble indexes parsed data. Two entries that claim the same surface form
// are an error, so every name the catalogue lists resolves to one entry.
func assemble(md *materialData, cs []*orewatch.Country) (*Catalog, error) {
	c := &Catalog{
		materials: md.materials,
		byName:    map[string]*orewatch.Material{},
		children:  map[string][]string{},
		own:       md.own,
		usgs:      map[string]*orewatch.Material{},
		iea:       map[string]*orewatch.Material{},
		countries: cs,
		byISO3:    map[string]*orewatch.Country{},
	}
	c.matIndex.init()
	c.matIndex.plural = true
	for _, m := range md.materials {
		c.byName[m.Name] = m
		for _, p := range m.Parents {
			c.children[p] = append(c.children[p], m.Name)
		}
		if err := c.matIndex.add(m.Name, m, m.Name, true); err != nil {
			return nil, err
		}
		for _, a := range m.Aliases {
			if err := c.matIndex.add(a, m, m.Name, true); err != nil {
				return nil, err
			}
		}
		for _, k := range md.keys[m] {
			if err := c.matIndex.add(k, m, m.Name, false); err != nil {
				return nil, err
			}
		}
		if m.Symbol != "" {
			c.matIndex.addSymbol(m.Symbol, m, m.Name)
		}
	}
	for _, m := range md.materials {
		for _, u := range md.usgs[m] {
			k := singular(Fold(u))
			if prev, ok := c.usgs[k]; ok && prev != m {
				return nil, fmt.Errorf("USGS name %q claimed by %q and %q", u, prev.Name, m.Name)
			}
			c.usgs[k] = m
		}
		if n, ok := md.iea[m]; ok {
			c.iea[Fold(n)] = m
		}
	}
	c.ctyIndex.init()
	for _, k := range cs {
		c.byISO3[k.ISO3] = k
		forms := append([]string{k.Name}, k.ShortNames...)
		forms = append(forms, k.Demonyms...)
		for _, f := range forms {
			if err := c.ctyIndex.add(f, k, k.Name, true); err != nil {
				return nil, err
			}
		}
		if k.Capital != "" {
			if err := c.ctyIndex.add(k.Capital, k, k.Name, false); err != nil {
				return nil, err
			}
		}
		for _, code := range []string{k.ISO3, k.ISO2, k.Numeric} {
			if code != "" {
				c.ctyIndex.addSymbol(code, k, k.Name)
			}
		}
	}
	c.matIndex.finish()
	c.ctyIndex.finish()
	return c, nil
}

// Materials returns every catalogue entry in the order of the data file,
// which groups them by theme (rare earths first).
func (c *Catalog) Materials() []*orewatch.Material {
	out := make([]*orewatch.Material, len(c.materials))
	for i, m := range c.materials {
		out[i] = cloneMaterial(m)
	}
	return out
}

// Material resolves a canonical name, alias, element symbol or the wording
// of a measure's item list ("antimony oxides (purity>=99.99%)") to its
// catalogue entry. An unknown name is an ENOTFOUND *orewatch.Error with up
// to five close names as Suggestions, best first.
func (c *Catalog) Material(name string) (*orewatch.Material, error) {
	if m, ok := c.lookupMaterial(name); ok {
		return cloneMaterial(m), nil
	}
	return nil, &orewatch.Error{
		Code:        orewatch.ENOTFOUND,
		Message:     "unknown material " + quote(name),
		Suggestions: c.matIndex.suggest(name, 5),
	}
}

func (c *Catalog) lookupMaterial(name string) (*orewatch.Material, bool) {
	if m, ok := c.matIndex.lookup(name); ok {
		return m, true
	}
	if s := stripQualifiers(name); s != "" {
		return c.matIndex.lookup(s)
	}
	return nil, false
}

// USGSMaterial resolves a commodity name as a USGS data release writes it
// ("Rare earths", "Platinum-Group metals", "Gemanium", "Iron Ore  ") to its
// catalogue entry. USGS names come first because some are narrower in USGS
// tables than in prose: USGS "Graphite" is natural graphite. A name with a
// form after a comma ("COPPER, refined") resolves to its commodity. Other
// names fall back to Material.
func (c *Catalog) USGSMaterial(name string) (*orewatch.Material, error) {
	if m, ok := c.usgs[singular(Fold(name))]; ok {
		return cloneMaterial(m), nil
	}
	// The import-reliance tables name a form after a comma ("COPPER,
	// refined", "RARE EARTHS, compounds and metals"); the commodity is what
	// comes before it.
	if i := strings.IndexByte(name, ','); i > 0 {
		if m, ok := c.usgs[singular(Fold(name[:i]))]; ok {
			return cloneMaterial(m), nil
		}
		if m, ok := c.lookupMaterial(name[:i]); ok {
			return cloneMaterial(m), nil
		}
	}
	return c.Material(name)
}

// IEAMaterial resolves a mineral name of the IEA Critical Minerals Dataset
// ("Rare Earth Elements", "Graphite") to its catalogue entry, falling back to
// Material.
func (c *Catalog) IEAMaterial(name string) (*orewatch.Material, error) {
	if m, ok := c.iea[Fold(name)]; ok {
		return cloneMaterial(m), nil
	}
	return c.Material(name)
}

// ParseTariffCode returns code with dots and spaces removed, or an EINVALID
// error unless what is left is 6 to 10 digits.
func ParseTariffCode(code string) (string, error) {
	s := strings.NewReplacer(".", "", " ", "").Replace(strings.TrimSpace(code))
	if len(s) < 6 || len(s) > 10 || !allDigits(s) {
		return "", orewatch.Errorf(orewatch.EINVALID, "invalid tariff code %s: want 6 to 10 digits (dots and spaces allowed)", quote(code))
	}
	return s, nil
}

// MaterialsByTariff returns the materials with a tariff line that matches
// code by prefix in either direction: an HS subheading finds the national
// lines under it, and a national line finds its HS subheading. Dots and
// spaces in code are ignored; anything but 6 to 10 digits matches nothing.
// The closest matches come first (an identical line, then the longest
// common prefix), then catalogue order. Only the lines a material lists
// itself count: the lines an element shows for the products below it
// leave a product's line attributed to the product.
func (c *Catalog) MaterialsByTariff(code string) []*orewatch.Material {
	s, err := ParseTariffCode(code)
	if err != nil {
		return nil
	}
	type hit struct {
		m     *orewatch.Material
		score int
		order int
	}
	var hits []hit
	for i, m := range c.materials {
		best := -1
		for _, l := range c.ownLines(m) {
			var score int
			switch {
			case l.Code == s:
				score = 2 * len(s)
			case strings.HasPrefix(l.Code, s):
				score = 2*len(s) - 1
			case strings.HasPrefix(s, l.Code):
				score = 2*len(l.Code) - 1
			default:
				continue
			}
			best = max(best, score)
		}
		if best >= 0 {
			hits = append(hits, hit{m, best, i})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].order < hits[j].order
	})
	out := make([]*orewatch.Material, len(hits))
	for i, h := range hits {
		out[i] = cloneMaterial(h.m)
	}
	return out
}

// ownLines returns the tariff lines m lists itself, without those rolled
// up from products below it.
func (c *Catalog) ownLines(m *orewatch.Material) []orewatch.TariffLine {
	if n, ok := c.own[m]; ok {
		return m.TariffLines[:n]
	}
	return m.TariffLines
}

// Expand returns the canonical name of the material name resolves to,
// followed by every entry below it (children, their children, ...), each
// once, in breadth-first catalogue order. An unknown name gives nil.
func (c *Catalog) Expand(name string) []string {
	m, ok := c.lookupMaterial(name)
	if !ok {
		return nil
	}
	out := []string{m.Name}
	seen := map[string]bool{m.Name: true}
	for i := 0; i < len(out); i++ {
		for _, ch := range c.children[out[i]] {
			if !seen[ch] {
				seen[ch] = true
				out = append(out, ch)
			}
		}
	}
	return out
}

// Ancestors returns the canonical names of every group above the material
// name resolves to, nearest first, each once. An unknown name gives nil.
func (c *Catalog) Ancestors(name string) []string {
	m, ok := c.lookupMaterial(name)
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{m.Name: true}
	queue := []*orewatch.Material{m}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, p := range cur.Parents {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				queue = append(queue, c.byName[p])
			}
		}
	}
	return out
}

// Countries returns every country in catalogue order: the 249 ISO 3166-1
// entries and Kosovo (XKX, a user-assigned code in wide use).
func (c *Catalog) Countries() []*orewatch.Country {
	out := make([]*orewatch.Country, len(c.countries))
	for i, k := range c.countries {
		out[i] = cloneCountry(k)
	}
	return out
}

// Country resolves an ISO name, a common or data-release name ("Burma",
// "Congo, Dem. Rep.", "Taiwan, China"), a demonym ("Chinese"), a capital
// used as a metonym ("Beijing"), or an alpha-2, alpha-3 or numeric code. A
// qualifier in brackets is ignored ("Brazil (beneficiated)"). An unknown
// name is an ENOTFOUND *orewatch.Error with close names as Suggestions.
func (c *Catalog) Country(name string) (*orewatch.Country, error) {
	if k, ok := c.lookupCountry(name); ok {
		return cloneCountry(k), nil
	}
	return nil, &orewatch.Error{
		Code:        orewatch.ENOTFOUND,
		Message:     "unknown country " + quote(name),
		Suggestions: c.ctyIndex.suggest(name, 5),
	}
}

func (c *Catalog) lookupCountry(name string) (*orewatch.Country, bool) {
	if k, ok := c.ctyIndex.lookup(name); ok {
		return k, true
	}
	if s := stripQualifiers(name); s != "" {
		return c.ctyIndex.lookup(s)
	}
	return nil, false
}

// Names returns every surface form of a material that a gazetteer should
// match in text: the canonical name and the aliases. Element symbols are
// left out: as words in prose they collide with English ("In", "As", "W").
func Names(m *orewatch.Material) []string {
	return append([]string{m.Name}, m.Aliases...)
}

// CountryNames returns the names of a country a gazetteer should match: the
// ISO name and the common names. Demonyms and the capital are fields of
// their own, since they mean the country less directly.
func CountryNames(k *orewatch.Country) []string {
	return append([]string{k.Name}, k.ShortNames...)
}

func cloneMaterial(m *orewatch.Material) *orewatch.Material {
	v := *m
	v.Parents = slices.Clone(m.Parents)
	v.Aliases = slices.Clone(m.Aliases)
	v.TariffLines = slices.Clone(m.TariffLines)
	return &v
}

func cloneCountry(k *orewatch.Country) *orewatch.Country {
	v := *k
	v.ShortNames = slices.Clone(k.ShortNames)
	v.Demonyms = slices.Clone(k.Demonyms)
	return &v
}

// quote writes a name for a message, keeping it short and printable.
func quote(s string) string {
	const max = 80
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}

// IsAbbreviation reports whether a surface form is an abbreviation, symbol
// or formula written with capitals inside one word ("APT", "GaP", "RE",
// "NdFeB", "DRC"). Folded, many of them are English words ("apt", "gap",
// "re"), so a gazetteer should match such forms only as written.
func IsAbbreviation(form string) bool {
	if form == "" || strings.ContainsAny(form, " \t") {
		return false
	}
	for i, r := range form {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
