// Package entity finds countries, organizations and materials in text with
// one gazetteer built from the catalogue and the organization list, and
// settles the ambiguous cases: names that are also people's names
// ("Jordan", "Chad"), capitals used for their government ("Beijing said"),
// generic bodies whose state is named just before them ("India's mines
// ministry"), and names inside longer names ("China" in "China Daily").
package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"orewatch"
	"orewatch/nlp/match"
)

// Kind is what a mention names.
type Kind uint8

const (
	KindCountry Kind = iota + 1
	KindOrg
	KindMaterial
)

// Form is how a country is named.
type Form uint8

const (
	FormName    Form = iota // "China", "DRC"
	FormDemonym             // "Chinese"
	FormCapital             // "Beijing"
)

// Mention is an entity found in text.
type Mention struct {
	Start, End int
	Kind       Kind
	// Value is the ISO3 code of a country, or the canonical name of an
	// organization or material.
	Value string
	// Country is the ISO3 code of the state a country or organization
	// mention belongs to ("" for international bodies and materials).
	Country string
	Form    Form
	OrgKind OrgKind // for organizations
}

// Acts reports whether the mention can be the acting state of an event: a
// country, its capital or demonym, or a government body.
func (m Mention) Acts() bool {
	return m.Country != "" && (m.Kind == KindCountry || m.Kind == KindOrg && m.OrgKind == Government)
}

// entry is what a pattern stands for.
type entry struct {
	kind    Kind
	value   string
	country string
	form    Form
	orgKind OrgKind
	generic bool // country comes from the context
	person  bool // the name is also a first or family name
}

// Gazetteer finds entities. It is immutable and safe for concurrent use.
type Gazetteer struct {
	m       *match.Matcher
	entries []entry
	names   []string
}

// Names returns the surface forms the gazetteer looks for, for diagnostics
// and comparison benchmarks.
func (g *Gazetteer) Names() []string { return slices.Clone(g.names) }

// personNames are country names and capitals that are also common given or
// family names; a capitalised word next to them makes them a person.
var personNames = map[string]bool{
	"Jordan": true, "Chad": true, "Georgia": true, "Washington": true, "Israel": true, "Kenya": true,
}

// extraCountryNames are forms news uses that the catalogue leaves out.
var extraCountryNames = map[string][]string{
	"CHN": {"Sino"},
	"COD": {"Congo"}, // in minerals news "Congo" is nearly always the DRC (cobalt, copper)
	"USA": {"U.S.A", "United States"},
	"GBR": {"UK"},
}

// New builds the gazetteer from the catalogue's countries and materials,
// the organization list and materialAliases (extra surface forms mapped to
// catalogue names; a target the catalogue lacks is skipped).
func New(cat orewatch.CatalogService, materialAliases map[string][]string) *Gazetteer {
	g := &Gazetteer{}
	var pats []match.Pattern
	add := func(text string, mode match.Mode, e entry) {
		text = strings.TrimSpace(text)
		if text == "" {
			return
		}
		pats = append(pats, match.Pattern{Text: text, Mode: mode})
		g.entries = append(g.entries, e)
		g.names = append(g.names, text)
	}
	// Countries.
	for _, c := range cat.Countries() {
		e := entry{kind: KindCountry, value: c.ISO3, country: c.ISO3}
		names := append([]string{c.Name}, c.ShortNames...)
		names = append(names, extraCountryNames[c.ISO3]...)
		for _, n := range names {
			if strings.ContainsAny(n, ",()") {
				continue // "Korea, Rep.": data-release forms, not prose
			}
			if c.ISO3 == "COG" && n == "Congo" {
				continue // see extraCountryNames
			}
			e.person = personNames[n]
			add(n, properMode(n), e)
		}
		e.form, e.person = FormDemonym, false
		for _, d := range c.Demonyms {
			add(d, properMode(d), e)
		}
		if c.Capital != "" {
			e.form, e.person = FormCapital, personNames[c.Capital]
			add(c.Capital, match.Capitalized, e)
		}
	}
	// Organizations.
	for _, o := range Orgs {
		e := entry{kind: KindOrg, value: o.Name, country: o.Country, orgKind: o.Kind}
		generic := map[string]bool{}
		for _, n := range o.Generic {
			generic[n] = true
		}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if !generic[n] {
				add(n, properMode(n), e)
			}
		}
		ge := e
		ge.generic = true
		for _, n := range o.Generic {
			add(n, properMode(n), ge)
		}
	}
	// Materials.
	for _, m := range cat.Materials() {
		e := entry{kind: KindMaterial, value: m.Name}
		for _, n := range materialForms(m) {
			add(n, materialMode(n), e)
		}
	}
	for alias, targets := range materialAliases {
		for _, t := range targets {
			m, err := cat.Material(t)
			if err != nil {
				continue
			}
			add(alias, materialMode(alias), entry{kind: KindMaterial, value: m.Name})
		}
	}
	g.m = match.New(pats)
	return g
}

