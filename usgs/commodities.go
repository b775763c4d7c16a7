package usgs

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"orewatch"
)

// Sections and statistics of the long-format commodities file that this
// parser reads; every other row (US salient statistics such as prices,
// stocks and consumption) is counted as skipped.
const (
	sectionImportSources = "import sources"
	statNetImport        = "net import reliance"
)

// parseCommodities reads the MCS long-format commodities file: one value per
// row. "World …" sections become figures; the US net-import-reliance rows
// become ImportReliance with the shares of the "Import Sources" section.
func parseCommodities(name string, cr *recordReader, header []string, res Resolver) (*File, error) {
	cols := newColumns(header)
	if err := cols.need(name, "MCSCHAPTER", "SECTION", "COMMODITY", "COUNTRY", "STATISTICS", "STATISTICS_DETAIL", "UNIT", "YEAR", "VALUE", "NOTES"); err != nil {
		return nil, err
	}
	iSection, iCommodity, iCountry := cols["SECTION"], cols["COMMODITY"], cols["COUNTRY"]
	iStat, iDetail, iUnit, iYear, iValue, iNotes := cols["STATISTICS"], cols["STATISTICS_DETAIL"], cols["UNIT"], cols["YEAR"], cols["VALUE"], cols["NOTES"]
	iOther, hasOther := cols["OTHERNOTES"]

	f := &File{Name: name, Format: FormatCommodities, Release: &orewatch.Release{}}
	n := newNames(res)
	maxYear := 0
	// Per-chapter notes are repeated on every row; their basis and revision
	// statements are read once per distinct text.
	type chapterNotes struct {
		basis   string
		revised revisedSet
	}
	chapters := map[string]*chapterNotes{}
	type pending struct {
		fig     *orewatch.Figure
		revised revisedSet
	}
	lines := map[*orewatch.Figure]int{}
	var figs []pending
	nir := &nirCollector{}
	// The wording of sections, statistics and notes repeats from row to row;
	// what it says is worked out once per distinct text.
	kinds := map[rowKey]rowKind{}
	statistics := map[statKey]statistic{}
	type noteKey struct {
		notes   string
		rounded bool
	}
	type noteResult struct {
		note      string
		estimated bool
	}
	noteCache := map[noteKey]noteResult{}

	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(name, err)
		}
		f.Rows++
		kind, ok := kinds[rowKey{rec[iSection], rec[iStat]}]
		if !ok {
			kind = kindOfRow(rec[iSection], rec[iStat])
			kinds[rowKey{rec[iSection], rec[iStat]}] = kind
		}
		if kind == rowSkip {
			f.skip("US salient statistic")
			continue
		}
		isImports, isNIR := kind == rowImports, kind == rowNIR
		commodity := collapseSpace(rec[iCommodity])
		detail := collapseSpace(rec[iDetail])
		printedYear := trimSpace(rec[iYear])
		notes := rec[iNotes]
		material := n.material(commodity)

		if isImports {
			v, err := parseValue(rec[iValue])
			if err != nil {
				return nil, cellError(name, cr, iValue, "Value", err)
			}
			share := importShare{product: detail, period: printedYear, country: collapseSpace(rec[iCountry]), note: collapseSpace(notes)}
			if cn := n.country(share.country); cn.code != orewatch.WorldCode {
				share.code = cn.code
			}
			if v.kind == valueNumber {
				share.percent = &v.num
			}
			if material == "" {
				f.skip("unknown commodity (" + commodity + ")")
				continue
			}
			nir.addShare(material, share)
			continue
		}

		year, err := strconv.Atoi(printedYear)
		if err != nil || !plausibleYear(year) {
			return nil, cellError(name, cr, iYear, "Year", fmt.Errorf("bad year %q", printedYear))
		}
		maxYear = max(maxYear, year)

		if isNIR {
			printed := collapseSpace(rec[iValue])
			v, err := parseNIRValue(printed)
			if err != nil {
				return nil, cellError(name, cr, iValue, "Value", err)
			}
			if v.skip != "" {
				f.skip(v.skip)
				continue
			}
			if material == "" {
				f.skip("unknown commodity (" + commodity + ")")
				continue
			}
			nir.addReliance(&orewatch.ImportReliance{
				Material:  material,
				Commodity: commodity,
				Year:      year,
				Value:     v.printed,
				Percent:   v.percent,
				Basis:     nirBasis(detail),
			})
			continue
		}

		v, err := parseValue(rec[iValue])
		if err != nil {
			return nil, cellError(name, cr, iValue, "Value", err)
		}
		if v.kind == valueNone {
			f.skip(v.why)
			continue
		}
		if material == "" {
			f.skip("unknown commodity (" + commodity + ")")
			continue
		}
		country := n.country(rec[iCountry])
		if country.code == "" {
			f.skip(country.skip)
			continue
		}
		other := ""
		if hasOther {
			other = rec[iOther]
		}
		ch := chapters[other]
		if ch == nil {
			first, _, _ := strings.Cut(other, " -- ")
			ch = &chapterNotes{basis: basisOfOtherNotes(first), revised: newRevisedSet(revisionsOf(other), n)}
			chapters[other] = ch
		}
		fig := &orewatch.Figure{
			Material:    material,
			Commodity:   commodity,
			Country:     country.code,
			CountryName: collapseSpace(rec[iCountry]),
			Year:        year,
			Unit:        collapseSpace(rec[iUnit]),
		}
		st, ok := statistics[statKey{rec[iSection], rec[iStat], rec[iDetail]}]
		if !ok {
			st = readStatistic(rec[iSection], rec[iStat], detail)
			statistics[statKey{rec[iSection], rec[iStat], rec[iDetail]}] = st
		}
		fig.Stage, fig.Detail, fig.Basis = st.stage, st.detail, cmp.Or(st.basis, ch.basis)
		nr, ok := noteCache[noteKey{notes, st.rounded}]
		if !ok {
			nr.note, nr.estimated = commodityNote(collapseSpace(notes), st.rounded)
			noteCache[noteKey{notes, st.rounded}] = nr
		}
		fig.Note, fig.Estimated = nr.note, nr.estimated
		switch v.kind {
		case valueWithheld:
			fig.Withheld = true
		case valueLowerBound:
			fig.LowerBound = true
			fig.Quantity = &v.num
		case valueNumber:
			fig.Quantity = &v.num
		}
		lines[fig], _ = cr.FieldPos(0)
		figs = append(figs, pending{fig, ch.revised})
	}
	if maxYear == 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: no data rows", name)
	}
	// An edition reports estimates for the year before it is published, so
	// the latest year of the file names the edition (2025 data: MCS 2026).
	f.Release.Source = Edition(maxYear + 1)
	if ed, ok := editionOf(name); ok && ed != maxYear+1 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: the file name says MCS %d but its latest year, %d, belongs to MCS %d", name, ed, maxYear, maxYear+1)
	}
	src := f.Release.Source.ID
	f.Release.Figures = make([]*orewatch.Figure, 0, len(figs))
	for _, p := range figs {
		p.fig.Revised = p.revised.revised(p.fig)
		p.fig.SourceID = src
		f.Release.Figures = append(f.Release.Figures, p.fig)
	}
	var err error
	if f.Release.Figures, err = dedupe(f, f.Release.Figures, lines); err != nil {
		return nil, err
	}
	f.Release.ImportReliance, f.ambiguous = nir.build(src)
	f.Release.ImportReliance = dedupeReliance(f, f.Release.ImportReliance)
	f.shares = nir.shares
	return f, nil
}

