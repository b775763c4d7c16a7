package risk

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"orewatch"
)

// ControlledShare computes, per stage, the share of world supply whose
// export to q.To (or to a neutral destination) needs a licence, is under
// quota or is banned on the date, from the latest year with figures.
func (s *Service) ControlledShare(ctx context.Context, q orewatch.ControlledShareQuery) (*orewatch.ControlledShareReport, error) {
	material, err := s.resolve(q.Material)
	if err != nil {
		return nil, err
	}
	if s.Registry == nil {
		return nil, orewatch.Errorf(orewatch.EUNAVAILABLE, "controlled shares need the export-measure registry")
	}
	to := strings.ToUpper(strings.TrimSpace(q.To))
	rep := &orewatch.ControlledShareReport{Material: material, To: to, Date: s.today(q.Date), Stages: []orewatch.StageControlledShare{}}
	if to == "" {
		rep.To = s.neutral()
		rep.Notes = append(rep.Notes, fmt.Sprintf("no destination given: exports screened to %s, a destination no measure in the record names, so only restrictions on all destinations count", rep.To))
	}
	stages := q.Stages
	if len(stages) == 0 {
		stages = []orewatch.Stage{orewatch.StageMining, orewatch.StageRefining}
	}
	chk := newChecker(s.Registry)
	for _, st := range stages {
		if st != orewatch.StageMining && st != orewatch.StageRefining {
			return nil, orewatch.Errorf(orewatch.EINVALID, "stage must be mining or refining, got %q", st)
		}
		figs, err := s.Store.FindFigures(ctx, orewatch.FigureFilter{Material: &material, Stage: &st, Latest: true})
		if err != nil {
			return nil, fmt.Errorf("controlled share: reading figures: %w", err)
		}
		var best *series
		ys := years(figs)
		for i := len(ys) - 1; i >= 0 && best == nil; i-- {
			if b, _ := pickSeries(figs, ys[i]); b != nil && len(b.Countries) > 0 {
				best = b
			}
		}
		if best == nil {
			rep.Notes = append(rep.Notes, fmt.Sprintf("no %s figures for %s", st, material))
			continue
		}
		qs, withheld := best.quantities()
		ind := Concentration(qs, best.worldTotal())
		sc, notes := controlledStage(ctx, chk, material, rep.To, rep.Date, ind.Shares)
		sc.Stage, sc.Year, sc.Unit, sc.Sources = st, best.Year, best.Unit, []string{best.SourceID}
		if best.World != nil && best.World.Quantity != nil {
			v := *best.World.Quantity
			sc.WorldTotal = &v
		}
		rep.Stages = append(rep.Stages, sc)
		for _, n := range append(seriesNotes(best, ind, withheld), notes...) {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s: %s", st, n))
		}
	}
	if len(rep.Stages) == 0 {
		return nil, s.notFound(ctx, material, stages[0])
	}
	return rep, nil
}

func (s *Service) neutral() string {
	if s.NeutralDestination != "" {
		return s.NeutralDestination
	}
	return DefaultNeutralDestination
}

