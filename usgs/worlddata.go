package usgs

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"orewatch"
)

// valueColumnRe matches the value columns of the world-data table:
// PROD_2023, PROD_EST_2024, CAP_2023, CAP_EST_2024, RESERVES_2024.
var valueColumnRe = regexp.MustCompile(`^(PROD|CAP|RESERVES)_(EST_)?(\d{4})$`)

// valueColumn is one value column of the world-data table.
type valueColumn struct {
	index     int
	name      string // as printed
	kind      string // PROD, CAP or RESERVES
	estimated bool   // the column holds estimates ("PROD_EST_ 2024")
	year      int
	notes     int // index of the column's notes
}

var withheldForRe = regexp.MustCompile(`(?i)\bW for (\d{2})\s*[-–]\s*(\d{2})\b`)

// parseWorldData reads the MCS world-data table: one row per commodity,
// country and type, with production, capacity and reserves in columns.
func parseWorldData(name string, cr *recordReader, header []string, res Resolver) (*File, error) {
	cols := newColumns(header)
	if err := cols.need(name, "SOURCE", "COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS"); err != nil {
		return nil, err
	}
	var vcols []valueColumn
	for i, h := range header {
		m := valueColumnRe.FindStringSubmatch(headerKey(h))
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[3])
		if !plausibleYear(y) {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:%d: column %s: implausible year %d", name, headerColumn(header, i), trimSpace(h), y)
		}
		notes := m[1] + "_NOTES"
		if m[1] == "RESERVES" {
			notes = "RESERVE_NOTES"
		}
		ni, ok := cols[notes]
		if !ok {
			ni = -1
		}
		vcols = append(vcols, valueColumn{index: i, name: trimSpace(h), kind: m[1], estimated: m[2] != "", year: y, notes: ni})
	}
	if len(vcols) == 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:1: no value columns (want PROD_yyyy, CAP_yyyy or RESERVES_yyyy)", name)
	}

	f := &File{Name: name, Format: FormatWorldData, Release: &orewatch.Release{}}
	n := newNames(res)
	// The reserves of a row belong to its table line; a commodity printed
	// with several types (mica sheet, mica scrap and flake) has reserves for
	// each, told apart after the file is read.
	types := map[string]map[string]bool{}
	reservesType := map[*orewatch.Figure]string{}
	lines := map[*orewatch.Figure]int{}
	// What a TYPE and an edition say is worked out once per distinct text.
	type typeInfo struct {
		detail, basis string
		estimated     bool
		stage         orewatch.Stage
	}
	typeInfos := map[string]typeInfo{}
	editions := map[string]int{}
	var edition int
	var (
		iSource, iCommodity, iCountry, iType, iUnit = cols["SOURCE"], cols["COMMODITY"], cols["COUNTRY"], cols["TYPE"], cols["UNIT_MEAS"]
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(name, err)
		}
		f.Rows++
		ed, ok := editions[rec[iSource]]
		if !ok {
			if ed, ok = editionOf(rec[iSource]); ok {
				editions[rec[iSource]] = ed
			}
		}
		if !ok {
			return nil, cellError(name, cr, iSource, "SOURCE", fmt.Errorf("unrecognised edition %q (want MCSyyyy)", rec[iSource]))
		}
		if edition == 0 {
			edition = ed
		} else if ed != edition {
			return nil, cellError(name, cr, iSource, "SOURCE", fmt.Errorf("edition %q differs from the file's MCS%d", rec[iSource], edition))
		}
		commodity := collapseSpace(rec[iCommodity])
		typ := collapseSpace(rec[iType])
		material := n.material(commodity)
		country := n.country(rec[iCountry])
		ti, ok := typeInfos[typ]
		if !ok {
			ti.detail, ti.basis, ti.estimated = splitType(typ)
			ti.stage = typeStage(typ)
			typeInfos[typ] = ti
		}
		detail, basis, typeEstimated, stageOfType := ti.detail, ti.basis, ti.estimated, ti.stage
		if types[commodity] == nil {
			types[commodity] = map[string]bool{}
		}
		types[commodity][detail] = true
		for _, vc := range vcols {
			cell := rec[vc.index]
			v, err := parseValue(cell)
			if err != nil {
				return nil, cellError(name, cr, vc.index, vc.name, err)
			}
			note := ""
			if vc.notes >= 0 {
				note = collapseSpace(rec[vc.notes])
			}
			if v.kind == valueNone && v.why == "blank" && withheldFor(note, vc.year) {
				v.kind = valueWithheld
			}
			if v.kind == valueNone {
				if v.why != "blank" {
					f.skip(v.why)
				}
				continue
			}
			if material == "" {
				f.skip("unknown commodity (" + commodity + ")")
				continue
			}
			if country.code == "" {
				f.skip(country.skip)
				continue
			}
			fig := &orewatch.Figure{
				Material:    material,
				Commodity:   commodity,
				Country:     country.code,
				CountryName: collapseSpace(rec[iCountry]),
				Year:        vc.year,
				Unit:        collapseSpace(rec[iUnit]),
				Estimated:   vc.estimated || typeEstimated || estimatedFor(note, vc.year),
			}
			switch vc.kind {
			case "PROD":
				fig.Stage, fig.Detail, fig.Basis = stageOfType, detail, basis
			case "CAP":
				fig.Stage = orewatch.StageCapacity
				fig.Detail = detail
				if stageOfType != orewatch.StageCapacity {
					fig.Detail = "Capacity: " + detail
				}
				fig.Basis = basis
			case "RESERVES":
				// The type describes the production columns; reserves may be
				// on another basis (manganese reserves are gross weight), so
				// none is assumed.
				fig.Stage, fig.Detail = orewatch.StageReserves, "Reserves"
				if stageOfType == orewatch.StageReserves {
					fig.Detail, fig.Basis = detail, basis
				} else {
					reservesType[fig] = cmp.Or(basis, detail)
				}
			}
			switch v.kind {
			case valueWithheld:
				fig.Withheld = true
			case valueLowerBound:
				fig.LowerBound = true
				fig.Quantity = &v.num
			case valueNumber:
				fig.Quantity = &v.num
			}
			fig.Note = worldDataNote(note)
			if vc.kind == "RESERVES" {
				// Reserves may be in another unit than the row's production,
				// and the notes say so.
				if m := unitInNoteRe.FindString(note); m != "" {
					fig.Unit = strings.ToLower(m)
				}
			}
			lines[fig], _ = cr.FieldPos(0)
			f.Release.Figures = append(f.Release.Figures, fig)
		}
	}
	if edition == 0 {
		var ok bool
		if edition, ok = editionOf(name); !ok {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s: no data rows", name)
		}
	}
	f.Release.Source = Edition(edition)
	for _, fig := range f.Release.Figures {
		fig.SourceID = f.Release.Source.ID
		if t, ok := reservesType[fig]; ok && len(types[fig.Commodity]) > 1 {
			fig.Detail = "Reserves: " + t
		}
	}
	var err error
	if f.Release.Figures, err = dedupe(f, f.Release.Figures, lines); err != nil {
		return nil, err
	}
	return f, nil
}

