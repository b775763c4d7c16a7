package orewatch

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
)

// ProductionQuery selects a production table: a material's output by
// country for a year and stage.
type ProductionQuery struct {
	Material string
	// Year is the year wanted; 0 takes, for each stage, the latest year with
	// figures.
	Year int
	// Stages to report; none means every stage but reserves and capacity.
	Stages []Stage
	// Country keeps only that country's row (ISO3); the world total stays.
	Country string
}

// ProductionReport is the answer to a ProductionQuery: one table per stage
// and series. Its JSON is the `production --json` and
// GET /api/v1/production contract.
type ProductionReport struct {
	Material string             `json:"material"`
	Year     int                `json:"year,omitempty"` // the year asked for; absent when the latest was taken
	Country  string             `json:"country,omitempty"`
	Tables   []*ProductionTable `json:"tables"`
	Notes    []string           `json:"notes,omitempty"`
}

// ProductionTable is one series of one source: the country figures of a
// stage and year as one source prints them, with that source's world total.
// Each year's table comes from the newest source that reports the stage for
// that year (so 2024 comes from USGS MCS 2026, 2023 from MCS 2025).
type ProductionTable struct {
	Stage  Stage   `json:"stage"`
	Year   int     `json:"year"`
	Detail string  `json:"detail"` // the source's wording of the series
	Unit   string  `json:"unit"`
	Basis  string  `json:"basis,omitempty"`
	Source *Source `json:"source"`
	// World is the source's world total (country WLD), or null when the
	// source prints none.
	World *ProductionRow   `json:"world"`
	Rows  []*ProductionRow `json:"rows"`
	Notes []string         `json:"notes,omitempty"`
}

// ProductionRow is one country's figure in a production table.
type ProductionRow struct {
	Country     string   `json:"country"` // ISO3, or WLD
	CountryName string   `json:"country_name"`
	Quantity    *float64 `json:"quantity"` // null when withheld or unknown
	Unit        string   `json:"unit"`
	// Share is the row's share (0..1) of the table's world total, or null
	// when either number is unknown or their units differ.
	Share      *float64 `json:"share"`
	Detail     string   `json:"detail,omitempty"` // set when it differs from the table's
	Estimated  bool     `json:"estimated,omitempty"`
	Withheld   bool     `json:"withheld,omitempty"`
	Revised    bool     `json:"revised,omitempty"`
	LowerBound bool     `json:"lower_bound,omitempty"`
	Note       string   `json:"note,omitempty"`
	Source     string   `json:"source"`
}

// The years a production query may ask for: a wide frame around the
// releases, to catch a mistyped year rather than to bound the data.
const (
	MinProductionYear = 1900
	MaxProductionYear = 2200
)

// ValidProductionYear reports whether a production query may ask for year.
func ValidProductionYear(year int) bool {
	return year >= MinProductionYear && year <= MaxProductionYear
}

// Resolve checks q and resolves its material and country through the
// catalogue to a canonical name and an ISO3 code ("WLD" and "world" name the
// world total). An unknown name is the catalogue's ENOTFOUND error, with
// suggestions; a bad year or stage is EINVALID.
func (q *ProductionQuery) Resolve(cat CatalogService) error {
	if strings.TrimSpace(q.Material) == "" {
		return Errorf(EINVALID, "a material is required")
	}
	m, err := cat.Material(q.Material)
	if err != nil {
		return err
	}
	q.Material = m.Name
	if q.Year != 0 && !ValidProductionYear(q.Year) {
		return Errorf(EINVALID, "year %d is out of range (want %d to %d, such as 2024)", q.Year, MinProductionYear, MaxProductionYear)
	}
	for _, st := range q.Stages {
		if !KnownStage(st) {
			return Errorf(EINVALID, "unknown stage %q (want mining, refining, reserves, capacity or other)", st)
		}
	}
	if c := strings.TrimSpace(q.Country); c != "" {
		if strings.EqualFold(c, WorldCode) || strings.EqualFold(c, "world") {
			q.Country = WorldCode
		} else {
			k, err := cat.Country(c)
			if err != nil {
				return err
			}
			q.Country = k.ISO3
		}
	}
	return nil
}

// FindProduction reads the figures of q.Material (a catalogue name) from the
// store and builds its production tables.
func FindProduction(ctx context.Context, s ReferenceStore, q ProductionQuery) (*ProductionReport, error) {
	figs, err := s.FindFigures(ctx, FigureFilter{Material: &q.Material})
	if err != nil {
		return nil, err
	}
	sources, err := s.FindSources(ctx)
	if err != nil {
		return nil, err
	}
	return NewProductionReport(figs, sources, q), nil
}

// MaterialDetail is a catalogue entry with what the reference data holds for
// it. Its JSON is the `material --json` and GET /api/v1/materials/{name}
// contract: the material's fields, then members, figures and
// import_reliance.
type MaterialDetail struct {
	*Material
	// Members are the catalogue entries below it (for a group), canonical names.
	Members []string `json:"members,omitempty"`
	// Figures says which figures exist, by stage and source.
	Figures []FigureCoverage `json:"figures"`
	// ImportReliance is US net import reliance, latest source per year.
	ImportReliance []*ImportReliance `json:"import_reliance"`
}

