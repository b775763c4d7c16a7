package orewatch

import (
	"context"
	"time"
)

// MeasureType is the kind of a registry record (measures.csv measure_type).
type MeasureType string

const (
	MeasureLicence    MeasureType = "licence_requirement"
	MeasureExportBan  MeasureType = "export_ban"
	MeasureTechBan    MeasureType = "technology_ban"
	MeasureQuota      MeasureType = "quota"
	MeasureSuspension MeasureType = "suspension"
	MeasureAgreement  MeasureType = "agreement"
	MeasureOther      MeasureType = "other"
)

// End-use scopes of a measure.
const (
	EndUseAny      = ""         // applies whatever the end use
	EndUseMilitary = "military" // applies only to military end users or uses
)

// Measure is one version of a registry record: an export control, ban, quota,
// suspension, agreement or other act. Valid time is Effective..Ends (Ends is
// the first day it no longer applies); knowledge time is RecordedAt until
// SupersededAt. Corrections add versions; none is overwritten.
type Measure struct {
	ID           string      `json:"id"`
	Version      int         `json:"version"`
	Jurisdiction string      `json:"jurisdiction"` // ISO3 of the acting state
	Authority    string      `json:"authority"`
	Instrument   string      `json:"instrument"`
	Title        string      `json:"title"`
	Type         MeasureType `json:"type"`
	Announced    Date        `json:"announced"`
	Effective    Date        `json:"effective"`
	Ends         Date        `json:"ends"`
	Suspends     []string    `json:"suspends,omitempty"`
	StatusNote   string      `json:"status_note,omitempty"`
	Items        []string    `json:"items"`                // as the source words them
	Materials    []string    `json:"materials"`            // resolved catalogue names
	Unresolved   []string    `json:"unresolved,omitempty"` // item wording not matched to the catalogue
	TariffLines  []string    `json:"hs_codes,omitempty"`   // national lines as printed
	Destinations []string    `json:"destinations"`         // ["all"] or ISO3 codes
	EndUse       string      `json:"end_use,omitempty"`    // EndUseAny or EndUseMilitary
	DeMinimis    string      `json:"de_minimis,omitempty"` // e.g. "0.1%"
	SourceURL    string      `json:"source_url"`
	RecordedAt   time.Time   `json:"recorded_at"`             // knowledge time: entered the registry
	SupersededAt *time.Time  `json:"superseded_at,omitempty"` // knowledge time: replaced by a later version
}

// MeasureFilter selects measures. Without AsKnown the current versions are
// returned; with it, the versions the registry held at that instant.
type MeasureFilter struct {
	ID           *string
	Jurisdiction *string
	Type         *MeasureType
	Material     *string // matches Materials exactly (callers expand groups)
	AsKnown      *time.Time
}

// MeasureImportResult counts what a registry import changed.
type MeasureImportResult struct {
	Added     int `json:"added"`     // new ids
	Revised   int `json:"revised"`   // new versions of existing ids
	Unchanged int `json:"unchanged"` // identical to the current version
}

// MeasureStore keeps the bitemporal measures registry.
type MeasureStore interface {
	// PutMeasures records the measures as known at time at, in one
	// transaction: a new id is added as version 1; a changed record closes the
	// current version (SupersededAt = at) and adds the next; an identical one
	// changes nothing.
	PutMeasures(ctx context.Context, ms []*Measure, at time.Time) (MeasureImportResult, error)
	FindMeasures(ctx context.Context, f MeasureFilter) ([]*Measure, error)
	// MeasureHistory returns every version of a measure, oldest first.
	MeasureHistory(ctx context.Context, id string) ([]*Measure, error)
}

// Decision is the outcome of a licence determination, most restrictive first.
type Decision string

const (
	DecisionProhibited    Decision = "prohibited"
	DecisionQuota         Decision = "quota"
	DecisionLicence       Decision = "licence_required"
	DecisionNotControlled Decision = "not_controlled"
)

// Rank orders decisions: higher is more restrictive.
func (d Decision) Rank() int {
	switch d {
	case DecisionProhibited:
		return 3
	case DecisionQuota:
		return 2
	case DecisionLicence:
		return 1
	}
	return 0
}

// CheckQuery asks what exporting Item from From to To needs on Date.
type CheckQuery struct {
	Item         string
	From, To     string // ISO3
	Date         Date
	EndUse       string  // "civil" or "military"; "" means civil
	ContentShare float64 // percent of China-origin (MadeIn) content, for de minimis rules; 0 = not given
	MadeIn       string  // ISO3 of where the item was made, when it is re-exported
	AsKnown      *time.Time
}

// Determination answers a CheckQuery. Its JSON is the `check --json` contract.
type Determination struct {
	Item        string           `json:"item"`
	Materials   []string         `json:"materials"`
	From        string           `json:"from"`
	To          string           `json:"to"`
	Date        Date             `json:"date"`
	EndUse      string           `json:"end_use"`
	Decision    Decision         `json:"decision"`
	Applied     []AppliedMeasure `json:"applied"`
	Suspended   []SuspendedRef   `json:"suspended"`
	Upcoming    []UpcomingRef    `json:"upcoming"`
	Lapsed      []LapsedRef      `json:"lapsed"`
	Explanation string           `json:"explanation"`
}

// AppliedMeasure is a measure in force for the query.
type AppliedMeasure struct {
	ID         string      `json:"id"`
	Type       MeasureType `json:"type"`
	Effect     Decision    `json:"effect"`
	Instrument string      `json:"instrument"`
	SourceURL  string      `json:"source_url"`
}

// SuspendedRef is a measure that would apply but is suspended on the day.
type SuspendedRef struct {
	ID          string `json:"id"`
	SuspendedBy string `json:"suspended_by"`
	Until       Date   `json:"until"`
}

// UpcomingRef is a measure announced but not yet in force on the day.
type UpcomingRef struct {
	ID        string `json:"id"`
	Effective Date   `json:"effective"`
}

// LapsedRef is a suspension that has lapsed, so the measure applies again.
type LapsedRef struct {
	ID         string `json:"id"`
	Suspension string `json:"suspension"`
	LapsedOn   Date   `json:"lapsed_on"`
}
