package usgs

import (
	"strings"

	"orewatch"
)

// names resolves and caches commodity and country names for one file.
type names struct {
	res       Resolver
	materials map[string]materialName
	countries map[string]countryName
}

// usgsMaterials is the optional method of a catalogue that knows USGS
// commodity names in particular (USGS "Graphite" is natural graphite).
type usgsMaterials interface {
	USGSMaterial(name string) (*orewatch.Material, error)
}

type materialName struct {
	name string // canonical catalogue name, "" when unknown
}

// countryName is a resolved country: an ISO3 code, WLD for a world total, or
// skip with the reason the row is not a single country.
type countryName struct {
	code string
	skip string
}

// maxName is longer than any commodity or country name the releases print;
// a longer cell is not looked up, because the catalogue's suggestions for an
// unknown name cost time in proportion to its length.
const maxName = 160

func newNames(res Resolver) *names {
	return &names{res: res, materials: map[string]materialName{}, countries: map[string]countryName{}}
}

// material returns the catalogue name of a commodity as printed, or "".
// Figure 2 labels such as "RARE EARTHS, compounds and metals" resolve by the
// part before the comma when the whole label does not.
func (n *names) material(commodity string) string {
	key := collapseSpace(commodity)
	if m, ok := n.materials[key]; ok {
		return m.name
	}
	if len(key) > maxName {
		n.materials[key] = materialName{}
		return ""
	}
	lookup := n.res.Material
	if u, ok := n.res.(usgsMaterials); ok {
		lookup = u.USGSMaterial
	}
	var name string
	if m, err := lookup(key); err == nil {
		name = m.Name
	} else if head, _, ok := strings.Cut(key, ","); ok {
		if m, err := lookup(trimSpace(head)); err == nil {
			name = m.Name
		}
	}
	n.materials[key] = materialName{name}
	return name
}

// country resolves a country name as printed.
func (n *names) country(printed string) countryName {
	key := collapseSpace(printed)
	if c, ok := n.countries[key]; ok {
		return c
	}
	c := n.resolveCountry(key)
	n.countries[key] = c
	return c
}

func (n *names) resolveCountry(key string) countryName {
	// A footnote number printed after a name ("World total (rounded) 10",
	// "China3") is not part of it.
	key = trimSpace(footnoteRe.ReplaceAllString(key, "$1"))
	lower := strings.ToLower(key)
	switch {
	case len(key) > maxName:
		return countryName{skip: "not a country name (too long)"}
	case lower == "":
		return countryName{skip: "blank country"}
	case isWorld(lower):
		return countryName{code: orewatch.WorldCode}
	case isAggregate(lower):
		return countryName{skip: "aggregate row (" + key + ")"}
	}
	c, err := n.res.Country(key)
	if err != nil {
		return countryName{skip: "not a single country (" + key + ")"}
	}
	return countryName{code: c.ISO3}
}

// isWorld reports whether a lower-case name is a world total as the releases
// print it: "World total", "World total (rounded)", "World".
func isWorld(lower string) bool {
	// "World total (ilmenite, rounded)" and "World total (rounded),
	// natural" are the world totals of one series of a table; the row's
	// type or detail says which.
	return lower == "world" || strings.HasPrefix(lower, "world total") || strings.HasPrefix(lower, "world (")
}

// isAggregate reports whether a lower-case name is a group of countries that
// is not one country: "Other countries", "Rest of world".
func isAggregate(lower string) bool {
	switch lower {
	case "other", "others", "rest of world", "rest of the world":
		return true
	}
	// "Other countries", "Other countries (rounded)", "Other countries
	// (includes crude)".
	return strings.HasPrefix(lower, "other countries")
}
