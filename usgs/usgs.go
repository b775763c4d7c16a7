// Package usgs reads the U.S. Geological Survey Mineral Commodity Summaries
// data releases exactly as USGS publishes them: the MCS 2025 world-data table
// (MCS2025_World_Data.csv), the MCS 2026 long-format commodities file
// (MCS2026_Commodities_Data.csv) and the net-import-reliance figure tables
// (MCS20xx_Fig2_Net_Import_Reliance.csv). Each file becomes an
// orewatch.Release: sourced figures by country, and US net import reliance
// with its import sources.
//
// Parsing is a plain function of the bytes and a catalogue that resolves
// commodity and country names; nothing here touches a store. A malformed file
// is an error naming the file, line and column, and yields nothing.
package usgs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"orewatch"
)

// Resolver resolves the names the releases print. orewatch.CatalogService
// satisfies it.
type Resolver interface {
	Material(name string) (*orewatch.Material, error)
	Country(name string) (*orewatch.Country, error)
}

// Format is the layout of a release file.
type Format string

const (
	FormatUnknown     Format = ""
	FormatWorldData   Format = "usgs-mcs-world-data"  // MCS2025_World_Data.csv: one row per commodity, country and type
	FormatCommodities Format = "usgs-mcs-commodities" // MCS2026_Commodities_Data.csv: one row per value (long format)
	FormatFig2        Format = "usgs-mcs-fig2-nir"    // MCS20xx_Fig2_Net_Import_Reliance.csv
)

// File is what one release file holds and what parsing left out.
type File struct {
	Name    string
	Format  Format
	Release *orewatch.Release
	// Rows is the number of data rows read.
	Rows int
	// Skipped counts the cells or rows that carry no figure, by reason
	// ("NA (not available)", "aggregate row (Other countries)", ...).
	Skipped map[string]int

	// ambiguous are reliance rows of a commodities file whose import-source
	// category the file alone does not tell; shares are that file's import
	// shares by material. Merge settles them with Figure 2.
	ambiguous []*orewatch.ImportReliance
	shares    map[string][]importShare
}

func (f *File) skip(reason string) {
	if f.Skipped == nil {
		f.Skipped = make(map[string]int)
	}
	f.Skipped[reason]++
}

// Source IDs of the editions this package knows in full.
const (
	SourceMCS2025 = "usgs-mcs-2025"
	SourceMCS2026 = "usgs-mcs-2026"
)

// knownSources are the data releases with their DOIs, as the publisher lists them.
var knownSources = map[int]orewatch.Source{
	2025: {
		ID:        SourceMCS2025,
		Title:     "USGS Mineral Commodity Summaries 2025 – data release",
		Publisher: "U.S. Geological Survey, National Minerals Information Center",
		Year:      2025,
		DOI:       "10.5066/P13XCP3R",
		URL:       "https://doi.org/10.5066/P13XCP3R",
		Licence:   "Public domain (U.S. Government work)",
		Note:      "Report: https://pubs.usgs.gov/periodicals/mcs2025/mcs2025.pdf",
	},
	2026: {
		ID:        SourceMCS2026,
		Title:     "USGS Mineral Commodity Summaries 2026 – data release",
		Publisher: "U.S. Geological Survey, National Minerals Information Center",
		Year:      2026,
		DOI:       "10.5066/P1WKQ63T",
		URL:       "https://doi.org/10.5066/P1WKQ63T",
		Licence:   "Public domain (U.S. Government work)",
		Note:      "Published on ScienceBase, February 2026.",
	},
}

// Edition returns the source record of the MCS edition of a year. Editions
// other than 2025 and 2026 get a record without DOI or URL, which are not
// guessed.
func Edition(year int) orewatch.Source {
	if s, ok := knownSources[year]; ok {
		return s
	}
	return orewatch.Source{
		ID:        fmt.Sprintf("usgs-mcs-%d", year),
		Title:     fmt.Sprintf("USGS Mineral Commodity Summaries %d – data release", year),
		Publisher: "U.S. Geological Survey, National Minerals Information Center",
		Year:      year,
		Licence:   "Public domain (U.S. Government work)",
	}
}

// Detect names the format of a header row, or FormatUnknown.
func Detect(header []string) Format {
	has := make(map[string]bool, len(header))
	for _, h := range header {
		has[headerKey(h)] = true
	}
	switch {
	case has["COMMODITY"] && has["TYPE"] && has["COUNTRY"] && has["UNIT_MEAS"]:
		return FormatWorldData
	case has["MCSCHAPTER"] && has["SECTION"] && has["STATISTICS_DETAIL"] && has["VALUE"]:
		return FormatCommodities
	case has["IMPORT_SHARE_ORDER"] && has["COMMODITY"]:
		return FormatFig2
	}
	return FormatUnknown
}

