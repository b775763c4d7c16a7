package usgs

import (
	"orewatch"
)

// Merge joins the files of each edition into one release per source, in the
// order the sources first appear. A release is everything one publication
// contributes, so the MCS 2026 commodities file and its Figure 2 table make
// one release. Identical figures are kept once. The commodities file states
// net import reliance with its basis and import shares in percent, so a
// Figure 2 row (ranked sources only) is kept only for a material and year
// that no other file of the edition reports.
func Merge(files ...*File) []*orewatch.Release {
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
		if len(fs) > 1 {
			r.Figures = dedupe(&File{}, r.Figures)
		}
		out = append(out, r)
	}
	return out
}
