package usgs

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"orewatch"
)

var (
	fig2NIRRe     = regexp.MustCompile(`^NET_IMPORT_RELIANCE_PCT_(\d{4})$`)
	fig2SourcesRe = regexp.MustCompile(`^MAJOR_IMPORT_SOURCES_(\d{4})_(\d{2,4})$`)
	// footnoteRe matches a footnote number printed after a country name
	// ("China3" in the MCS 2025 table).
	footnoteRe = regexp.MustCompile(`(\D)\d+$`)
)

// parseFig2 reads the "Net import reliance" figure table of an MCS edition:
// one row per commodity with the reliance of the latest year and the major
// import sources in descending order of share (no percentages).
func parseFig2(name string, cr *recordReader, header []string, res Resolver) (*File, error) {
	cols := newColumns(header)
	if err := cols.need(name, "SOURCE", "COMMODITY"); err != nil {
		return nil, err
	}
	iNIR, iSources := -1, -1
	var year int
	var period string
	for i, h := range header {
		k := headerKey(h)
		if m := fig2NIRRe.FindStringSubmatch(k); m != nil {
			iNIR = i
			year, _ = strconv.Atoi(m[1])
			if !plausibleYear(year) {
				return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:%d: column %s: implausible year %d", name, headerColumn(header, i), trimSpace(h), year)
			}
		}
		if m := fig2SourcesRe.FindStringSubmatch(k); m != nil {
			iSources = i
			period = m[1] + "–" + m[2][len(m[2])-2:]
		}
	}
	if iNIR < 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:1: missing column Net_Import_Reliance_pct_yyyy", name)
	}
	if iSources < 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:1: missing column Major_Import_Sources_yyyy_yy", name)
	}
	iSource, iCommodity := cols["SOURCE"], cols["COMMODITY"]

	f := &File{Name: name, Format: FormatFig2, Release: &orewatch.Release{}}
	n := newNames(res)
	edition := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(name, err)
		}
		f.Rows++
		ed, ok := editionOf(rec[iSource])
		if !ok {
			return nil, cellError(name, cr, iSource, "Source", fmt.Errorf("unrecognised edition %q (want MCSyyyy)", rec[iSource]))
		}
		if edition == 0 {
			edition = ed
		} else if ed != edition {
			return nil, cellError(name, cr, iSource, "Source", fmt.Errorf("edition %q differs from the file's MCS%d", rec[iSource], edition))
		}
		label := collapseSpace(rec[iCommodity])
		v, err := parseNIRValue(collapseSpace(rec[iNIR]))
		if err != nil {
			return nil, cellError(name, cr, iNIR, header[iNIR], err)
		}
		if v.skip != "" {
			f.skip(v.skip)
			continue
		}
		material := n.material(label)
		if material == "" {
			f.skip("unknown commodity (" + label + ")")
			continue
		}
		ir := &orewatch.ImportReliance{
			Material:  material,
			Commodity: label,
			Year:      year,
			Value:     v.printed,
			Percent:   v.percent,
		}
		if _, product, ok := strings.Cut(label, ","); ok {
			ir.Product = trimSpace(product)
		}
		if list := collapseSpace(rec[iSources]); list != "" && list != "NA" {
			ir.Period = period
			for _, c := range strings.Split(list, ",") {
				printed := trimSpace(c)
				if printed == "" {
					continue
				}
				share := orewatch.ImportShare{CountryName: printed}
				if cn := n.country(printed); cn.code != orewatch.WorldCode {
					share.Country = cn.code
				}
				ir.Sources = append(ir.Sources, share)
			}
		}
		f.Release.ImportReliance = append(f.Release.ImportReliance, ir)
	}
	if edition == 0 {
		var ok bool
		if edition, ok = editionOf(name); !ok {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s: no data rows", name)
		}
	}
	f.Release.Source = Edition(edition)
	for _, ir := range f.Release.ImportReliance {
		ir.SourceID = f.Release.Source.ID
	}
	return f, nil
}