// splitType splits an MCS 2025 TYPE into the statistic and its basis, and
// tells whether it marks the row estimated: "Mine production,
// rare-earth-oxide equivalent" is ("Mine production", "rare-earth-oxide
// equivalent", false); "Mine production, cobalt content, estimated" is
// ("Mine production, cobalt content", "cobalt content", true).
func splitType(typ string) (detail, basis string, estimated bool) {
	parts := strings.Split(typ, ",")
	kept := parts[:0]
	for _, p := range parts {
		p = trimSpace(p)
		if strings.EqualFold(strings.TrimSuffix(p, "."), "estimated") {
			estimated = true
			continue
		}
		if p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return "", "", estimated
	}
	detail = strings.Join(kept, ", ")
	if len(kept) > 1 {
		basis = strings.Join(kept[1:], ", ")
	}
	return detail, basis, estimated
}

// withheldFor reads "W for 23-24" in a notes cell: the values of those years
// were withheld.
func withheldFor(note string, year int) bool {
	m := withheldForRe.FindStringSubmatch(note)
	if m == nil {
		return false
	}
	from, _ := strconv.Atoi(m[1])
	to, _ := strconv.Atoi(m[2])
	yy := year % 100
	return yy >= from && yy <= to
}

var estimatedYearRe = regexp.MustCompile(`(?i)\bestimated(?: for)? (\d{4})\b`)

