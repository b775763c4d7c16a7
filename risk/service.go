package risk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"orewatch"
)

// DefaultBuyer is the buyer whose import sources USGS publishes.
const DefaultBuyer = "USA"

// DefaultNeutralDestination is the destination used to ask the registry
// whether a producer restricts exports in general, for governance weighting
// and controlled shares when no buyer is named. The EU method takes the EU's
// view, and no measure in the record names Germany as a target, so a
// restriction found for it is one that applies to destinations at large.
const DefaultNeutralDestination = "DEU"

// Service computes indicators from a reference store, with export measures
// from a registry and governance from WGI estimates. It implements
// orewatch.AnalyticsService and orewatch.ExposureService.
type Service struct {
	Store    orewatch.ReferenceStore
	Registry orewatch.RegistryService // nil: no measures, t = 1 and no controlled shares
	// Catalog, when set, resolves material names (aliases, symbols) and
	// supplies suggestions for unknown ones.
	Catalog orewatch.CatalogService
	WGI     *WGITable
	Now     func() time.Time
	// TradeFactor is t_c for a country with an export restriction.
	TradeFactor float64
	// NeutralDestination is the destination for "restricted in general".
	NeutralDestination string
	Levels             Levels
}

var (
	_ orewatch.AnalyticsService = (*Service)(nil)
	_ orewatch.ExposureService  = (*Service)(nil)
)

// NewService returns a service over the store and registry (which may be
// nil) with the governance estimates (which may be empty) and the default
// parameters.
func NewService(store orewatch.ReferenceStore, registry orewatch.RegistryService, wgi []*orewatch.GovernanceEstimate) *Service {
	return &Service{
		Store:              store,
		Registry:           registry,
		WGI:                NewWGITable(wgi),
		Now:                time.Now,
		TradeFactor:        DefaultTradeFactor,
		NeutralDestination: DefaultNeutralDestination,
		Levels:             DefaultLevels,
	}
}

func (s *Service) today(d orewatch.Date) orewatch.Date {
	if !d.IsZero() {
		return d
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	return orewatch.DateOf(now().UTC())
}

// resolve returns the catalogue name of a material, or the name as given
// (lower-cased) when no catalogue is set.
func (s *Service) resolve(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", orewatch.Errorf(orewatch.EINVALID, "material is required")
	}
	if s.Catalog != nil {
		m, err := s.Catalog.Material(name)
		if err != nil {
			return "", err
		}
		return m.Name, nil
	}
	return strings.ToLower(name), nil
}

// notFound is the error for a material with no figures for a stage, with
// suggestions from the materials that do have figures.
func (s *Service) notFound(ctx context.Context, material string, stage orewatch.Stage) error {
	e := orewatch.Errorf(orewatch.ENOTFOUND, "no %s figures for %q", stage, material)
	for _, other := range []orewatch.Stage{orewatch.StageMining, orewatch.StageRefining} {
		if other == stage {
			continue
		}
		if figs, err := s.Store.FindFigures(ctx, orewatch.FigureFilter{Material: &material, Stage: &other, Latest: true}); err == nil && len(figs) > 0 {
			e.Message += fmt.Sprintf(" (it has %s figures: try stage %s)", other, other)
			return e
		}
	}
	figs, err := s.Store.FindFigures(ctx, orewatch.FigureFilter{Stage: &stage, Latest: true})
	if err != nil {
		return e
	}
	var names []string
	for _, f := range figs {
		if !slices.Contains(names, f.Material) {
			names = append(names, f.Material)
		}
	}
	e.Suggestions = suggest(material, names, 5)
	return e
}

// checker asks the registry once per (material, from, to, date).
type checker struct {
	reg   orewatch.RegistryService
	cache map[orewatch.CheckQuery]checkResult
}

type checkResult struct {
	det *orewatch.Determination
	err error
}

func newChecker(reg orewatch.RegistryService) *checker {
	return &checker{reg: reg, cache: map[orewatch.CheckQuery]checkResult{}}
}

func (c *checker) check(ctx context.Context, material, from, to string, date orewatch.Date) (*orewatch.Determination, error) {
	if c.reg == nil {
		return nil, fmt.Errorf("no registry")
	}
	q := orewatch.CheckQuery{Item: material, From: from, To: to, Date: date}
	if r, ok := c.cache[q]; ok {
		return r.det, r.err
	}
	det, err := c.reg.Check(ctx, q)
	c.cache[q] = checkResult{det, err}
	return det, err
}

