package usgs

import (
	"regexp"
	"strconv"
	"strings"

	"orewatch"
)

var (
	mineRe   = regexp.MustCompile(`(?i)\bmine\b|\bmining\b`)
	refineRe = regexp.MustCompile(`(?i)refiner|smelter|\brefined\b|\bprimary production\b`)
)

// productionStage maps the wording of a production row to a stage: mine
// production is mining; refinery, smelter and refined output are refining.
// USGS "primary production" (gallium, magnesium, indium) is metal recovered
// from ore or intermediates in a plant, so it is refining too. Wording that
// names both or neither (plant production, pig iron, cement) is other.
func productionStage(text string) orewatch.Stage {
	mine, refine := mineRe.MatchString(text), refineRe.MatchString(text)
	switch {
	case mine && !refine:
		return orewatch.StageMining
	case refine && !mine:
		return orewatch.StageRefining
	}
	return orewatch.StageOther
}

// typeStage maps an MCS 2025 TYPE ("Mine production, rare-earth-oxide
// equivalent", "Plant capacity, fused aluminum oxide") to a stage.
func typeStage(text string) orewatch.Stage {
	lower := strings.ToLower(text)
	switch {
	case strings.Contains(lower, "reserve"):
		return orewatch.StageReserves
	case strings.Contains(lower, "capacit"):
		return orewatch.StageCapacity
	}
	return productionStage(text)
}

// roundedRe matches the rounding marker USGS appends to world-total rows
// ("Mine production: rounded", "Mine production: Palladium, rounded").
var roundedRe = regexp.MustCompile(`(?i)\s*[:,]\s*rounded\s*$`)

// cutRounded removes the rounding marker from a statistic's wording, so that a
// world total and the country rows of its table carry the same detail.
func cutRounded(detail string) (string, bool) {
	loc := roundedRe.FindStringIndex(detail)
	if loc == nil {
		return detail, false
	}
	return detail[:loc[0]], true
}

var dataInRe = regexp.MustCompile(`^\(Data in (.*?),? unless otherwise specified\)`)

// basisOfOtherNotes reads the basis from the chapter's "(Data in metric tons,
// rare-earth-oxide (REO) equivalent, unless otherwise specified)".
func basisOfOtherNotes(other string) string {
	m := dataInRe.FindStringSubmatch(trimSpace(other))
	if m == nil {
		return ""
	}
	_, basis, ok := strings.Cut(m[1], ", ")
	if !ok {
		return ""
	}
	return strings.TrimSuffix(trimSpace(basis), ",")
}

var (
	sectionProductionBasisRe = regexp.MustCompile(`(?i)production \(([^)]+)\) and`)
	sectionTrailingBasisRe   = regexp.MustCompile(`\(([^)]+)\)\s*$`)
)

// sectionBasis reads a basis the section title states, which overrides the
// chapter's: "World Mine Production (manganese content) and Reserves" applies
// to production rows only; "World Magnesite Mine Production and Reserves
// (gross weight)" to every row.
func sectionBasis(section string, stage orewatch.Stage) string {
	if m := sectionProductionBasisRe.FindStringSubmatch(section); m != nil {
		if stage != orewatch.StageReserves {
			return m[1]
		}
		return ""
	}
	if m := sectionTrailingBasisRe.FindStringSubmatch(section); m != nil {
		return m[1]
	}
	return ""
}

// revisionKind is what a revision note says was revised.
type revisionKind int

const (
	revisedProduction revisionKind = iota
	revisedReserves
	revisedCapacity
)

// revision is one "significant revisions were made to the 2024 production
// for Australia, Brazil, …" statement of a chapter's notes.
type revision struct {
	kind      revisionKind
	year      int      // 0: the year is not stated (reserves, capacity)
	countries []string // as printed
}