// estimatedFor reads "estimated 2023" and "estimated for 2023" in a notes
// cell; a bare "estimated" applies to every year of the row.
func estimatedFor(note string, year int) bool {
	if m := estimatedYearRe.FindStringSubmatch(note); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y == year
	}
	lower := strings.ToLower(note)
	return lower == "estimated" || strings.HasPrefix(lower, "estimated,") || strings.HasPrefix(lower, "estimated.")
}

// worldDataNote keeps a notes cell unless it only carries a flag that the
// figure already holds or a blank marker.
func worldDataNote(note string) string {
	lower := strings.ToLower(strings.TrimSuffix(note, "."))
	switch {
	case lower == "", lower == "na", lower == "xx", lower == "estimated",
		withheldForRe.MatchString(note) && len(note) <= len("W for 23-24"),
		estimatedYearRe.MatchString(note) && estimatedYearRe.FindString(note) == note:
		return ""
	}
	return note
}

// unitInNoteRe finds a unit a notes cell states for its column ("Crude Ore,
// million metric tons", "(Reserve data is thousand metric tons).").
var unitInNoteRe = regexp.MustCompile(`(?i)\b(thousand metric tons|million metric tons)\b`)

// dedupe drops figures identical to an earlier one with the same identity
// (material, country, year, stage, detail) and counts them: two commodities
// the catalogue maps to one material may print the same table twice. Figures
// that share an identity but differ come from rows the catalogue resolves to
// one country ("United States (extracted from natural gas)" and "United
// States (from Cliffside Field)"): all but the first carry their printed
// country name in their detail, so that neither replaces the other.
//
// Figures that still conflict are an error naming their lines (lines may be
// nil when the figures come from several files).
func dedupe(f *File, figs []*orewatch.Figure, lines map[*orewatch.Figure]int) ([]*orewatch.Figure, error) {
	type key struct {
		material, country string
		year              int
		stage             orewatch.Stage
		detail            string
	}
	keyOf := func(fig *orewatch.Figure) key {
		return key{fig.Material, fig.Country, fig.Year, fig.Stage, fig.Detail}
	}
	groups := make(map[key][]*orewatch.Figure, len(figs))
	out := figs[:0]
	for _, fig := range figs {
		k := keyOf(fig)
		dup := false
		for _, prev := range groups[k] {
			if orewatch.SameFigure(prev, fig) {
				dup = true
				break
			}
		}
		if dup {
			f.skip("duplicate of an identical figure")
			continue
		}
		groups[k] = append(groups[k], fig)
		out = append(out, fig)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		// The first keeps its wording, so that the series stays whole
		// ("World total (ilmenite, rounded)" before "World total (ilmenite
		// and rutile, rounded)"); the others say what sets them apart.
		byName := map[string]bool{}
		for _, fig := range g {
			byName[fig.CountryName] = true
		}
		for _, fig := range g[1:] {
			switch {
			case len(byName) == len(g):
				fig.Detail += "; " + fig.CountryName
			case fig.Note != "":
				// The same country printed twice for two series of one
				// table: the note says which.
				fig.Detail += "; " + fig.Note
			}
		}
	}
	seen := make(map[key]*orewatch.Figure, len(out))
	for _, fig := range out {
		k := keyOf(fig)
		if prev, ok := seen[k]; ok {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d: conflicting values for one figure (%s, %s, %d, %s, %q) also given on line %d", f.Name, lines[fig], fig.Material, fig.Country, fig.Year, fig.Stage, fig.Detail, lines[prev])
		}
		seen[k] = fig
	}
	return out, nil
}
