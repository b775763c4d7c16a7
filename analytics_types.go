package orewatch

import "context"

// GovernanceEstimate is one economy-year of the World Bank Worldwide
// Governance Indicators: the six governance estimates (about -2.5 to +2.5,
// higher = better governance) exactly as published. A dimension that the
// release does not report is nil; it is never filled in.
type GovernanceEstimate struct {
	Country                 string   `json:"country"` // ISO3 (XKX for Kosovo, as the World Bank codes it)
	Year                    int      `json:"year"`
	VoiceAccountability     *float64 `json:"voice_accountability"`
	PoliticalStability      *float64 `json:"political_stability"`
	GovernmentEffectiveness *float64 `json:"government_effectiveness"`
	RegulatoryQuality       *float64 `json:"regulatory_quality"`
	RuleOfLaw               *float64 `json:"rule_of_law"`
	ControlOfCorruption     *float64 `json:"control_of_corruption"`
	Source                  string   `json:"source,omitempty"`
}

// Dimensions returns the six estimates in the order the World Bank lists them.
func (g *GovernanceEstimate) Dimensions() [6]*float64 {
	return [6]*float64{g.VoiceAccountability, g.PoliticalStability, g.GovernmentEffectiveness,
		g.RegulatoryQuality, g.RuleOfLaw, g.ControlOfCorruption}
}

// ExposureService answers "how much supply sits behind export restrictions
// on a date" questions. The risk package implements it beside
// AnalyticsService.
type ExposureService interface {
	// ControlledShare is the share of world supply of a material, per stage,
	// whose export needs a licence, is under quota or is banned on a date.
	ControlledShare(ctx context.Context, q ControlledShareQuery) (*ControlledShareReport, error)
	// Exposure weighs a buyer's import sources by the restriction each
	// source applies to it on a date. With no material, every material with
	// import-source data is reported, most exposed first.
	Exposure(ctx context.Context, q ExposureQuery) (*ExposureReport, error)
	// Assess combines both for a buyer on a date: the controlled share of
	// world supply toward the buyer when a material is named, and the
	// buyer's exposure when orewatch has its import sources.
	Assess(ctx context.Context, q ExposureQuery) (*ExposureResult, error)
}

// ControlledShareQuery selects a material, the stages to report (none: mining
// and refining), the destination of the exports and the date.
type ControlledShareQuery struct {
	Material string
	Stages   []Stage
	To       string // ISO3 of the destination; "" uses a neutral destination
	Date     Date   // zero: today
}

// ControlledShareReport holds, per stage, the share of world supply behind a
// licence, a quota or a ban on Date.
type ControlledShareReport struct {
	Material string                 `json:"material"`
	To       string                 `json:"to"`
	Date     Date                   `json:"date"`
	Stages   []StageControlledShare `json:"stages"`
	Notes    []string               `json:"notes,omitempty"`
}

// StageControlledShare is the controlled share of one stage and year.
type StageControlledShare struct {
	Stage      Stage    `json:"stage"`
	Year       int      `json:"year"`
	WorldTotal *float64 `json:"world_total"`
	Unit       string   `json:"unit"`
	// Controlled is the share (0..1) of the world total under any restriction.
	Controlled float64 `json:"controlled"`
	// ByDecision splits Controlled by the most restrictive decision
	// (prohibited, quota, licence_required).
	ByDecision    map[Decision]float64  `json:"by_decision"`
	Jurisdictions []JurisdictionControl `json:"jurisdictions"`
	Unknown       float64               `json:"unknown"` // share of producers whose status could not be determined
	Sources       []string              `json:"sources"`
}

// JurisdictionControl is one producing country whose exports are restricted.
type JurisdictionControl struct {
	Country  string   `json:"country"`
	Share    float64  `json:"share"`
	Decision Decision `json:"decision"`
	Measures []string `json:"measures"`
}

// ExposureQuery asks how exposed a buyer is, for one material or (empty)
// every material with import-source data, on a date.
type ExposureQuery struct {
	Buyer    string // ISO3; "" means USA
	Material string
	Date     Date // zero: today
}

// ExposureReport ranks materials by the buyer's exposure.
type ExposureReport struct {
	Buyer     string               `json:"buyer"`
	Date      Date                 `json:"date"`
	Levels    map[Decision]float64 `json:"levels"` // the restriction level given to each decision
	Materials []*MaterialExposure  `json:"materials"`
	Notes     []string             `json:"notes,omitempty"`
}

// MaterialExposure is a buyer's exposure for one material: the import-source
// shares weighted by the restriction level each source applies to the buyer.
type MaterialExposure struct {
	Material string `json:"material"`
	// ImportExposure is Σ import share × restriction level (0..1): the share
	// of the buyer's imports exposed to restrictions.
	ImportExposure float64 `json:"import_exposure"`
	// NetImportReliance is the USGS net import reliance as printed ("67",
	// ">50", "E") and the year it is for.
	NetImportReliance     string `json:"net_import_reliance"`
	NetImportRelianceYear int    `json:"net_import_reliance_year"`
	// SupplyExposure is ImportExposure × net import reliance: the share of
	// apparent consumption exposed, when reliance is printed as a number.
	// SupplyExposureBound is "" for an exact value, ">" or "<" when reliance
	// is printed as a bound.
	SupplyExposure      *float64         `json:"supply_exposure"`
	SupplyExposureBound string           `json:"supply_exposure_bound,omitempty"`
	Sources             []SourceExposure `json:"import_sources"`
	Unattributed        float64          `json:"unattributed"` // import share of "other" countries, not weighed
	Period              string           `json:"period,omitempty"`
	Source              string           `json:"source"`
	Notes               []string         `json:"notes,omitempty"`
}

// SourceExposure is one import source with the decision for its exports to
// the buyer.
type SourceExposure struct {
	Country  string   `json:"country"`
	Share    float64  `json:"share"` // share of the buyer's imports (0..1)
	Decision Decision `json:"decision"`
	Level    float64  `json:"level"`
	Measures []string `json:"measures"`
}

// ExposureResult answers "how exposed is a buyer on a date": with a
// material, the controlled share of world supply toward the buyer, and the
// buyer's exposure through its import sources. Its JSON is the contract of
// `exposure --json` and GET /api/v1/exposure.
type ExposureResult struct {
	Buyer string `json:"buyer"`
	Date  Date   `json:"date"`
	// ControlledShare is present when a material is named.
	ControlledShare *ControlledShareReport `json:"controlled_share,omitempty"`
	// Exposure is null when orewatch has no import sources for the buyer.
	Exposure *ExposureReport `json:"exposure"`
	Notes    []string        `json:"notes,omitempty"`
}