// properMode is the case rule for a proper name: acronyms of up to six
// letters exactly, other capitalised names capitalised, lower-case names
// in any case.
func properMode(s string) match.Mode {
	letters, upper := 0, 0
	first := rune(0)
	for _, r := range s {
		if unicode.IsLetter(r) {
			if first == 0 {
				first = r
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters > 0 && letters <= 6 && upper >= letters-1 && upper >= 2:
		return match.Sensitive // "US", "DRC", "MOFCOM", "MofCom" ("MofCom" has 2 lower: Capitalized)
	case unicode.IsUpper(first):
		return match.Capitalized
	}
	return match.Insensitive
}

// materialMode matches common nouns in any case but acronyms ("REEs")
// exactly.
func materialMode(s string) match.Mode {
	if properMode(s) == match.Sensitive {
		return match.Sensitive
	}
	return match.Insensitive
}

// materialForms are the names of a material to look for: the canonical name
// and aliases with their plural or singular, leaving out two-letter
// acronyms ("RE") that collide with ordinary text.
func materialForms(m *orewatch.Material) []string {
	var out []string
	for _, n := range append([]string{m.Name}, m.Aliases...) {
		if utf8.RuneCountInString(n) <= 2 {
			continue
		}
		out = append(out, n)
		if m.Kind == orewatch.KindElement || properMode(n) == match.Sensitive {
			continue
		}
		if v := numberVariant(n); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// numberVariant returns the singular of a plural name or the plural of a
// singular one (English regular forms only).
func numberVariant(n string) string {
	switch {
	case strings.HasSuffix(n, "ies"):
		return n[:len(n)-3] + "y"
	case strings.HasSuffix(n, "ss"), strings.HasSuffix(n, "us"):
		return ""
	case strings.HasSuffix(n, "s"):
		return n[:len(n)-1]
	case strings.HasSuffix(n, "y") && !strings.HasSuffix(n, "ey") && !strings.HasSuffix(n, "ay"):
		return n[:len(n)-1] + "ies"
	case strings.HasSuffix(n, "x"), strings.HasSuffix(n, "ch"), strings.HasSuffix(n, "sh"):
		return n + "es"
	}
	return n + "s"
}

// Find returns the entities in text, in order.
func (g *Gazetteer) Find(text string) []Mention {
	return g.FindFolded(match.Fold(text), text)
}

// FindFolded is Find over text folded already.
func (g *Gazetteer) FindFolded(f *match.Folded, text string) []Mention {
	ms := g.m.FindFolded(f)
	out := make([]Mention, 0, len(ms))
	for i, mt := range ms {
		e := g.entries[mt.Pattern]
		// Tied patterns with the same span: keep the first of each kind.
		if i > 0 && ms[i-1].Start == mt.Start && ms[i-1].End == mt.End && g.entries[ms[i-1].Pattern].kind == e.kind && g.entries[ms[i-1].Pattern].value == e.value {
			continue
		}
		if e.kind == KindOrg && (e.orgKind == Media || e.orgKind == Shadow) {
			continue
		}
		if e.person && looksLikePerson(text, mt.Start, mt.End, e.form != FormCapital) {
			continue
		}
		m := Mention{Start: mt.Start, End: mt.End, Kind: e.kind, Value: e.value, Country: e.country, Form: e.form, OrgKind: e.orgKind}
		if e.generic {
			if c, ok := countryBefore(out, text, mt.Start); ok {
				if c != e.country {
					m.Value = e.value + " (" + c + ")"
				}
				m.Country = c
			}
		}
		out = append(out, m)
	}
	return out
}

// countryBefore finds a country named just before position start, with at
// most "'s", "the" or one other word between: "China's commerce ministry",
// "the Chinese commerce ministry", "Indonesia's energy ministry".
func countryBefore(prev []Mention, text string, start int) (string, bool) {
	if len(prev) == 0 {
		return "", false
	}
	p := prev[len(prev)-1]
	if p.Kind != KindCountry {
		return "", false
	}
	gap := text[p.End:start]
	gap = strings.TrimPrefix(strings.TrimPrefix(gap, "'s"), "’s")
	if len(strings.Fields(gap)) > 1 || strings.ContainsAny(gap, ".;:,\n") {
		return "", false
	}
	return p.Country, true
}

// functionWords are capitalised words that start sentences or headlines and
// say nothing about a following name.
var functionWords = map[string]bool{
	"In": true, "The": true, "And": true, "From": true, "To": true, "With": true, "For": true,
	"On": true, "At": true, "By": true, "Of": true, "As": true, "While": true, "When": true,
	"Like": true, "Unlike": true, "Both": true, "But": true, "Neighbouring": true, "Neighboring": true,
	"Said": true, "Says": true, "If": true, "After": true, "Before": true, "Since": true, "Including": true,
	"Has": true, "Will": true, "Is": true, "Was": true, "Also": true,
}

// looksLikePerson reports whether a country name that is also a person's
// name sits next to another capitalised word that is not a function word:
// "Michael Jordan", "Chad Hawkins", "George Washington".
func looksLikePerson(text string, start, end int, checkNext bool) bool {
	if w := prevWord(text, start); w != "" && isCapitalised(w) && !functionWords[w] {
		return true
	}
	if w := nextWord(text, end); checkNext && w != "" && isCapitalised(w) && !functionWords[w] {
		return true
	}
	return false
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// prevWord returns the word just before start when only spaces separate
// them.
func prevWord(text string, start int) string {
	i := start
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	if i == start {
		return ""
	}
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= n
	}
	return text[j:i]
}

// nextWord returns the word just after end when only spaces separate them.
func nextWord(text string, end int) string {
	i := end
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i == end {
		return ""
	}
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return text[i:j]
}
