package orewatch

import (
	"context"
	"io"
)

// CatalogService resolves materials and countries by name, alias, symbol or
// code. Lookups are case-insensitive; an unknown name is an ENOTFOUND *Error
// whose Suggestions hold close matches.
type CatalogService interface {
	Materials() []*Material
	Material(name string) (*Material, error)
	// MaterialsByTariff returns the materials whose tariff lines match code by
	// prefix in either direction (a 6-digit HS code matches its 8/10-digit
	// national lines and a 10-digit line matches its HS heading).
	MaterialsByTariff(code string) []*Material
	// Expand returns the material and every catalogue entry below it.
	Expand(name string) []string
	Countries() []*Country
	Country(name string) (*Country, error)
}

// RegistryService answers licence questions from the measures registry.
type RegistryService interface {
	Check(ctx context.Context, q CheckQuery) (*Determination, error)
	// InForce lists the measures in force on a date (suspended ones excluded).
	InForce(ctx context.Context, f InForceFilter) ([]*Measure, error)
	// ScreenBOM screens a bill-of-materials CSV, writing one result per line
	// to w in format ("json" or "csv") and returning the summary.
	ScreenBOM(ctx context.Context, r io.Reader, w io.Writer, format string, defaults CheckQuery) (*BOMSummary, error)
}

// InForceFilter selects the measures in force on Date (zero: all versions current).
type InForceFilter struct {
	Date         Date
	Jurisdiction string
	Material     string
	Type         MeasureType
}

// BOMSummary totals a bill-of-materials screening.
type BOMSummary struct {
	Lines      int              `json:"lines"`
	Screened   int              `json:"screened"`
	Errors     []BOMLineError   `json:"errors"`
	ByDecision map[Decision]int `json:"by_decision"`
}

// BOMLineError is a bill-of-materials line that could not be screened.
type BOMLineError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// AnalyticsService computes concentration indicators from the reference data.
type AnalyticsService interface {
	Risk(ctx context.Context, q RiskQuery) (*RiskReport, error)
}

// RiskQuery selects a material, stage and year (0: the latest year with data).
type RiskQuery struct {
	Material string
	Stage    Stage
	Year     int
	Date     Date // for governance weighting with measures in force; zero: today
}

// RiskReport holds the concentration indicators of one material, stage and
// year. Its JSON is the `risk --json` contract.
type RiskReport struct {
	Material   string         `json:"material"`
	Stage      Stage          `json:"stage"`
	Year       int            `json:"year"`
	WorldTotal *float64       `json:"world_total"`
	Unit       string         `json:"unit"`
	Shares     []CountryShare `json:"shares"`
	HHI        float64        `json:"hhi"`
	Top1       float64        `json:"top1"`
	Top3       float64        `json:"top3"`
	Producers  int            `json:"producers"`
	HHIWGI     *float64       `json:"hhi_wgi,omitempty"`
	Trend      []TrendPoint   `json:"trend,omitempty"`
	Sources    []string       `json:"sources"`
	Notes      []string       `json:"notes,omitempty"`
}

// CountryShare is a country's share (0..1) of a stage's world total.
type CountryShare struct {
	Country string  `json:"country"`
	Share   float64 `json:"share"`
}

// TrendPoint is one year of a concentration trend.
type TrendPoint struct {
	Year int     `json:"year"`
	HHI  float64 `json:"hhi"`
	Top1 float64 `json:"top1"`
}