// controlledStage screens each producer's exports and sums the shares by
// decision.
func controlledStage(ctx context.Context, chk *checker, material, to string, date orewatch.Date, shares []orewatch.CountryShare) (orewatch.StageControlledShare, []string) {
	sc := orewatch.StageControlledShare{
		ByDecision:    map[orewatch.Decision]float64{orewatch.DecisionProhibited: 0, orewatch.DecisionQuota: 0, orewatch.DecisionLicence: 0},
		Jurisdictions: []orewatch.JurisdictionControl{},
	}
	var notes []string
	for _, sh := range shares {
		if sh.Country == to {
			continue // domestic supply is not an export
		}
		if sh.Country == OtherCode {
			// Supply the source attributes to no country cannot be
			// screened: its status is unknown, not "not controlled".
			sc.Unknown += sh.Share
			notes = append(notes, fmt.Sprintf("%.1f%% of world supply is not attributed to a country by the source: counted as unknown", 100*sh.Share))
			continue
		}
		det, err := chk.check(ctx, material, sh.Country, to, date)
		if err != nil {
			sc.Unknown += sh.Share
			notes = append(notes, fmt.Sprintf("could not screen %s (%.1f%%): %s", sh.Country, 100*sh.Share, orewatch.ErrorMessage(err)))
			continue
		}
		if det.Decision == orewatch.DecisionNotControlled || det.Decision == "" {
			continue
		}
		sc.Controlled += sh.Share
		sc.ByDecision[det.Decision] += sh.Share
		sc.Jurisdictions = append(sc.Jurisdictions, orewatch.JurisdictionControl{
			Country: sh.Country, Share: sh.Share, Decision: det.Decision, Measures: appliedIDs(det),
		})
	}
	slices.SortFunc(sc.Jurisdictions, func(a, b orewatch.JurisdictionControl) int {
		if c := cmp.Compare(b.Share, a.Share); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	return sc, notes
}

// Exposure weighs a buyer's import sources by the restriction each applies
// to the buyer on the date.
func (s *Service) Exposure(ctx context.Context, q orewatch.ExposureQuery) (*orewatch.ExposureReport, error) {
	buyer := strings.ToUpper(strings.TrimSpace(q.Buyer))
	if buyer == "" {
		buyer = DefaultBuyer
	}
	if s.Catalog != nil {
		c, err := s.Catalog.Country(buyer)
		if err != nil {
			return nil, err
		}
		buyer = c.ISO3
	}
	if buyer != DefaultBuyer {
		return nil, orewatch.Errorf(orewatch.EINVALID, "import sources are known only for the United States (USGS Mineral Commodity Summaries); orewatch has none for %s, so its exposure cannot be computed", buyer)
	}
	levels := s.Levels
	if levels == (Levels{}) {
		levels = DefaultLevels
	}
	if err := levels.Validate(); err != nil {
		return nil, err
	}
	if s.Registry == nil {
		return nil, orewatch.Errorf(orewatch.EUNAVAILABLE, "exposure needs the export-measure registry")
	}
	f := orewatch.ImportRelianceFilter{Latest: true}
	var material string
	if q.Material != "" {
		m, err := s.resolve(q.Material)
		if err != nil {
			return nil, err
		}
		material = m
		f.Material = &material
	}
	rows, err := s.Store.FindImportReliance(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("exposure: reading import reliance: %w", err)
	}
	if len(rows) == 0 {
		if material != "" {
			return nil, s.relianceNotFound(ctx, material)
		}
		return nil, orewatch.Errorf(orewatch.ENOTFOUND, "no import-reliance data stored")
	}
	rep := &orewatch.ExposureReport{
		Buyer:     buyer,
		Date:      s.today(q.Date),
		Levels:    levels.Map(),
		Materials: []*orewatch.MaterialExposure{},
		Notes: []string{fmt.Sprintf("restriction levels are assumptions: prohibited %.2g, quota %.2g, licence required %.2g, not controlled 0",
			levels.Prohibited, levels.Quota, levels.Licence)},
	}
	chk := newChecker(s.Registry)
	for _, name := range relianceMaterials(rows) {
		me := exposureOf(ctx, chk, levels, name, rows, buyer, rep.Date)
		if me != nil {
			rep.Materials = append(rep.Materials, me)
		}
	}
	slices.SortStableFunc(rep.Materials, func(a, b *orewatch.MaterialExposure) int {
		if c := cmp.Compare(b.ImportExposure, a.ImportExposure); c != 0 {
			return c
		}
		return cmp.Compare(a.Material, b.Material)
	})
	return rep, nil
}

func (s *Service) relianceNotFound(ctx context.Context, material string) error {
	e := orewatch.Errorf(orewatch.ENOTFOUND, "no US import sources for %q", material)
	all, err := s.Store.FindImportReliance(ctx, orewatch.ImportRelianceFilter{Latest: true})
	if err == nil {
		e.Suggestions = suggest(material, relianceMaterials(all), 5)
	}
	return e
}

func relianceMaterials(rows []*orewatch.ImportReliance) []string {
	var names []string
	for _, r := range rows {
		if !slices.Contains(names, r.Material) {
			names = append(names, r.Material)
		}
	}
	slices.Sort(names)
	return names
}

// exposureOf computes one material's exposure from its latest reliance row
// and the latest row that names import sources.
func exposureOf(ctx context.Context, chk *checker, levels Levels, material string, rows []*orewatch.ImportReliance, buyer string, date orewatch.Date) *orewatch.MaterialExposure {
	var latest, withSources *orewatch.ImportReliance
	for _, r := range rows {
		if r.Material != material {
			continue
		}
		if latest == nil || r.Year > latest.Year {
			latest = r
		}
		if len(r.Sources) > 0 && (withSources == nil || r.Year > withSources.Year) {
			withSources = r
		}
	}
	if withSources == nil {
		return nil
	}
	me := &orewatch.MaterialExposure{
		Material:              material,
		NetImportReliance:     latest.Value,
		NetImportRelianceYear: latest.Year,
		Sources:               []orewatch.SourceExposure{},
		Period:                withSources.Period,
		Source:                withSources.SourceID,
	}
	for _, src := range withSources.Sources {
		switch {
		case src.Country == "":
			if src.Percent != nil {
				me.Unattributed += *src.Percent / 100
			}
			continue
		case src.Percent == nil:
			me.Notes = append(me.Notes, fmt.Sprintf("%s is listed without a share: not weighed", src.Country))
			continue
		}
		se := orewatch.SourceExposure{Country: src.Country, Share: *src.Percent / 100, Decision: orewatch.DecisionNotControlled, Measures: []string{}}
		det, err := chk.check(ctx, material, src.Country, buyer, date)
		if err != nil {
			me.Notes = append(me.Notes, fmt.Sprintf("could not screen %s → %s: %s; level 0 used", src.Country, buyer, orewatch.ErrorMessage(err)))
		} else {
			se.Decision = det.Decision
			se.Level = levels.Level(det.Decision)
			se.Measures = appliedIDs(det)
		}
		me.Sources = append(me.Sources, se)
	}
	me.ImportExposure, _ = WeighSources(me.Sources)
	if me.Unattributed > 0 {
		me.Notes = append(me.Notes, fmt.Sprintf("%.0f%% of imports come from unnamed \"other\" countries and are not weighed", 100*me.Unattributed))
	}
	rel, err := ParseReliance(latest.Value)
	switch {
	case err != nil:
		me.Notes = append(me.Notes, err.Error())
	case rel.Bound == "E":
		me.Notes = append(me.Notes, fmt.Sprintf("the US was a net exporter in %d: supply exposure not computed", latest.Year))
	default:
		v := me.ImportExposure * rel.Value
		me.SupplyExposure = &v
		me.SupplyExposureBound = rel.Bound
		if rel.Bound != "" {
			me.Notes = append(me.Notes, fmt.Sprintf("net import reliance printed as %s: supply exposure is a bound (%s%.3g)", latest.Value, rel.Bound, v))
		}
	}
	if withSources.Year != latest.Year {
		me.Notes = append(me.Notes, fmt.Sprintf("import sources from the %d row, reliance from %d", withSources.Year, latest.Year))
	}
	return me
}

// Assess combines the controlled share toward the buyer (when a material is
// named) and the buyer's exposure. A buyer without import-source data gets
// the controlled share and a note; without a material that is an error.
func (s *Service) Assess(ctx context.Context, q orewatch.ExposureQuery) (*orewatch.ExposureResult, error) {
	buyer := strings.ToUpper(strings.TrimSpace(q.Buyer))
	if buyer == "" {
		buyer = DefaultBuyer
	}
	if s.Catalog != nil {
		c, err := s.Catalog.Country(buyer)
		if err != nil {
			return nil, err
		}
		buyer = c.ISO3
	}
	q.Buyer, q.Date = buyer, s.today(q.Date)
	out := &orewatch.ExposureResult{Buyer: buyer, Date: q.Date}
	if q.Material != "" {
		cs, err := s.ControlledShare(ctx, orewatch.ControlledShareQuery{Material: q.Material, To: buyer, Date: q.Date})
		if err != nil {
			return nil, err
		}
		out.ControlledShare = cs
	}
	ex, err := s.Exposure(ctx, q)
	switch {
	case err == nil:
		out.Exposure = ex
	case buyer != DefaultBuyer && out.ControlledShare != nil && orewatch.ErrorCode(err) == orewatch.EINVALID:
		out.Notes = append(out.Notes, orewatch.ErrorMessage(err))
	default:
		return nil, err
	}
	return out, nil
}
