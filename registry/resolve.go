package registry

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"orewatch"
)

// fold lower-cases s and turns every run of characters that are neither
// letters nor digits into one space, so that "Rare-Earth  items" and
// "rare earth items" compare equal and can be split into words. The
// catalogue folds names its own way for whole-name lookups; this simpler
// fold is only for finding catalogue names inside longer wording.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// class says whether a catalogue entry or a piece of wording is about a
// technology, a piece of equipment or a substance (element, group, compound,
// product). Wording about a technology must never resolve to the substance it
// names: "rare earth metal and alloy materials production technology" is not
// "rare earths", and reading it so would turn a technology ban into a ban on
// the metals.
type class uint8

const (
	classSubstance class = 1 << iota
	classTechnology
	classEquipment
)

var (
	technologyWords = []string{"technology", "technologies", "technique", "techniques", "know how"}
	equipmentWords  = []string{"equipment", "furnace", "furnaces", "kiln", "kilns", "tank", "tanks", "press", "presses", "machine", "machines"}
)

// wordingClass returns the classes folded wording may resolve to.
func wordingClass(folded string) class {
	var c class
	padded := " " + folded + " "
	for _, w := range technologyWords {
		if strings.Contains(padded, " "+w+" ") {
			c |= classTechnology
		}
	}
	for _, w := range equipmentWords {
		if strings.Contains(padded, " "+w+" ") {
			c |= classEquipment
		}
	}
	if c == 0 {
		c = classSubstance
	}
	return c
}

// materialClass returns the class of a catalogue entry. A group takes the
// class its name implies ("rare earth technology" is a group of
// technologies).
func materialClass(m *orewatch.Material) class {
	switch m.Kind {
	case orewatch.KindTechnology:
		return classTechnology
	case orewatch.KindEquipment:
		return classEquipment
	case orewatch.KindGroup:
		if c := wordingClass(fold(m.Name)); c != classSubstance {
			return c
		}
	}
	return classSubstance
}

// resolver finds catalogue materials in the wording of measure items.
type resolver struct {
	cat orewatch.CatalogService
	// names maps every folded name and alias (and its singular or plural
	// variant) to its material.
	names map[string]*orewatch.Material
	// maxWords is the length in words of the longest folded name.
	maxWords int
}

// resolvers caches one resolver per catalogue: catalogues do not change
// once built, and indexing one costs milliseconds.
var resolvers sync.Map // orewatch.CatalogService → *resolver

// newResolver returns the resolver of cat, built once per catalogue when
// the catalogue's type can be compared.
func newResolver(cat orewatch.CatalogService) *resolver {
	if cat == nil || !reflect.TypeOf(cat).Comparable() {
		return buildResolver(cat)
	}
	if r, ok := resolvers.Load(cat); ok {
		return r.(*resolver)
	}
	r, _ := resolvers.LoadOrStore(cat, buildResolver(cat))
	return r.(*resolver)
}

func buildResolver(cat orewatch.CatalogService) *resolver {
	r := &resolver{cat: cat, names: make(map[string]*orewatch.Material)}
	add := func(s string, m *orewatch.Material) {
		f := fold(s)
		if f == "" {
			return
		}
		// A name beats an alias of another entry: names are added first and
		// never overwritten.
		if _, ok := r.names[f]; !ok {
			r.names[f] = m
		}
		if n := strings.Count(f, " ") + 1; n > r.maxWords {
			r.maxWords = n
		}
	}
	ms := cat.Materials()
	for _, m := range ms {
		add(m.Name, m)
	}
	for _, m := range ms {
		for _, a := range m.Aliases {
			add(a, m)
		}
	}
	// Singular and plural variants ("rare earth" for "rare earths",
	// "antimony oxide" for "antimony oxides"), added last so that a real
	// name or alias always wins.
	for _, m := range ms {
		for _, s := range append([]string{m.Name}, m.Aliases...) {
			f := fold(s)
			if len(f) < 4 {
				continue
			}
			if strings.HasSuffix(f, "s") {
				add(f[:len(f)-1], m)
			} else {
				add(f+"s", m)
			}
		}
	}
	return r
}