// headerKey normalises a header cell: upper case, no spaces ("PROD_EST_ 2024"
// is "PROD_EST_2024", "MCS chapter" is "MCSCHAPTER").
func headerKey(h string) string {
	h = trimSpace(h)
	var b strings.Builder
	for _, r := range h {
		if r == ' ' || r == '\u00a0' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// Parse reads one release file, detecting its format from the header. name
// is used in messages and to tell the edition when the file does not say it.
func Parse(name string, r io.Reader, res Resolver) (*File, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return ParseBytes(name, b, res)
}

// ParseBytes is Parse over a byte slice, which it does not change or keep.
func ParseBytes(name string, b []byte, res Resolver) (*File, error) {
	cr, header, err := openCSV(name, b)
	if err != nil {
		return nil, err
	}
	var f *File
	switch Detect(header) {
	case FormatWorldData:
		f, err = parseWorldData(name, cr, header, res)
	case FormatCommodities:
		f, err = parseCommodities(name, cr, header, res)
	case FormatFig2:
		f, err = parseFig2(name, cr, header, res)
	default:
		return nil, unknownHeader(name, header)
	}
	if err != nil {
		return nil, err
	}
	f.detach()
	return f, nil
}

func unknownHeader(name string, header []string) error {
	return orewatch.Errorf(orewatch.EINVALID, "%s:1:1: not a USGS Mineral Commodity Summaries data file: unrecognised header %q (want the world-data table, the commodities file or the Figure 2 net-import-reliance table)", name, shorten(strings.Join(header, ","), 120))
}

// detach copies the strings the file keeps out of the input they were read
// from, once per distinct value: the reader returns fields as substrings of
// the whole input, which a kept figure would otherwise hold in memory.
func (f *File) detach() {
	seen := map[string]string{}
	c := func(s *string) {
		if v, ok := seen[*s]; ok {
			*s = v
			return
		}
		v := strings.Clone(*s)
		seen[v] = v
		*s = v
	}
	for _, fig := range f.Release.Figures {
		c(&fig.Commodity)
		c(&fig.CountryName)
		c(&fig.Detail)
		c(&fig.Unit)
		c(&fig.Basis)
		c(&fig.Note)
	}
	for _, ir := range f.Release.ImportReliance {
		c(&ir.Commodity)
		c(&ir.Value)
		c(&ir.Basis)
		c(&ir.Period)
		c(&ir.Product)
		for i := range ir.Sources {
			c(&ir.Sources[i].CountryName)
		}
	}
	for _, shares := range f.shares {
		for i := range shares {
			c(&shares[i].product)
			c(&shares[i].period)
			c(&shares[i].country)
			c(&shares[i].note)
		}
	}
}

// openCSV converts Windows-1252 (in which USGS publishes some files) to
// UTF-8, drops a byte-order mark and reads the header row.
func openCSV(name string, b []byte) (*recordReader, []string, error) {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		b = decodeWindows1252(b)
	}
	cr := newRecordReader(string(b))
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, orewatch.Errorf(orewatch.EINVALID, "%s: empty file", name)
	} else if err != nil {
		return nil, nil, csvError(name, err)
	}
	return cr, append([]string(nil), header...), nil
}

// csvError turns an encoding/csv error into an EINVALID error naming the file,
// line and column.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields for the header"
		}
		return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: %s", name, pe.Line, pe.Column, msg)
	}
	return orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
}

// cellError is an EINVALID error at the position of field i of the record cr
// returned last.
func cellError(name string, cr *recordReader, i int, column string, err error) error {
	line, col := cr.FieldPos(i)
	return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column %s: %v", name, line, col, column, err)
}

// columns maps header keys to indexes and reports a missing one as an error.
type columns map[string]int

func newColumns(header []string) columns {
	c := make(columns, len(header))
	for i, h := range header {
		c[headerKey(h)] = i
	}
	return c
}

func (c columns) need(name string, keys ...string) error {
	for _, k := range keys {
		if _, ok := c[k]; !ok {
			return orewatch.Errorf(orewatch.EINVALID, "%s:1:1: missing column %s", name, k)
		}
	}
	return nil
}

// windows1252 maps the bytes 0x80–0x9F, where Windows-1252 differs from
// Latin-1. It is small enough to write out rather than add a dependency.
var windows1252 = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

func decodeWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, windows1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

var editionRe = regexp.MustCompile(`(?i)MCS\s*(\d{4})`)

// editionOf reads "MCS2025" (the SOURCE column or a file name) as 2025.
func editionOf(s string) (int, bool) {
	m := editionRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	y, err := strconv.Atoi(m[1])
	return y, err == nil
}

// plausibleYear bounds the years a release may state.
func plausibleYear(y int) bool { return y >= 1900 && y <= 2200 }

// headerColumn is the 1-based byte column where header field i starts,
// assuming the header has no quoted fields with commas (the releases' do not).
func headerColumn(header []string, i int) int {
	col := 1
	for _, h := range header[:i] {
		col += len(h) + 1
	}
	return col
}
