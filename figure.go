package orewatch

import (
	"context"
)

// Stage is the supply-chain stage a figure measures.
type Stage string

const (
	StageMining   Stage = "mining"   // mine production
	StageRefining Stage = "refining" // refinery, smelter, processing output
	StageReserves Stage = "reserves"
	StageCapacity Stage = "capacity"
	StageOther    Stage = "other" // any other USGS world table (e.g. plant production)
)

// WorldCode is the country code of a world total; it is not an ISO code.
const WorldCode = "WLD"

// Source is a publication that figures are read from.
type Source struct {
	ID        string `json:"id"` // stable key, e.g. "usgs-mcs-2026"
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Year      int    `json:"year"`
	DOI       string `json:"doi,omitempty"`
	URL       string `json:"url,omitempty"`
	Licence   string `json:"licence,omitempty"`
	Note      string `json:"note,omitempty"`
}

// Figure is one sourced number: what a source says a country (or the world)
// produced, refined, holds in reserve or can produce of a material in a year.
// An unknown or withheld quantity is nil; it is never guessed.
type Figure struct {
	Material    string   `json:"material"`  // catalogue name
	Commodity   string   `json:"commodity"` // as the source names it
	Country     string   `json:"country"`   // ISO3, or WLD for a world total
	CountryName string   `json:"country_name"`
	Year        int      `json:"year"`
	Stage       Stage    `json:"stage"`
	Detail      string   `json:"detail,omitempty"` // the source's row type, e.g. "Mine production: rare-earth-oxide equivalent"
	Quantity    *float64 `json:"quantity"`
	Unit        string   `json:"unit"`
	Basis       string   `json:"basis,omitempty"`
	Estimated   bool     `json:"estimated,omitempty"`
	Withheld    bool     `json:"withheld,omitempty"` // USGS "W"
	Revised     bool     `json:"revised,omitempty"`
	LowerBound  bool     `json:"lower_bound,omitempty"` // USGS ">"
	Note        string   `json:"note,omitempty"`
	SourceID    string   `json:"source"`
}

// ImportReliance is US net import reliance for a material and year, as USGS
// prints it, with the import sources it names.
type ImportReliance struct {
	Material  string        `json:"material"`
	Commodity string        `json:"commodity"`
	Year      int           `json:"year"`
	Value     string        `json:"value"`             // as printed: "53", ">50", "<25", "E" (net exporter), "100"
	Percent   *float64      `json:"percent"`           // numeric value when printed as a plain number
	Basis     string        `json:"basis,omitempty"`   // e.g. "apparent consumption: compounds and metals"
	Sources   []ImportShare `json:"import_sources"`    // shares of US imports, largest first
	Period    string        `json:"period,omitempty"`  // years the import shares cover, e.g. "2021-24"
	Product   string        `json:"product,omitempty"` // the product category the shares cover
	SourceID  string        `json:"source"`
}

// ImportShare is one country's share of US imports of a material.
type ImportShare struct {
	Country     string   `json:"country"` // ISO3, or "" for "Other"
	CountryName string   `json:"country_name"`
	Percent     *float64 `json:"percent"` // nil when only the rank is known
}

// Release is everything one publication contributes.
type Release struct {
	Source         Source
	Figures        []*Figure
	ImportReliance []*ImportReliance
}

// ImportResult counts what an import changed.
type ImportResult struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// FigureFilter selects figures; nil fields are not filtered on.
type FigureFilter struct {
	Material *string
	Country  *string
	Year     *int
	Stage    *Stage
	SourceID *string
	// Latest keeps, for each (material, country, year, stage, detail), only the
	// figure from the newest source that reports it.
	Latest bool
}

// ImportRelianceFilter selects import-reliance rows.
type ImportRelianceFilter struct {
	Material *string
	Year     *int
	Latest   bool
}

// ReferenceStore keeps sources, figures and import reliance.
type ReferenceStore interface {
	// ImportRelease stores a release in one transaction: all or nothing.
	// Importing the same release again changes nothing.
	ImportRelease(ctx context.Context, r *Release) (ImportResult, error)
	FindSources(ctx context.Context) ([]*Source, error)
	FindFigures(ctx context.Context, f FigureFilter) ([]*Figure, error)
	FindImportReliance(ctx context.Context, f ImportRelianceFilter) ([]*ImportReliance, error)
}
