package usgs

import (
	"slices"
	"strings"

	"orewatch"
)

// Merge joins the files of each edition into one release per source, in the
// order the sources first appear. A release is everything one publication
// contributes, so the MCS 2026 commodities file and its Figure 2 table make
// one release. Identical figures are kept once. The commodities file states
// net import reliance with its basis and import shares in percent, so a
// Figure 2 row (ranked sources only) is kept only for a material and year
// that no other file of the edition reports.
func Merge(files ...*File) ([]*orewatch.Release, error) {
	var order []string
	groups := map[string][]*File{}
	for _, f := range files {
		id := f.Release.Source.ID
		if _, ok := groups[id]; !ok {
			order = append(order, id)
		}
		groups[id] = append(groups[id], f)
	}
	out := make([]*orewatch.Release, 0, len(order))
	for _, id := range order {
		fs := groups[id]
		r := &orewatch.Release{Source: fs[0].Release.Source}
		type nirKey struct {
			material string
			year     int
		}
		reported := map[nirKey]bool{}
		for _, f := range fs {
			if f.Format == FormatFig2 {
				continue
			}
			r.Figures = append(r.Figures, f.Release.Figures...)
			for _, ir := range f.Release.ImportReliance {
				reported[nirKey{ir.Material, ir.Year}] = true
				r.ImportReliance = append(r.ImportReliance, ir)
			}
		}
		for _, f := range fs {
			if f.Format != FormatFig2 {
				continue
			}
			for _, ir := range f.Release.ImportReliance {
				if !reported[nirKey{ir.Material, ir.Year}] {
					r.ImportReliance = append(r.ImportReliance, ir)
				}
			}
		}
		settleImportSources(fs)
		if len(fs) > 1 {
			var err error
			if r.Figures, err = mergeFigures(fs, r.Figures); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// settleImportSources picks, for the reliance rows a commodities file leaves
// ambiguous (several import-source categories, none named by the basis and
// no total), the category USGS summarises in Figure 2 of the same edition:
// the one the Figure 2 label names ("COPPER, refined" → "Refined copper"),
// else the one whose leading countries are Figure 2's ranked list (nickel:
// Canada, Norway, Australia, Brazil → "Primary nickel"). Without a single
// match the row keeps no import sources.
func settleImportSources(fs []*File) {
	fig2 := map[string]*orewatch.ImportReliance{}
	for _, f := range fs {
		if f.Format != FormatFig2 {
			continue
		}
		for _, ir := range f.Release.ImportReliance {
			if _, dup := fig2[ir.Material]; dup {
				fig2[ir.Material] = nil // two labels for one material: no single answer
				continue
			}
			fig2[ir.Material] = ir
		}
	}
	for _, f := range fs {
		for _, ir := range f.ambiguous {
			ref := fig2[ir.Material]
			shares := f.shares[ir.Material]
			if ref == nil || len(shares) == 0 {
				continue
			}
			if product, ok := fig2Product(productsOf(shares), shares, ref); ok {
				attachShares(ir, shares, product)
			}
		}
	}
}

func fig2Product(products []string, shares []importShare, ref *orewatch.ImportReliance) (string, bool) {
	if ref.Product != "" {
		if p, ok := matchProduct(products, ": "+ref.Product); ok {
			return p, true
		}
	}
	var ranked []string
	for _, s := range ref.Sources {
		if s.Country == "" {
			return "", false
		}
		ranked = append(ranked, s.Country)
	}
	if len(ranked) == 0 {
		return "", false
	}
	found := ""
	for _, p := range products {
		ir := &orewatch.ImportReliance{}
		attachShares(ir, shares, p) // largest first
		var lead []string
		for _, s := range ir.Sources {
			if s.Country != "" && len(lead) < len(ranked) {
				lead = append(lead, s.Country)
			}
		}
		if slices.Equal(lead, ranked) {
			if found != "" {
				return "", false
			}
			found = p
		}
	}
	return found, found != ""
}

// mergeFigures keeps one of identical figures given by several files of an
// edition and refuses figures the files give different values for.
func mergeFigures(fs []*File, figs []*orewatch.Figure) ([]*orewatch.Figure, error) {
	type key struct {
		material, country string
		year              int
		stage             orewatch.Stage
		detail            string
	}
	seen := make(map[key]*orewatch.Figure, len(figs))
	out := figs[:0]
	for _, f := range figs {
		k := key{f.Material, f.Country, f.Year, f.Stage, f.Detail}
		if prev, ok := seen[k]; ok {
			if orewatch.SameFigure(prev, f) {
				continue
			}
			var names []string
			for _, file := range fs {
				names = append(names, file.Name)
			}
			return nil, orewatch.Errorf(orewatch.EINVALID, "files %s of %s give different values for one figure (%s, %s, %d, %s, %q): import them separately", strings.Join(names, ", "), f.SourceID, f.Material, f.Country, f.Year, f.Stage, f.Detail)
		}
		seen[k] = f
		out = append(out, f)
	}
	return out, nil
}

// Unsettled returns the reliance rows of a commodities file whose
// import-source category neither the file nor the Figure 2 table merged with
// it settles (call it after Merge). They carry no import sources because the
// sources are not known from these files, not because there are none: an
// importer should keep what it already holds for them rather than blank it.
func (f *File) Unsettled() []*orewatch.ImportReliance {
	var out []*orewatch.ImportReliance
	for _, ir := range f.ambiguous {
		if len(ir.Sources) == 0 {
			out = append(out, ir)
		}
	}
	return out
}
