package catalog_test

import (
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
)

var fuzzSeeds = []string{
	"Dy", "dy", "DY", "Re", "RE", "re", "In", "in", "Rare-Earth Elements", "rare earth",
	"antimony oxides (purity>=99.99%)", "rechargeable lithium-ion batteries >=300 Wh/kg",
	"Côte d’Ivoire", "Congo (Kinshasa)", "U.S.", "Taiwan, China", "2846.90", "8507 60 00",
	"dysprosum", "", " ", "(((", "ß", "İstanbul", "ǅ", "Nd-Fe-B", "1E902.a", "&", "..",
}

// resolvesAlike fails the test when two inputs that fold alike (and are not
// symbols or codes written exactly, which resolve as written) give different
// results.
func resolvesAlike[T any](t *testing.T, what string, exact map[string]bool, a, b string, get func(string) (T, error), key func(T) string) {
	t.Helper()
	if catalog.Fold(a) != catalog.Fold(b) || exact[strings.TrimSpace(a)] || exact[strings.TrimSpace(b)] {
		return
	}
	// Brackets and comparison signs mark qualifiers, read before folding.
	if strings.ContainsAny(a+b, "()[]<>=≥≤") {
		return
	}
	va, ea := get(a)
	vb, eb := get(b)
	switch {
	case (ea == nil) != (eb == nil):
		t.Errorf("%s(%q) error %v but %s(%q) error %v", what, a, ea, what, b, eb)
	case ea == nil && key(va) != key(vb):
		t.Errorf("%s(%q) = %s but %s(%q) = %s", what, a, key(va), what, b, key(vb))
	}
}

func FuzzMaterial(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c := catalog.New()
	symbols := map[string]bool{}
	for _, m := range c.Materials() {
		if m.Symbol != "" {
			symbols[m.Symbol] = true
		}
	}
	name := func(m *orewatch.Material) string { return m.Name }
	f.Fuzz(func(t *testing.T, s string) {
		folded := catalog.Fold(s)
		if again := catalog.Fold(folded); again != folded {
			t.Errorf("Fold is not idempotent: Fold(%q) = %q, Fold of that = %q", s, folded, again)
		}
		m, err := c.Material(s)
		if err != nil {
			if orewatch.ErrorCode(err) != orewatch.ENOTFOUND {
				t.Errorf("Material(%q) error code %q, want %q", s, orewatch.ErrorCode(err), orewatch.ENOTFOUND)
			}
			if e := err.(*orewatch.Error); len(e.Suggestions) > 5 {
				t.Errorf("Material(%q): %d suggestions", s, len(e.Suggestions))
			}
		} else if m.Name == "" {
			t.Errorf("Material(%q) returned an empty entry", s)
		}
		resolvesAlike(t, "Material", symbols, s, folded, c.Material, name)
		resolvesAlike(t, "Material", symbols, s, strings.ToUpper(s), c.Material, name)
		if exp := c.Expand(s); (err == nil) != (len(exp) > 0) || (err == nil && exp[0] != m.Name) {
			t.Errorf("Expand(%q) = %q, disagrees with Material: %v, %v", s, exp, m, err)
		}
		if _, err := c.USGSMaterial(s); err != nil && orewatch.ErrorCode(err) != orewatch.ENOTFOUND {
			t.Errorf("USGSMaterial(%q): %v", s, err)
		}
	})
}

func FuzzCountry(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	c := catalog.New()
	codes := map[string]bool{}
	for _, k := range c.Countries() {
		codes[k.ISO3], codes[k.ISO2], codes[k.Numeric] = true, true, true
	}
	iso3 := func(k *orewatch.Country) string { return k.ISO3 }
	f.Fuzz(func(t *testing.T, s string) {
		k, err := c.Country(s)
		if err != nil && orewatch.ErrorCode(err) != orewatch.ENOTFOUND {
			t.Errorf("Country(%q) error code %q, want %q", s, orewatch.ErrorCode(err), orewatch.ENOTFOUND)
		}
		if err == nil && len(k.ISO3) != 3 {
			t.Errorf("Country(%q) = %+v", s, k)
		}
		resolvesAlike(t, "Country", codes, s, catalog.Fold(s), c.Country, iso3)
		resolvesAlike(t, "Country", codes, s, strings.ToUpper(s), c.Country, iso3)
	})
}

func FuzzMaterialsByTariff(f *testing.F) {
	for _, s := range append(fuzzSeeds, "284690", "2846901940", "81129290", "8112.92") {
		f.Add(s)
	}
	c := catalog.New()
	f.Fuzz(func(t *testing.T, s string) {
		ms := c.MaterialsByTariff(s)
		code, err := catalog.ParseTariffCode(s)
		if err != nil {
			if len(ms) != 0 {
				t.Errorf("MaterialsByTariff(%q) matched %d materials for an invalid code", s, len(ms))
			}
			return
		}
		for _, m := range ms {
			ok := false
			for _, l := range m.TariffLines {
				ok = ok || strings.HasPrefix(l.Code, code) || strings.HasPrefix(code, l.Code)
			}
			if !ok {
				t.Errorf("MaterialsByTariff(%q) returned %q, which has no matching line", s, m.Name)
			}
		}
	})
}
