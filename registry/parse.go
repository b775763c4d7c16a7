package registry

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"orewatch"
)

// Columns are the columns of a registry CSV file, in the order Export
// writes them. ParseCSV accepts them in any order but needs every one.
var Columns = []string{
	"id", "jurisdiction_iso3", "authority", "instrument", "title", "measure_type",
	"announced", "effective", "ends", "suspends", "status_note", "items", "hs_codes",
	"destinations", "de_minimis", "source_url",
}

const (
	colID = iota
	colJurisdiction
	colAuthority
	colInstrument
	colTitle
	colType
	colAnnounced
	colEffective
	colEnds
	colSuspends
	colStatusNote
	colItems
	colHSCodes
	colDestinations
	colDeMinimis
	colSourceURL
)

// DestinationsAll is the destinations value of a measure that targets every
// country.
const DestinationsAll = "all"

// Parser reads registry CSV files.
type Parser struct {
	Catalog orewatch.CatalogService
	// KnownIDs, when set, reports ids that a suspends column may name
	// besides the file's own rows: the ids already in the registry, for a
	// file that corrects only some records.
	KnownIDs func(id string) bool
}

// ParseCSV reads a registry CSV file with the columns of the shared
// measures.csv (see Columns) and returns one measure per row, items resolved
// to catalogue materials. name is the file name used in error messages.
// Every error names the file, line, column and field.
func ParseCSV(r io.Reader, name string, cat orewatch.CatalogService) ([]*orewatch.Measure, error) {
	return (&Parser{Catalog: cat}).Parse(r, name)
}

// Parse reads a registry CSV file; see ParseCSV.
func (p *Parser) Parse(r io.Reader, name string) ([]*orewatch.Measure, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: empty file: want a header row with the columns %s", name, strings.Join(Columns, ","))
	} else if err != nil {
		return nil, csvError(name, err)
	}
	order, err := columnOrder(name, header)
	if err != nil {
		return nil, err
	}
	res := newResolver(p.Catalog)
	var (
		ms   []*orewatch.Measure
		seen = map[string]int{} // id → line
		refs []suspendRef
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(name, err)
		}
		row := rowReader{name: name, cr: cr, rec: rec, order: order}
		if len(rec) != len(header) {
			line, _ := cr.FieldPos(0)
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d: want %d fields like the header, got %d", name, line, len(header), len(rec))
		}
		if row.blank() {
			continue
		}
		m, sus, err := p.parseRow(&row, res)
		if err != nil {
			return nil, err
		}
		if first, dup := seen[m.ID]; dup {
			return nil, row.errorf(colID, "duplicate id %q (first on line %d)", m.ID, first)
		}
		line, _ := cr.FieldPos(0)
		seen[m.ID] = line
		refs = append(refs, sus...)
		ms = append(ms, m)
	}
	for _, ref := range refs {
		if _, ok := seen[ref.id]; ok {
			continue
		}
		if p.KnownIDs != nil && p.KnownIDs(ref.id) {
			continue
		}
		return nil, ref.err
	}
	return ms, nil
}

// suspendRef is an id named in a suspends column, checked once every row is
// read, with the error to report if it names no record.
type suspendRef struct {
	id  string
	err error
}

func columnOrder(name string, header []string) ([]int, error) {
	idx := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		known := false
		for _, c := range Columns {
			if h == c {
				known = true
			}
		}
		if !known {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1: column %d: unknown column %q (want %s)", name, i+1, h, strings.Join(Columns, ","))
		}
		if j, dup := idx[h]; dup {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1: column %d: column %q repeats column %d", name, i+1, h, j+1)
		}
		idx[h] = i
	}
	order := make([]int, len(Columns))
	for i, c := range Columns {
		j, ok := idx[c]
		if !ok {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1: missing column %q (want %s)", name, c, strings.Join(Columns, ","))
		}
		order[i] = j
	}
	return order, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("reading %s: %w", name, err)
}

// rowReader reads the fields of one record by column.
type rowReader struct {
	name  string
	cr    *csv.Reader
	rec   []string
	order []int
}

func (r *rowReader) get(col int) string { return strings.TrimSpace(r.rec[r.order[col]]) }

func (r *rowReader) blank() bool {
	for _, f := range r.rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// errorf returns an EINVALID error naming the file, line, column and field.
func (r *rowReader) errorf(col int, format string, args ...any) *orewatch.Error {
	line, column := r.cr.FieldPos(r.order[col])
	return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: field %s: %s", r.name, line, column, Columns[col], fmt.Sprintf(format, args...))
}

// list splits a ;-separated field, dropping empty entries.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func validID(id string) bool {
	for _, r := range id {
		if r <= ' ' || r == ';' || r == ',' || r == '"' || r == 0x7f {
			return false
		}
	}
	return id != ""
}