// FindMaterialDetail resolves name through the catalogue (ENOTFOUND with
// suggestions when unknown) and reads what the store holds for it.
func FindMaterialDetail(ctx context.Context, cat CatalogService, s ReferenceStore, name string) (*MaterialDetail, error) {
	m, err := cat.Material(name)
	if err != nil {
		return nil, err
	}
	d := &MaterialDetail{Material: m, Figures: []FigureCoverage{}, ImportReliance: []*ImportReliance{}}
	for _, n := range cat.Expand(m.Name) {
		if n != m.Name {
			d.Members = append(d.Members, n)
		}
	}
	figs, err := s.FindFigures(ctx, FigureFilter{Material: &m.Name})
	if err != nil {
		return nil, err
	}
	sources, err := s.FindSources(ctx)
	if err != nil {
		return nil, err
	}
	d.Figures = NewFigureCoverage(figs, sources)
	nir, err := s.FindImportReliance(ctx, ImportRelianceFilter{Material: &m.Name, Latest: true})
	if err != nil {
		return nil, err
	}
	if nir != nil {
		d.ImportReliance = nir
	}
	return d, nil
}

// productionStages are the stages a query without stages reports.
var productionStages = []Stage{StageMining, StageRefining, StageOther}

// NewProductionReport builds the production tables of q from figures of any
// sources (typically FindFigures for the material, without Latest) and the
// source records. For each stage it takes the year asked (or the latest year
// with figures), then the newest source that reports that stage and year —
// sources ordered by Source.Year, then ID, as FigureFilter.Latest does —
// and only that source's figures, so that rows and world total come from one
// table. A source that prints several series for a stage (iron ore as usable
// ore and as iron content) gives one table per series with a world total.
func NewProductionReport(figs []*Figure, sources []*Source, q ProductionQuery) *ProductionReport {
	rep := &ProductionReport{Material: q.Material, Year: q.Year, Country: q.Country, Tables: []*ProductionTable{}}
	srcByID := make(map[string]*Source, len(sources))
	for _, s := range sources {
		srcByID[s.ID] = s
	}
	newer := func(a, b string) bool { // a is newer than b
		sa, sb := srcByID[a], srcByID[b]
		ya, yb := 0, 0
		if sa != nil {
			ya = sa.Year
		}
		if sb != nil {
			yb = sb.Year
		}
		if ya != yb {
			return ya > yb
		}
		return a > b
	}
	stages := q.Stages
	if len(stages) == 0 {
		stages = productionStages
	}
	for _, stage := range stages {
		var ofStage []*Figure
		year := q.Year
		for _, f := range figs {
			if f.Material == q.Material && f.Stage == stage {
				ofStage = append(ofStage, f)
				if q.Year == 0 && f.Year > year {
					year = f.Year
				}
			}
		}
		// The newest source that reports the stage and year.
		best := ""
		for _, f := range ofStage {
			if f.Year == year && (best == "" || newer(f.SourceID, best)) {
				best = f.SourceID
			}
		}
		if best == "" {
			if q.Year != 0 && len(ofStage) > 0 {
				rep.Notes = append(rep.Notes, "no "+string(stage)+" figures for "+strconv.Itoa(q.Year))
			}
			continue
		}
		var chosen []*Figure
		for _, f := range ofStage {
			if f.Year == year && f.SourceID == best {
				chosen = append(chosen, f)
			}
		}
		for _, t := range productionTables(chosen, q.Country) {
			t.Stage, t.Year = stage, year
			t.Source = srcByID[best]
			if t.Source == nil {
				t.Source = &Source{ID: best}
			}
			rep.Tables = append(rep.Tables, t)
		}
	}
	if len(rep.Tables) == 0 {
		rep.Notes = append(rep.Notes, "no production figures for "+q.Material)
	}
	return rep
}

