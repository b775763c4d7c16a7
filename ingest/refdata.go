package ingest

import (
	"cmp"
	"slices"

	"orewatch"
)

// LatestFigures keeps, for each material, country, year, stage and detail,
// the figure of the newest release that reports it (by source year, then
// source id), as FigureFilter{Latest: true} does in a store. It lets a
// pipeline without a store check claims against embedded releases. Figures
// without a source id get their release's.
func LatestFigures(releases []*orewatch.Release) []*orewatch.Figure {
	rs := slices.Clone(releases)
	slices.SortStableFunc(rs, func(a, b *orewatch.Release) int {
		return cmp.Or(cmp.Compare(a.Source.Year, b.Source.Year), cmp.Compare(a.Source.ID, b.Source.ID))
	})
	type key struct {
		material, country string
		year              int
		stage             orewatch.Stage
		detail            string
	}
	index := map[key]int{}
	var out []*orewatch.Figure
	for _, r := range rs {
		for _, f := range r.Figures {
			c := *f
			if c.SourceID == "" {
				c.SourceID = r.Source.ID
			}
			k := key{f.Material, f.Country, f.Year, f.Stage, f.Detail}
			if i, ok := index[k]; ok {
				out[i] = &c // a newer release replaces the older figure
				continue
			}
			index[k] = len(out)
			out = append(out, &c)
		}
	}
	return out
}
