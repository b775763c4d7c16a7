package sim

import (
	"fmt"
	"strings"

	"orewatch"
	"orewatch/risk"
)

// OtherSuppliers names the unnamed import sources ("other" in USGS lists).
const OtherSuppliers = "other"

// Mix is a supply mix read from the data, with what it rests on.
type Mix struct {
	Supply []SupplyShare
	// Basis cites the rows used; Assumption is non-empty when part of the
	// mix is not a sourced figure (a reliance printed as a bound).
	Basis      string
	Assumption string
	Notes      []string
}

// MixFromImports builds a buyer's normal-times supply mix from USGS data:
// each named import source's share of imports times net import reliance,
// the unnamed rest as "other", and the buyer's own country for domestic
// supply (1 − reliance). sources is the row naming import sources and
// reliance the row whose reliance is used (they may be the same row).
//
// Net import reliance is imports minus exports as a share of apparent
// consumption; reading it as the share of consumption met by imports is the
// model's simplification, stated in Basis.
func MixFromImports(buyer string, sources, reliance *orewatch.ImportReliance) (*Mix, error) {
	if sources == nil || len(sources.Sources) == 0 {
		return nil, orewatch.Errorf(orewatch.ENOTFOUND, "no import sources to build a supply mix from")
	}
	if reliance == nil {
		reliance = sources
	}
	rel, err := risk.ParseReliance(reliance.Value)
	if err != nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "net import reliance of %s for %d: %v; give the supply mix explicitly", reliance.Material, reliance.Year, err)
	}
	mix := &Mix{}
	nir := rel.Value
	switch rel.Bound {
	case ">":
		mix.Assumption = fmt.Sprintf("net import reliance printed as %q: its bound %g%% used", reliance.Value, 100*nir)
	case "<":
		mix.Assumption = fmt.Sprintf("net import reliance printed as %q: its bound %g%% used", reliance.Value, 100*nir)
	case "E":
		mix.Assumption = fmt.Sprintf("net exporter (%q): imports taken as 0 %% of consumption", reliance.Value)
	}
	var named, other float64
	var unnamed []string
	for _, s := range sources.Sources {
		if s.Percent == nil {
			unnamed = append(unnamed, s.CountryName)
			continue
		}
		if s.Country == "" {
			other += *s.Percent
		} else {
			named += *s.Percent
		}
	}
	total := named + other
	if total <= 0 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "import sources of %s carry no shares", sources.Material)
	}
	if len(unnamed) > 0 {
		mix.Notes = append(mix.Notes, fmt.Sprintf("import sources without a share left out: %s", strings.Join(unnamed, ", ")))
	}
	if total < 99.5 || total > 100.5 {
		mix.Notes = append(mix.Notes, fmt.Sprintf("import shares add up to %g%%: rescaled to 100%%", total))
	}
	for _, s := range sources.Sources {
		if s.Percent == nil || s.Country == "" || s.Country == buyer {
			continue
		}
		mix.Supply = append(mix.Supply, SupplyShare{Country: s.Country, Share: nir * *s.Percent / total})
	}
	if other > 0 {
		mix.Supply = append(mix.Supply, SupplyShare{Country: OtherSuppliers, Share: nir * other / total})
	}
	if nir < 1 {
		mix.Supply = append(mix.Supply, SupplyShare{Country: buyer, Share: 1 - nir})
	}
	period := sources.Period
	if period == "" {
		period = fmt.Sprint(sources.Year)
	}
	mix.Basis = fmt.Sprintf("data: %s import sources %s × net import reliance %d (%s%%) (%s); domestic = 1 − reliance",
		sources.SourceID, period, reliance.Year, reliance.Value, reliance.SourceID)
	return mix, nil
}
