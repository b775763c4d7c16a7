package risk

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"orewatch"
)

// series is one year of one publication table: a world total and the
// country rows printed with it.
type series struct {
	Year      int
	SourceID  string
	Detail    string
	Unit      string
	World     *orewatch.Figure   // nil when the table has no world total
	Countries []*orewatch.Figure // without the world row
}

// quantities returns the countries with a known quantity, and the codes of
// those whose quantity is withheld or unknown.
func (s *series) quantities() (qs []Quantity, withheld []string) {
	for _, f := range s.Countries {
		if f.Quantity == nil {
			withheld = append(withheld, f.Country)
			continue
		}
		qs = append(qs, Quantity{Country: f.Country, Value: *f.Quantity})
	}
	return qs, withheld
}

// worldTotal is the world quantity, or 0 when unknown.
func (s *series) worldTotal() float64 {
	if s.World != nil && s.World.Quantity != nil {
		return *s.World.Quantity
	}
	return 0
}

func isUSGS(sourceID string) bool { return strings.HasPrefix(strings.ToLower(sourceID), "usgs") }

// pickSeries chooses, among the figures of one year, the table to compute
// indicators from. USGS tables come first, IEA only when USGS has none (as
// for most refining). Then a table with a world total, the newest
// source, the most countries. alt lists the other tables of the year, for
// notes.
func pickSeries(figs []*orewatch.Figure, year int) (best *series, alt []*series) {
	groups := map[[2]string]*series{}
	var keys [][2]string
	for _, f := range figs {
		if f.Year != year {
			continue
		}
		k := [2]string{f.SourceID, f.Detail}
		g, ok := groups[k]
		if !ok {
			g = &series{Year: year, SourceID: f.SourceID, Detail: f.Detail, Unit: f.Unit}
			groups[k] = g
			keys = append(keys, k)
		}
		if f.Country == orewatch.WorldCode {
			g.World = f
			g.Unit = f.Unit
		} else {
			g.Countries = append(g.Countries, f)
		}
	}
	all := make([]*series, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		if len(g.Countries) == 0 && (g.World == nil || g.World.Quantity == nil) {
			continue
		}
		all = append(all, g)
	}
	if len(all) == 0 {
		return nil, nil
	}
	hasWorld := func(s *series) int {
		if s.World != nil && s.World.Quantity != nil {
			return 1
		}
		return 0
	}
	// USGS tables come first at every stage: IEA is the fallback for
	// refining, where USGS often prints none.
	usgsFirst := func(s *series) int {
		if isUSGS(s.SourceID) && len(s.Countries) > 0 {
			return 1
		}
		return 0
	}
	slices.SortFunc(all, func(a, b *series) int {
		if c := cmp.Compare(usgsFirst(b), usgsFirst(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(hasWorld(b), hasWorld(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.SourceID, a.SourceID); c != 0 { // newer edition ids sort later
			return c
		}
		if c := cmp.Compare(len(b.Countries), len(a.Countries)); c != 0 {
			return c
		}
		return cmp.Compare(a.Detail, b.Detail)
	})
	for _, s := range all {
		slices.SortFunc(s.Countries, func(a, b *orewatch.Figure) int { return cmp.Compare(a.Country, b.Country) })
	}
	return all[0], all[1:]
}

// years lists the years with figures, ascending.
func years(figs []*orewatch.Figure) []int {
	var ys []int
	for _, f := range figs {
		if !slices.Contains(ys, f.Year) {
			ys = append(ys, f.Year)
		}
	}
	slices.Sort(ys)
	return ys
}

// seriesNotes describes what a reader must know about the table used.
func seriesNotes(s *series, ind Indicators, withheld []string) []string {
	var notes []string
	if s.World == nil || s.World.Quantity == nil {
		notes = append(notes, fmt.Sprintf("%s prints no world total for %d; shares are of the sum of the listed countries", s.SourceID, s.Year))
	} else {
		if ind.Other > 0 {
			notes = append(notes, fmt.Sprintf("the listed countries add up to %.1f%% of the world total; the source does not attribute the rest (%.1f%%, \"other countries\"), shown as %s and left out of the HHI, top shares and producer count: it is many producers' supply, and any split of it would add at most %.0f to the HHI", 100*ind.Covered, 100*ind.Other, OtherCode, 10000*ind.Other*ind.Other))
		} else if ind.SumExceedsTotal {
			notes = append(notes, fmt.Sprintf("the listed countries add up to %s %s, %.1f%% of the rounded world total: shares are of their sum, so that they add up to 1", fmtNum(ind.Base), s.Unit, 100*ind.Base/s.worldTotal()))
		}
		if s.World.Note != "" {
			notes = append(notes, "world total: "+s.World.Note)
		}
	}
	if len(withheld) > 0 {
		notes = append(notes, fmt.Sprintf("quantity withheld or unknown for %s: left out of the shares", strings.Join(withheld, ", ")))
	}
	return notes
}

// fmtNum writes a quantity without exponent, dropping a zero fraction.
func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