// resolveItem resolves one item's wording: the catalogue's own lookup of the
// whole wording (names, aliases, symbols), then of the wording without its
// parenthetical qualifiers, then the longest catalogue name or alias
// contained in it as whole words. A contained name counts only when it is of
// a class the wording allows, when nothing but qualifiers of form follows it
// ("antimony metal and products", "China-origin rare-earth items listed in
// Annex 1"), and when no other material matches as long a stretch: in
// "indium gallium arsenide" or "rare earth raw and auxiliary materials" the
// names are modifiers of something else, and reading them as the item would
// widen the measure's scope. It returns nil when nothing fits.
func (r *resolver) resolveItem(wording string) *orewatch.Material {
	if m, err := r.cat.Material(wording); err == nil {
		return m
	}
	stripped := stripParens(wording)
	if stripped != wording && strings.TrimSpace(stripped) != "" {
		if m, err := r.cat.Material(stripped); err == nil {
			return m
		}
	}
	words := strings.Fields(fold(stripped))
	want := wordingClass(fold(wording))
	for n := min(r.maxWords, len(words)); n >= 1; n-- {
		var found *orewatch.Material
		ambiguous := false
		for i := 0; i+n <= len(words); i++ {
			m, ok := r.names[strings.Join(words[i:i+n], " ")]
			if !ok || materialClass(m)&want == 0 || !onlyQualifiers(words[i+n:]) {
				continue
			}
			if found != nil && found != m {
				ambiguous = true
			}
			found = m
		}
		switch {
		case ambiguous:
			return nil
		case found != nil:
			return found
		}
	}
	return nil
}

// stripParens removes parenthesised and bracketed parts of the wording.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
			continue
		case ')', ']':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// qualifierWords may follow a material's name in an item's wording without
// changing what the item is: forms of the material, list references and
// units of technical thresholds.
var qualifierWords = map[string]bool{
	"and": true, "or": true, "its": true, "their": true, "of": true, "in": true, "with": true,
	"product": true, "products": true, "material": true, "materials": true, "item": true, "items": true,
	"metal": true, "metals": true, "ore": true, "ores": true, "raw": true, "concentrate": true, "concentrates": true,
	"compound": true, "compounds": true, "oxide": true, "oxides": true, "alloy": true, "alloys": true,
	"powder": true, "powders": true, "related": true, "listed": true, "annex": true, "part": true,
	"wh": true, "kg": true, "g": true, "cm3": true, "mah": true, "mpa": true, "um": true, "nm": true, "mm": true,
}

func onlyQualifiers(words []string) bool {
	for _, w := range words {
		if !qualifierWords[w] && strings.IndexFunc(w, unicode.IsDigit) < 0 {
			return false
		}
	}
	return true
}

// resolveItems resolves every item of a measure: the catalogue names found,
// in item order without repeats, and the wording that matched nothing.
func (r *resolver) resolveItems(items []string) (materials, unresolved []string) {
	materials, unresolved = []string{}, nil
	seen := map[string]bool{}
	for _, it := range items {
		m := r.resolveItem(it)
		if m == nil {
			unresolved = append(unresolved, it)
			continue
		}
		if !seen[m.Name] {
			seen[m.Name] = true
			materials = append(materials, m.Name)
		}
	}
	return materials, unresolved
}

// isMilitaryOnly reports whether a measure's own wording (title and items)
// limits it to military end users or end uses: "military users or military
// uses", "military end users/uses". Status notes are not read: they also
// describe how military parties are treated under measures that apply to
// everyone.
func isMilitaryOnly(title string, items []string) bool {
	f := fold(title + " ; " + strings.Join(items, " ; "))
	return strings.Contains(f, "military use") || strings.Contains(f, "military end use")
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
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

// TariffLine normalises a customs commodity code as users write it
// ("8112.92.90", "2846 90 19") to its digits. ok is false unless the result
// has 6 to 10 digits and the input held nothing but digits, dots, spaces and
// hyphens.
func TariffLine(s string) (code string, ok bool) {
	var buf [16]byte
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r >= '0' && r <= '9':
			if n == len(buf) {
				return "", false
			}
			buf[n] = byte(r)
			n++
		case r == '.' || r == ' ' || r == '-' || r == '\t':
		default:
			return "", false
		}
	}
	if n < 6 || n > 10 {
		return "", false
	}
	return string(buf[:n]), true
}