func (p *Parser) parseRow(r *rowReader, res *resolver) (*orewatch.Measure, []suspendRef, error) {
	m := &orewatch.Measure{
		ID:         r.get(colID),
		Authority:  r.get(colAuthority),
		Instrument: r.get(colInstrument),
		Title:      r.get(colTitle),
		StatusNote: r.get(colStatusNote),
		SourceURL:  r.get(colSourceURL),
	}
	if !validID(m.ID) {
		return nil, nil, r.errorf(colID, "invalid id %q: want a non-empty id without spaces, commas, quotes or semicolons", m.ID)
	}

	j := r.get(colJurisdiction)
	if j == "" {
		return nil, nil, r.errorf(colJurisdiction, "missing: want the ISO 3166 alpha-3 code of the acting state")
	}
	iso, err := p.country(r, colJurisdiction, j)
	if err != nil {
		return nil, nil, err
	}
	m.Jurisdiction = iso

	switch t := orewatch.MeasureType(r.get(colType)); t {
	case orewatch.MeasureLicence, orewatch.MeasureExportBan, orewatch.MeasureTechBan, orewatch.MeasureQuota,
		orewatch.MeasureSuspension, orewatch.MeasureAgreement, orewatch.MeasureOther:
		m.Type = t
	default:
		return nil, nil, r.errorf(colType, "unknown measure type %q (want one of %s)", t, strings.Join(measureTypeNames(), ", "))
	}
	if m.Instrument == "" {
		return nil, nil, r.errorf(colInstrument, "missing: every measure names its legal instrument")
	}

	for _, d := range []struct {
		col int
		dst *orewatch.Date
	}{{colAnnounced, &m.Announced}, {colEffective, &m.Effective}, {colEnds, &m.Ends}} {
		v, err := orewatch.ParseDate(r.get(d.col))
		if err != nil {
			return nil, nil, r.errorf(d.col, "%v", err)
		}
		*d.dst = v
	}
	if !m.Effective.IsZero() && !m.Ends.IsZero() && !m.Effective.Before(m.Ends) {
		return nil, nil, r.errorf(colEnds, "ends %s is not after effective %s (ends is the first day the measure no longer applies)", m.Ends, m.Effective)
	}

	var refs []suspendRef
	m.Suspends = list(r.get(colSuspends))
	switch {
	case m.Type == orewatch.MeasureSuspension && len(m.Suspends) == 0:
		return nil, nil, r.errorf(colSuspends, "a suspension must name the ids it suspends (;-separated)")
	case m.Type != orewatch.MeasureSuspension && len(m.Suspends) > 0:
		return nil, nil, r.errorf(colSuspends, "only suspension rows may name suspended ids (this row is %s)", m.Type)
	}
	for _, id := range m.Suspends {
		if id == m.ID {
			return nil, nil, r.errorf(colSuspends, "%s cannot suspend itself", id)
		}
		refs = append(refs, suspendRef{id: id, err: r.errorf(colSuspends, "suspends unknown id %q", id)})
	}

	m.Items = list(r.get(colItems))
	if len(m.Items) == 0 {
		return nil, nil, r.errorf(colItems, "missing: want the ;-separated items the measure covers")
	}
	m.Materials, m.Unresolved = res.resolveItems(m.Items)
	if isMilitaryOnly(m.Title, m.Items) {
		m.EndUse = orewatch.EndUseMilitary
	}

	for _, c := range list(r.get(colHSCodes)) {
		if !isDigits(c) || len(c) < 6 || len(c) > 10 {
			return nil, nil, r.errorf(colHSCodes, "invalid tariff line %q: want 6 to 10 digits", c)
		}
		m.TariffLines = append(m.TariffLines, c)
	}

	dests := list(r.get(colDestinations))
	switch {
	case len(dests) == 0:
		return nil, nil, r.errorf(colDestinations, "missing: want %q or ;-separated ISO 3166 alpha-3 codes", DestinationsAll)
	case len(dests) == 1 && strings.EqualFold(dests[0], DestinationsAll):
		m.Destinations = []string{DestinationsAll}
	default:
		for _, d := range dests {
			if strings.EqualFold(d, DestinationsAll) {
				return nil, nil, r.errorf(colDestinations, "%q cannot be combined with country codes", DestinationsAll)
			}
			iso, err := p.country(r, colDestinations, d)
			if err != nil {
				return nil, nil, err
			}
			m.Destinations = append(m.Destinations, iso)
		}
	}

	if dm := r.get(colDeMinimis); dm != "" {
		if _, err := ParseDeMinimis(dm); err != nil {
			return nil, nil, r.errorf(colDeMinimis, "%v", err)
		}
		m.DeMinimis = dm
	}

	if m.SourceURL == "" {
		return nil, nil, r.errorf(colSourceURL, "missing: every measure carries the address it was read from")
	}
	if u, err := url.Parse(m.SourceURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, r.errorf(colSourceURL, "invalid address %q: want an http or https URL", m.SourceURL)
	}
	return m, refs, nil
}

// country checks that code is an ISO3 code the catalogue knows.
func (p *Parser) country(r *rowReader, col int, code string) (string, error) {
	c, err := p.Catalog.Country(code)
	if err != nil {
		e := r.errorf(col, "unknown ISO 3166 alpha-3 code %q", code)
		var ce *orewatch.Error
		if errors.As(err, &ce) {
			e.Suggestions = ce.Suggestions
		}
		return "", e
	}
	if !strings.EqualFold(c.ISO3, code) {
		return "", r.errorf(col, "%q is not an ISO 3166 alpha-3 code (did you mean %q?)", code, c.ISO3)
	}
	return c.ISO3, nil
}

func measureTypeNames() []string {
	return []string{
		string(orewatch.MeasureLicence), string(orewatch.MeasureExportBan), string(orewatch.MeasureTechBan),
		string(orewatch.MeasureQuota), string(orewatch.MeasureSuspension), string(orewatch.MeasureAgreement),
		string(orewatch.MeasureOther),
	}
}

// ParseDeMinimis reads a de minimis threshold such as "0.1%" and returns the
// percentage (0.1).
func ParseDeMinimis(s string) (float64, error) {
	v, ok := strings.CutSuffix(strings.TrimSpace(s), "%")
	if !ok {
		return 0, fmt.Errorf("invalid de minimis %q: want a percentage such as 0.1%%", s)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 || f > 100 || f != f {
		return 0, fmt.Errorf("invalid de minimis %q: want a percentage between 0%% and 100%%", s)
	}
	return f, nil
}
