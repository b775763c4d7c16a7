package refdata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"orewatch"
)

// WGISource is the publication the governance estimates come from.
var WGISource = orewatch.Source{
	ID:        "wb-wgi-2026",
	Title:     "Worldwide Governance Indicators, 2026 Update",
	Publisher: "World Bank",
	Year:      2026,
	URL:       "https://www.worldbank.org/en/publication/worldwide-governance-indicators",
	Licence:   "CC BY 4.0",
	Note:      "Governance estimates (about -2.5 to +2.5, higher is better) for 2023-2025, as published; missing dimensions are left empty.",
}

// wgiColumns are the six estimate columns, in the World Bank's order.
var wgiColumns = [6]string{
	"voice_accountability", "political_stability", "government_effectiveness",
	"regulatory_quality", "rule_of_law", "control_of_corruption",
}

var loadWGI = sync.OnceValues(func() ([]*orewatch.GovernanceEstimate, error) {
	b, err := File(WGIFile)
	if err != nil {
		return nil, err
	}
	return ParseWGI(WGIFile, bytes.NewReader(b))
})

// WGI returns the embedded World Bank governance estimates, one per economy
// and year (2023–2025), as published. Each call returns a fresh copy.
func WGI() ([]*orewatch.GovernanceEstimate, error) {
	es, err := loadWGI()
	if err != nil {
		return nil, err
	}
	out := make([]*orewatch.GovernanceEstimate, len(es))
	for i, e := range es {
		c := *e
		for j, p := range e.Dimensions() {
			if p == nil {
				continue
			}
			v := *p
			switch j {
			case 0:
				c.VoiceAccountability = &v
			case 1:
				c.PoliticalStability = &v
			case 2:
				c.GovernmentEffectiveness = &v
			case 3:
				c.RegulatoryQuality = &v
			case 4:
				c.RuleOfLaw = &v
			case 5:
				c.ControlOfCorruption = &v
			}
		}
		out[i] = &c
	}
	return out, nil
}

// ParseWGI reads a governance table with the columns country_iso3, year and
// the six estimates (voice_accountability … control_of_corruption). An empty
// cell is a dimension the release does not report and stays nil. Errors name
// the file, line and column.
func ParseWGI(name string, r io.Reader) ([]*orewatch.GovernanceEstimate, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: empty file", name)
	} else if err != nil {
		return nil, wgiCSVError(name, err)
	}
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	need := append([]string{"country_iso3", "year"}, wgiColumns[:]...)
	for _, c := range need {
		if _, ok := idx[c]; !ok {
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:1: missing column %s", name, c)
		}
	}
	var out []*orewatch.GovernanceEstimate
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, wgiCSVError(name, err)
		}
		e := &orewatch.GovernanceEstimate{Country: strings.TrimSpace(rec[idx["country_iso3"]])}
		if len(e.Country) != 3 {
			line, col := cr.FieldPos(idx["country_iso3"])
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column country_iso3: want a three-letter code, got %q", name, line, col, e.Country)
		}
		y, err := strconv.Atoi(strings.TrimSpace(rec[idx["year"]]))
		if err != nil || y < 1996 || y > 2200 {
			line, col := cr.FieldPos(idx["year"])
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column year: bad year %q", name, line, col, rec[idx["year"]])
		}
		e.Year = y
		var vals [6]*float64
		for j, c := range wgiColumns {
			s := strings.TrimSpace(rec[idx[c]])
			if s == "" {
				continue
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < -5 || v > 5 {
				line, col := cr.FieldPos(idx[c])
				return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column %s: bad estimate %q (want a number between -5 and 5)", name, line, col, c, s)
			}
			vals[j] = &v
		}
		e.VoiceAccountability, e.PoliticalStability, e.GovernmentEffectiveness = vals[0], vals[1], vals[2]
		e.RegulatoryQuality, e.RuleOfLaw, e.ControlOfCorruption = vals[3], vals[4], vals[5]
		e.Source = WGISource.ID
		out = append(out, e)
	}
	return out, nil
}

func wgiCSVError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