type rowKey struct{ section, stat string }

// rowKind is what the parser does with a row of the commodities file.
type rowKind int

const (
	rowSkip    rowKind = iota // US salient statistics other than net import reliance
	rowWorld                  // a "World …" section: a figure
	rowImports                // "Import Sources": a share of US imports
	rowNIR                    // net import reliance
)

func kindOfRow(section, stat string) rowKind {
	lower := strings.ToLower(collapseSpace(section))
	switch {
	case strings.HasPrefix(lower, "world"):
		return rowWorld
	case lower == sectionImportSources:
		return rowImports
	case strings.EqualFold(collapseSpace(stat), statNetImport):
		return rowNIR
	}
	return rowSkip
}

type statKey struct{ section, stat, detail string }

// statistic is what a world row's section, statistic and detail say.
type statistic struct {
	stage   orewatch.Stage
	detail  string // without the rounding marker
	rounded bool
	basis   string // stated by the section title, or ""
}

func readStatistic(section, stat, detail string) statistic {
	section = collapseSpace(section)
	var st statistic
	switch strings.ToLower(collapseSpace(stat)) {
	case "reserves":
		st.stage = orewatch.StageReserves
	case "capacity":
		st.stage = orewatch.StageCapacity
	default:
		st.stage = productionStage(detail)
		if st.stage == orewatch.StageOther {
			st.stage = productionStage(strings.SplitN(strings.ToLower(section), " and reserves", 2)[0])
		}
	}
	st.detail, st.rounded = cutRounded(detail)
	st.basis = sectionBasis(section, st.stage)
	// A statistic that names its own basis ("Mine production: Iron content"
	// beside "Mine production: Usable ore") overrides the chapter's.
	if _, q, ok := strings.Cut(st.detail, ": "); ok && st.basis == "" && basisWordRe.MatchString(q) {
		st.basis = q
	}
	return st
}

