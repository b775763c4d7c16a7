package orewatch

// MaterialKind says what sort of thing a catalogue entry is.
type MaterialKind string

const (
	KindElement    MaterialKind = "element"
	KindGroup      MaterialKind = "group"
	KindProduct    MaterialKind = "product" // compounds, alloys, intermediate and finished products
	KindTechnology MaterialKind = "technology"
	KindEquipment  MaterialKind = "equipment"
)

// Material is an entry of the materials catalogue: an element, a group of
// elements, a compound or product, a technology or a piece of equipment.
// Name is the canonical, lower-case English name ("rare earths", "dysprosium",
// "natural graphite") and is the key every other record uses.
type Material struct {
	Name    string       `json:"name"`
	Kind    MaterialKind `json:"kind"`
	Symbol  string       `json:"symbol,omitempty"`
	Parents []string     `json:"parents,omitempty"` // canonical names of the groups it belongs to
	Aliases []string     `json:"aliases,omitempty"`
	// TariffLines are 6-digit HS codes and national 8/10-digit lines.
	TariffLines []TariffLine `json:"tariff_lines,omitempty"`
	// USGSCommodity is the commodity name USGS uses for it, when it has one.
	USGSCommodity string `json:"usgs_commodity,omitempty"`
	Note          string `json:"note,omitempty"`
}

// TariffLine is a customs commodity code with the scheme that defines it.
type TariffLine struct {
	Code   string `json:"code"`             // digits only: 6 (HS), 8 or 10 (national)
	Scheme string `json:"scheme"`           // "HS" or an ISO3 code for a national line, e.g. "CHN"
	Label  string `json:"label,omitempty"`  // what the line covers, in our words
	Source string `json:"source,omitempty"` // where the line was read (a measure id or a document)
}

// Country is an ISO 3166-1 entry with the names news and data use for it.
type Country struct {
	ISO3       string   `json:"iso3"`
	ISO2       string   `json:"iso2"`
	Numeric    string   `json:"numeric"`
	Name       string   `json:"name"`                  // ISO short name
	ShortNames []string `json:"short_names,omitempty"` // common names: "Burma", "DRC", "South Korea"
	Demonyms   []string `json:"demonyms,omitempty"`    // "Chinese", "Congolese"
	Capital    string   `json:"capital,omitempty"`     // used as a metonym for the government
}