func appliedIDs(d *orewatch.Determination) []string {
	ids := []string{}
	if d == nil {
		return ids
	}
	for _, a := range d.Applied {
		if a.Effect != orewatch.DecisionNotControlled && !slices.Contains(ids, a.ID) {
			ids = append(ids, a.ID)
		}
	}
	return ids
}

// Risk computes the concentration indicators of a material, stage and year.
func (s *Service) Risk(ctx context.Context, q orewatch.RiskQuery) (*orewatch.RiskReport, error) {
	material, err := s.resolve(q.Material)
	if err != nil {
		return nil, err
	}
	stage := q.Stage
	if stage != "" && stage != orewatch.StageMining && stage != orewatch.StageRefining {
		return nil, orewatch.Errorf(orewatch.EINVALID, "stage must be mining or refining, got %q", stage)
	}
	var figs []*orewatch.Figure
	var stageNote string
	if stage == "" {
		// No stage asked for: mine production when the data has it, else
		// the refining stage (USGS reports some materials, gallium for one,
		// only as primary production, which is stored as refining).
		if figs, err = s.figures(ctx, material, orewatch.StageMining); err != nil {
			return nil, err
		}
		stage = orewatch.StageMining
		if len(figs) == 0 {
			if figs, err = s.figures(ctx, material, orewatch.StageRefining); err != nil {
				return nil, err
			}
			if len(figs) == 0 {
				return nil, s.notFound(ctx, material, orewatch.StageMining)
			}
			stage = orewatch.StageRefining
			stageNote = fmt.Sprintf("no stage given and no mining figures for %s: stage refining used", material)
		}
	} else {
		if figs, err = s.figures(ctx, material, stage); err != nil {
			return nil, err
		}
		if len(figs) == 0 {
			return nil, s.notFound(ctx, material, stage)
		}
	}
	ys := years(figs)
	year := q.Year
	if year == 0 {
		for i := len(ys) - 1; i >= 0; i-- {
			if best, _ := pickSeries(figs, ys[i]); best != nil && len(best.Countries) > 0 {
				year = ys[i]
				break
			}
		}
	}
	best, alt := pickSeries(figs, year)
	if best == nil || len(best.Countries) == 0 {
		return nil, &orewatch.Error{Code: orewatch.ENOTFOUND,
			Message: fmt.Sprintf("no %s figures for %q in %d (years with data: %s)", stage, material, year, joinInts(ys))}
	}
	qs, withheld := best.quantities()
	ind := Concentration(qs, best.worldTotal())
	r := &orewatch.RiskReport{
		Material:  material,
		Stage:     stage,
		Year:      year,
		Unit:      best.Unit,
		Shares:    ind.Shares,
		HHI:       ind.HHI,
		Top1:      ind.Top1,
		Top3:      ind.Top3,
		Producers: ind.Producers,
		Sources:   []string{best.SourceID},
	}
	if r.Shares == nil {
		r.Shares = []orewatch.CountryShare{}
	}
	if best.World != nil && best.World.Quantity != nil {
		v := *best.World.Quantity
		r.WorldTotal = &v
	}
	if stageNote != "" {
		if best.Detail != "" {
			stageNote += fmt.Sprintf(" (%s reports it as %q)", best.SourceID, best.Detail)
		}
		r.Notes = append(r.Notes, stageNote)
	}
	if best.Detail != "" {
		r.Notes = append(r.Notes, fmt.Sprintf("table: %s (%s)", best.Detail, best.SourceID))
	}
	if stage == orewatch.StageRefining && !isUSGS(best.SourceID) {
		r.Notes = append(r.Notes, fmt.Sprintf("USGS prints no refinery table for %s; refining shares are from %s", material, best.SourceID))
	}
	for _, a := range alt {
		r.Notes = append(r.Notes, fmt.Sprintf("also reported for %d: %q (%s), not used", year, a.Detail, a.SourceID))
	}
	r.Notes = append(r.Notes, seriesNotes(best, ind, withheld)...)

	// Trend over every year with data, from the table chosen the same way.
	for _, y := range ys {
		s, _ := pickSeries(figs, y)
		if s == nil || len(s.Countries) == 0 {
			continue
		}
		yq, _ := s.quantities()
		yi := Concentration(yq, s.worldTotal())
		r.Trend = append(r.Trend, orewatch.TrendPoint{Year: y, HHI: yi.HHI, Top1: yi.Top1})
		if !slices.Contains(r.Sources, s.SourceID) {
			r.Sources = append(r.Sources, s.SourceID)
		}
	}

	hw, notes := s.governance(ctx, material, year, s.today(q.Date), ind.Shares)
	r.HHIWGI = hw
	r.Notes = append(r.Notes, notes...)
	return r, nil
}