var basisWordRe = regexp.MustCompile(`(?i)\b(content|equivalent|weight|ore)\b`)

// commodityNote splits a Notes cell ("Estimated. -- Production quota; does
// not include undocumented production.") into the note to keep and the
// estimated flag. A world total's rounding is noted.
func commodityNote(notes string, rounded bool) (string, bool) {
	var kept []string
	estimated := false
	if notes != "" {
		for _, p := range strings.Split(notes, "--") {
			p = trimSpace(p)
			// "Estimated." also appears as "Estimated ." before a source.
			if strings.EqualFold(strings.TrimRight(p, ". "), "estimated") {
				estimated = true
				continue
			}
			if p != "" {
				kept = append(kept, p)
			}
		}
	}
	if rounded {
		kept = append(kept, "Rounded.")
	}
	return strings.Join(kept, " -- "), estimated
}

var nirBasisRe = regexp.MustCompile(`(?i)net import reliance ?as a percentage of\s*`)

// nirBasis reads the consumption basis from a net-import-reliance statistic:
// "Net import reliance as a percentage of apparent consumption: Compounds and
// metals" is "apparent consumption: Compounds and metals".
func nirBasis(detail string) string {
	if loc := nirBasisRe.FindStringIndex(detail); loc != nil {
		return trimSpace(detail[:loc[0]] + detail[loc[1]:])
	}
	return detail
}

// nirValue is a printed net-import-reliance value.
type nirValue struct {
	printed string
	percent *float64
	skip    string // why the row carries no value
}

// parseNIRValue reads a net import reliance as USGS prints it: a percentage
// ("53"), a bound (">95", "<25") or "E" (net exporter). "NA" and "s" carry no
// value.
func parseNIRValue(s string) (nirValue, error) {
	switch s {
	case "NA", "na", "":
		return nirValue{skip: "net import reliance NA"}, nil
	case "s":
		return nirValue{skip: "net import reliance s (not meaningful)"}, nil
	case "E", "e":
		return nirValue{printed: "E"}, nil
	}
	if s[0] == '>' || s[0] == '<' {
		if _, err := parseNumber(s[1:]); err != nil {
			return nirValue{}, err
		}
		return nirValue{printed: s}, nil
	}
	n, err := parseNumber(s)
	if err != nil {
		return nirValue{}, fmt.Errorf("bad net import reliance %q (want a percentage, >x, <x or E)", s)
	}
	return nirValue{printed: s, percent: &n}, nil
}

// importShare is one row of an "Import Sources" section.
type importShare struct {
	product, period, country, note string
	code                           string // ISO3, or "" for "Other countries"
	percent                        *float64
}

// nirCollector gathers net-import-reliance rows and import shares per
// material and joins them when the file has been read.
type nirCollector struct {
	rows   []*orewatch.ImportReliance
	shares map[string][]importShare // by material, in file order
}

func (c *nirCollector) addReliance(ir *orewatch.ImportReliance) { c.rows = append(c.rows, ir) }

func (c *nirCollector) addShare(material string, s importShare) {
	if c.shares == nil {
		c.shares = map[string][]importShare{}
	}
	c.shares[material] = append(c.shares[material], s)
}