// Revision statements. Each pattern is anchored and tried only where its
// key phrase occurs in the sentence: unanchored case-insensitive patterns
// would be retried at every position of the notes.
var revisionPatterns = []struct {
	key  string // lower-case phrase the match starts with
	re   *regexp.Regexp
	kind revisionKind
	// indexes of the year (0: none) and the country list in the submatches
	year, list int
}{
	{"significant revision", regexp.MustCompile(`^(?i)significant revisions? (?:(?:were|was) made )?to (?:the )?(\d{4}) (?:\w+ )?production (?:of \w+ )?for (.+?) (?:were made )?based on`), revisedProduction, 1, 2},
	{"production in ", regexp.MustCompile(`^(?i)production in (\d{4}) for (.+?) was revised significantly`), revisedProduction, 1, 2},
	{"production in ", regexp.MustCompile(`^(?i)production in (\d{4}) was revised significantly for (.+?) based on`), revisedProduction, 1, 2},
	{"a significant revision was made to ", regexp.MustCompile(`^(?i)a significant revision was made to (.+?)[’']s (\d{4}) production`), revisedProduction, 2, 1},
	{"reserves", regexp.MustCompile(`^(?i)reserves(?: data)? for (.+?) (?:also )?were revised`), revisedReserves, 0, 1},
	{"capacit", regexp.MustCompile(`^(?i)capacit(?:y|ies)(?: data)? for (.+?) were revised`), revisedCapacity, 0, 1},
}

var listSplitRe = regexp.MustCompile(`\s*,\s*(?:and\s+)?|\s+and\s+`)

// revisionsOf reads the revision statements of a chapter's notes. Statements
// that name no country ("for some countries") or no year for production are
// left out: a flag is set only where the note is explicit.
func revisionsOf(notes string) []revision {
	lowerNotes := strings.ToLower(notes)
	if !strings.Contains(lowerNotes, "revis") {
		return nil
	}
	var out []revision
	for _, sentence := range strings.Split(notes, ". ") {
		// ToLower keeps byte offsets for the ASCII text of the notes; a
		// sentence where it does not is matched from its start only.
		lower := strings.ToLower(sentence)
		if !strings.Contains(lower, "revis") {
			continue
		}
		sameOffsets := len(lower) == len(sentence)
		for _, p := range revisionPatterns {
			for from := 0; from < len(lower); {
				i := strings.Index(lower[from:], p.key)
				if i < 0 {
					break
				}
				at := from + i
				from = at + len(p.key)
				if !sameOffsets && at != 0 {
					break
				}
				m := p.re.FindStringSubmatch(sentence[at:])
				if m == nil {
					continue
				}
				r := revision{kind: p.kind}
				if p.year > 0 {
					r.year, _ = strconv.Atoi(m[p.year])
				}
				if p.kind == revisedProduction && p.year == 2 {
					r.countries = []string{m[p.list]} // "Malaysia’s 2024 production": one name
				} else {
					r.countries = splitList(m[p.list])
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// splitList splits "Australia, Brazil, the Republic of Korea, and Vietnam"
// into names; "of bauxite for Greece" keeps the part after the last "for ".
func splitList(s string) []string {
	var out []string
	for _, p := range listSplitRe.Split(s, -1) {
		if i := strings.LastIndex(p, " for "); i >= 0 {
			p = p[i+len(" for "):]
		}
		p = strings.Trim(trimSpace(p), "“”\"")
		p = strings.TrimPrefix(p, "the ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// revisedSet is the set of (kind, year, ISO3) a chapter's notes flag.
type revisedSet map[revisionKey]bool

type revisionKey struct {
	kind    revisionKind
	year    int
	country string
}

func newRevisedSet(revs []revision, n *names) revisedSet {
	if len(revs) == 0 {
		return nil
	}
	set := revisedSet{}
	for _, r := range revs {
		for _, c := range r.countries {
			cn := n.country(c)
			if cn.code == "" || cn.code == orewatch.WorldCode {
				continue
			}
			set[revisionKey{r.kind, r.year, cn.code}] = true
		}
	}
	return set
}

// revised reports whether the notes flag the figure as revised.
func (s revisedSet) revised(f *orewatch.Figure) bool {
	if s == nil {
		return false
	}
	switch f.Stage {
	case orewatch.StageReserves:
		return s[revisionKey{revisedReserves, 0, f.Country}]
	case orewatch.StageCapacity:
		return s[revisionKey{revisedCapacity, 0, f.Country}]
	}
	return s[revisionKey{revisedProduction, f.Year, f.Country}]
}