// figures reads the latest figures of a material at a stage.
func (s *Service) figures(ctx context.Context, material string, stage orewatch.Stage) ([]*orewatch.Figure, error) {
	figs, err := s.Store.FindFigures(ctx, orewatch.FigureFilter{Material: &material, Stage: &stage, Latest: true})
	if err != nil {
		return nil, fmt.Errorf("risk: reading %s figures: %w", stage, err)
	}
	return figs, nil
}

// governance computes HHI_WGI,t for the shares, or nil when no governance
// data is loaded.
func (s *Service) governance(ctx context.Context, material string, year int, date orewatch.Date, shares []orewatch.CountryShare) (*float64, []string) {
	if s.WGI.Len() == 0 {
		return nil, []string{"no governance (WGI) data loaded: hhi_wgi not computed"}
	}
	tf := s.TradeFactor
	if tf == 0 {
		tf = DefaultTradeFactor
	}
	dest := s.NeutralDestination
	if dest == "" {
		dest = DefaultNeutralDestination
	}
	var (
		terms   []WeightedTerm
		missing []string
		notes   []string
		raised  []string
		years   []int
	)
	chk := newChecker(s.Registry)
	for _, sh := range shares {
		if sh.Country == OtherCode {
			continue // unattributed supply: no country, no governance (left out as in the HHI)
		}
		g, ok, why := s.WGI.Lookup(sh.Country, year)
		if !ok {
			missing = append(missing, fmt.Sprintf("%s (%.1f%%: %s)", sh.Country, 100*sh.Share, why))
			continue
		}
		if g.Year != year && !slices.Contains(years, g.Year) {
			years = append(years, g.Year)
		}
		t := 1.0
		if s.Registry != nil {
			det, err := chk.check(ctx, material, sh.Country, dest, date)
			switch {
			case err != nil:
				notes = append(notes, fmt.Sprintf("registry could not screen %s exports of %s: %s; t = 1", sh.Country, material, orewatch.ErrorMessage(err)))
			case det.Decision != orewatch.DecisionNotControlled:
				t = tf
				raised = append(raised, fmt.Sprintf("%s (%s: %s)", sh.Country, det.Decision, strings.Join(appliedIDs(det), ", ")))
			}
		}
		terms = append(terms, WeightedTerm{Country: sh.Country, Share: sh.Share, WGI: g.Scaled, T: t})
	}
	v := HHIWGI(terms)
	notes = append([]string{fmt.Sprintf("hhi_wgi is the EU method's HHI_WGI,t = Σ share² × WGI(0–10, 10 = worst) × t on its 0–10 scale; WGI is the mean of the six %d estimates (World Bank WGI)", year)}, notes...)
	if len(years) > 0 {
		slices.Sort(years)
		notes = append(notes, fmt.Sprintf("WGI for %d missing for some producers: nearest year used (%s)", year, joinInts(years)))
	}
	if s.Registry == nil {
		notes = append(notes, "no export-measure registry: t = 1 for every producer")
	} else if len(raised) > 0 {
		notes = append(notes, fmt.Sprintf("t = %.2g (an assumed factor; the EU method raises t for export restrictions) for producers restricting exports to %s on %s: %s", tf, dest, date, strings.Join(raised, "; ")))
	} else {
		notes = append(notes, fmt.Sprintf("no producer restricts exports of %s to %s on %s: t = 1", material, dest, date))
	}
	if len(missing) > 0 {
		notes = append(notes, "left out of hhi_wgi for lack of governance data: "+strings.Join(missing, "; "))
	}
	return &v, notes
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x)
	}
	return strings.Join(parts, ", ")
}