// build attaches to each reliance row the import shares of one product
// category: the category its basis names ("…: Compounds and metals" takes
// "Rare-earth compounds and metals"); else, when the material has a single
// basis, its total category ("Total", "Combined total", "All") or its only
// one. A row whose category cannot be told gets none rather than another
// product's shares; when its material has a single basis it is returned as
// ambiguous, for Merge to settle with the edition's Figure 2 table.
func (c *nirCollector) build(source string) (rows, ambiguous []*orewatch.ImportReliance) {
	bases := map[string]map[string]bool{}
	for _, ir := range c.rows {
		if bases[ir.Material] == nil {
			bases[ir.Material] = map[string]bool{}
		}
		bases[ir.Material][ir.Basis] = true
	}
	for _, ir := range c.rows {
		ir.SourceID = source
		shares := c.shares[ir.Material]
		if len(shares) == 0 {
			continue
		}
		products := productsOf(shares)
		product, ok := matchProduct(products, ir.Basis)
		if !ok && len(bases[ir.Material]) == 1 {
			if product, ok = defaultProduct(products); !ok {
				ambiguous = append(ambiguous, ir)
			}
		}
		if ok {
			attachShares(ir, shares, product)
		}
	}
	return c.rows, ambiguous
}

// attachShares sets a reliance row's import sources to the shares of one
// product category, largest first.
func attachShares(ir *orewatch.ImportReliance, shares []importShare, product string) {
	ir.Sources = nil
	for _, s := range shares {
		if s.product != product {
			continue
		}
		ir.Product, ir.Period = product, s.period
		ir.Sources = append(ir.Sources, orewatch.ImportShare{Country: s.code, CountryName: s.country, Percent: s.percent})
	}
	sortShares(ir.Sources)
}

func productsOf(shares []importShare) []string {
	var out []string
	for _, s := range shares {
		if !slices.Contains(out, s.product) {
			out = append(out, s.product)
		}
	}
	return out
}

// matchProduct finds the category a basis qualifier names: the part after
// ":" or "," in "apparent consumption: Compounds and metals".
func matchProduct(products []string, basis string) (string, bool) {
	i := strings.IndexAny(basis, ":,")
	if i < 0 {
		return "", false
	}
	q := fold(basis[i+1:])
	if q == "" {
		return "", false
	}
	for _, p := range products {
		fp := fold(p)
		if strings.Contains(fp, q) || strings.Contains(q, fp) {
			return p, true
		}
	}
	return "", false
}

func defaultProduct(products []string) (string, bool) {
	if len(products) == 1 {
		return products[0], true
	}
	for _, p := range products {
		lower := strings.ToLower(p)
		if strings.HasPrefix(lower, "total") || strings.HasPrefix(lower, "combined total") || lower == "all" {
			return p, true
		}
	}
	return "", false
}

// fold lower-cases s and keeps only letters and digits, for loose matching.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sortShares orders import shares largest first, with "Other" last and
// unknown percentages after known ones, keeping the printed order otherwise.
func sortShares(s []orewatch.ImportShare) {
	rank := func(x orewatch.ImportShare) int {
		switch {
		case x.Country == "" && isAggregate(strings.ToLower(x.CountryName)):
			return 2
		case x.Percent == nil:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(s, func(a, b orewatch.ImportShare) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a.Percent != nil && b.Percent != nil {
			switch {
			case *a.Percent > *b.Percent:
				return -1
			case *a.Percent < *b.Percent:
				return 1
			}
		}
		return 0
	})
}

// dedupeReliance keeps one of identical reliance rows and drops rows that
// share their wording (material, commodity, year, basis) but differ: a
// chapter with two tables worded alike (mica: scrap and flake, and sheet)
// gives no way to tell which value is which, so neither is stored.
func dedupeReliance(f *File, rows []*orewatch.ImportReliance) []*orewatch.ImportReliance {
	type key struct {
		material, commodity string
		year                int
		basis               string
	}
	groups := map[key][]*orewatch.ImportReliance{}
	for _, ir := range rows {
		k := key{ir.Material, ir.Commodity, ir.Year, ir.Basis}
		groups[k] = append(groups[k], ir)
	}
	out := rows[:0]
	for _, ir := range rows {
		g := groups[key{ir.Material, ir.Commodity, ir.Year, ir.Basis}]
		if len(g) == 1 {
			out = append(out, ir)
			continue
		}
		same := true
		for _, o := range g[1:] {
			same = same && orewatch.SameImportReliance(g[0], o)
		}
		switch {
		case same && g[0] == ir:
			out = append(out, ir)
		case same:
			f.skip("duplicate of an identical net import reliance row")
		default:
			f.skip("net import reliance worded alike for two tables of one chapter (" + ir.Commodity + ")")
		}
	}
	return out
}
