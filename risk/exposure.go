package risk

import (
	"fmt"
	"strconv"
	"strings"

	"orewatch"
)

// Levels gives each licence decision a restriction level between 0 (trade
// flows freely) and 1 (no trade), used to weigh import sources. They are
// modelling assumptions, not sourced figures, and every report prints them.
type Levels struct {
	Prohibited float64
	Quota      float64
	Licence    float64
}

// DefaultLevels: a ban stops the flow (1.0); a quota caps it, taken as half
// (0.5); a licence requirement delays and may deny, taken as a quarter
// (0.25). Not controlled is 0.
var DefaultLevels = Levels{Prohibited: 1.0, Quota: 0.5, Licence: 0.25}

// Level is the restriction level of a decision.
func (l Levels) Level(d orewatch.Decision) float64 {
	switch d {
	case orewatch.DecisionProhibited:
		return l.Prohibited
	case orewatch.DecisionQuota:
		return l.Quota
	case orewatch.DecisionLicence:
		return l.Licence
	}
	return 0
}

// Map returns the levels keyed by decision, for reports.
func (l Levels) Map() map[orewatch.Decision]float64 {
	return map[orewatch.Decision]float64{
		orewatch.DecisionProhibited:    l.Prohibited,
		orewatch.DecisionQuota:         l.Quota,
		orewatch.DecisionLicence:       l.Licence,
		orewatch.DecisionNotControlled: 0,
	}
}

// Validate checks that every level lies in [0, 1] and that a more
// restrictive decision never weighs less.
func (l Levels) Validate() error {
	for _, v := range []float64{l.Prohibited, l.Quota, l.Licence} {
		if !(v >= 0 && v <= 1) {
			return orewatch.Errorf(orewatch.EINVALID, "restriction levels must lie between 0 and 1, got %v", v)
		}
	}
	if l.Licence > l.Quota || l.Quota > l.Prohibited {
		return orewatch.Errorf(orewatch.EINVALID, "restriction levels must not decrease with restrictiveness (licence %v ≤ quota %v ≤ prohibited %v)", l.Licence, l.Quota, l.Prohibited)
	}
	return nil
}

// WeighSources computes Σ share × level over the sources whose share is
// known; the rest is returned as unattributed. Shares are fractions.
func WeighSources(sources []orewatch.SourceExposure) (exposure, attributed float64) {
	for _, s := range sources {
		exposure += s.Share * s.Level
		attributed += s.Share
	}
	return exposure, attributed
}

// Reliance is a net import reliance as USGS prints it, read as a number.
type Reliance struct {
	Printed string
	// Value is the fraction (0..1) printed, or the bound for ">x"/"<x".
	Value float64
	// Bound is "" for a plain number, ">" or "<" for a bound, "E" for a net
	// exporter (Value 0) and "?" when it could not be read.
	Bound string
}

// ParseReliance reads "67", ">50", "<25", "E" (net exporter) or "100".
func ParseReliance(s string) (Reliance, error) {
	r := Reliance{Printed: s}
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		r.Bound = "?"
		return r, fmt.Errorf("empty net import reliance")
	case strings.EqualFold(t, "E"):
		r.Bound = "E"
		return r, nil
	case strings.HasPrefix(t, ">") || strings.HasPrefix(t, "<"):
		r.Bound = t[:1]
		t = strings.TrimSpace(t[1:])
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || !(v >= 0 && v <= 100) {
		r.Bound = "?"
		return r, fmt.Errorf("cannot read net import reliance %q: want a percentage, >x, <x or E", s)
	}
	r.Value = v / 100
	return r, nil
}