// productionTables splits one source's figures of one stage and year into
// series. Each world total defines a series by its detail; when there is at
// most one, every country row belongs to it (a source may word a country's
// row differently, e.g. "Refinery production: concentrate").
func productionTables(figs []*Figure, country string) []*ProductionTable {
	var worlds []*Figure
	for _, f := range figs {
		if f.Country == WorldCode {
			worlds = append(worlds, f)
		}
	}
	type series struct {
		world *Figure
		rows  []*Figure
	}
	var all []*series
	byDetail := map[string]*series{}
	if len(worlds) <= 1 {
		s := &series{}
		if len(worlds) == 1 {
			s.world = worlds[0]
		}
		all = append(all, s)
		for _, f := range figs {
			if f.Country != WorldCode {
				s.rows = append(s.rows, f)
			}
		}
	} else {
		for _, w := range worlds {
			s := &series{world: w}
			byDetail[w.Detail] = s
			all = append(all, s)
		}
		for _, f := range figs {
			if f.Country == WorldCode {
				continue
			}
			s := byDetail[f.Detail]
			if s == nil {
				s = &series{}
				byDetail[f.Detail] = s
				all = append(all, s)
			}
			s.rows = append(s.rows, f)
		}
	}
	var out []*ProductionTable
	for _, s := range all {
		t := &ProductionTable{Rows: []*ProductionRow{}}
		lead := s.world
		if lead == nil && len(s.rows) > 0 {
			lead = mostCommonDetail(s.rows)
		}
		if lead == nil {
			continue
		}
		t.Detail, t.Unit, t.Basis = lead.Detail, lead.Unit, lead.Basis
		var total *float64
		if s.world != nil {
			t.World = productionRow(s.world, t)
			total = s.world.Quantity
			if total != nil && *total > 0 {
				one := 1.0
				t.World.Share = &one
			}
			if s.world.LowerBound {
				t.Notes = append(t.Notes, "the world total is a lower bound")
			}
		} else {
			t.Notes = append(t.Notes, "the source prints no world total for this series")
		}
		for _, f := range s.rows {
			if country != "" && f.Country != country {
				continue
			}
			r := productionRow(f, t)
			if total != nil && *total > 0 && f.Quantity != nil && f.Unit == s.world.Unit {
				sh := *f.Quantity / *total
				r.Share = &sh
			}
			t.Rows = append(t.Rows, r)
		}
		slices.SortStableFunc(t.Rows, func(a, b *ProductionRow) int {
			switch {
			case a.Quantity != nil && b.Quantity == nil:
				return -1
			case a.Quantity == nil && b.Quantity != nil:
				return 1
			case a.Quantity != nil && *a.Quantity != *b.Quantity:
				return cmp.Compare(*b.Quantity, *a.Quantity)
			}
			return cmp.Compare(a.Country, b.Country)
		})
		if country == "" && s.world != nil && s.world.Quantity != nil {
			var sum float64
			for _, r := range t.Rows {
				if r.Quantity != nil && r.Unit == t.World.Unit {
					sum += *r.Quantity
				}
			}
			if sum != *s.world.Quantity {
				t.Notes = append(t.Notes, "country rows need not add up to the world total: the source leaves out smaller producers (\"other countries\") and rounds or withholds some values")
			}
		}
		out = append(out, t)
	}
	return out
}

func productionRow(f *Figure, t *ProductionTable) *ProductionRow {
	r := &ProductionRow{
		Country: f.Country, CountryName: f.CountryName, Quantity: f.Quantity, Unit: f.Unit,
		Estimated: f.Estimated, Withheld: f.Withheld, Revised: f.Revised, LowerBound: f.LowerBound,
		Note: f.Note, Source: f.SourceID,
	}
	if f.Detail != t.Detail {
		r.Detail = f.Detail
	}
	return r
}

// mostCommonDetail returns a figure with the detail most rows share.
func mostCommonDetail(figs []*Figure) *Figure {
	count := map[string]int{}
	var best *Figure
	for _, f := range figs {
		count[f.Detail]++
		if best == nil || count[f.Detail] > count[best.Detail] {
			best = f
		}
	}
	return best
}

// FigureCoverage says which figures a source holds for a material and stage:
// the years and how many countries.
type FigureCoverage struct {
	Stage     Stage  `json:"stage"`
	Source    string `json:"source"`
	Years     []int  `json:"years"`
	Countries int    `json:"countries"`   // distinct countries, the world total not counted
	World     bool   `json:"world_total"` // whether a world total is among them
}

// NewFigureCoverage summarises figures by stage and source, in stage order
// (mining, refining, reserves, capacity, other) and then newest source first.
func NewFigureCoverage(figs []*Figure, sources []*Source) []FigureCoverage {
	type key struct {
		stage  Stage
		source string
	}
	type acc struct {
		years     map[int]bool
		countries map[string]bool
		world     bool
	}
	m := map[key]*acc{}
	var keys []key
	for _, f := range figs {
		k := key{f.Stage, f.SourceID}
		a := m[k]
		if a == nil {
			a = &acc{years: map[int]bool{}, countries: map[string]bool{}}
			m[k] = a
			keys = append(keys, k)
		}
		a.years[f.Year] = true
		if f.Country == WorldCode {
			a.world = true
		} else {
			a.countries[f.Country] = true
		}
	}
	order := map[Stage]int{StageMining: 0, StageRefining: 1, StageReserves: 2, StageCapacity: 3, StageOther: 4}
	year := map[string]int{}
	for _, s := range sources {
		year[s.ID] = s.Year
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(order[a.stage], order[b.stage]); c != 0 {
			return c
		}
		if c := cmp.Compare(year[b.source], year[a.source]); c != 0 {
			return c
		}
		return cmp.Compare(b.source, a.source)
	})
	out := make([]FigureCoverage, 0, len(keys))
	for _, k := range keys {
		a := m[k]
		c := FigureCoverage{Stage: k.stage, Source: k.source, Countries: len(a.countries), World: a.world}
		for y := range a.years {
			c.Years = append(c.Years, y)
		}
		slices.Sort(c.Years)
		out = append(out, c)
	}
	return out
}
