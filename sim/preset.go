package sim

import (
	"slices"
	"strings"

	"orewatch"
)

// Preset is a scenario drawn from the registry record. Measures, dates,
// exporter and buyer are facts of the record (Facts says what it shows);
// the supply mix comes from the import data; every other number is an
// assumption and is labelled so in the output.
type Preset struct {
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	Measures []string `json:"measures"`
	Exporter string   `json:"exporter"`
	Buyer    string   `json:"buyer"`
	Material string   `json:"material"`
	Start    string   `json:"start"`
	Facts    []string `json:"facts"`
	apply    func(sc *Scenario)
}

// Apply sets the preset's parameters, and where each comes from, on sc.
// The supply mix is left to the caller, who reads it from the data.
func (p Preset) Apply(sc *Scenario) {
	sc.Name = p.Name
	sc.Buyer, sc.Material, sc.Start = p.Buyer, p.Material, p.Start
	sc.Restriction.Exporter = p.Exporter
	rec := "record: " + strings.Join(p.Measures, ", ")
	sc.SetBasis(ParamBuyer, "preset: applied to the US, whose import sources USGS publishes")
	sc.SetBasis(ParamMaterial, rec+" (rare-earth items); the import data cover rare-earth compounds and metals as a whole")
	sc.SetBasis(ParamExporter, rec)
	p.apply(sc)
}

// The April 2025 licensing of seven medium and heavy rare earths.
func presetApril2025() Preset {
	return Preset{
		Name:     "apr2025-hree",
		Title:    "China's April 2025 export licensing of seven medium and heavy rare earths, applied to the US",
		Measures: []string{"CHN-2025-18"},
		Exporter: "CHN", Buyer: "USA", Material: "rare earths", Start: "2025-04",
		Facts: []string{
			"CHN-2025-18 (MOFCOM/GAC Announcement No. 18 of 2025): export licence required for samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium items, to all destinations, effective 2025-04-04",
			"the record shows no end date and no suspension of CHN-2025-18",
		},
		apply: func(sc *Scenario) {
			sc.Restriction.Start = Value(1)
			sc.SetBasis(ParamStart, "record: CHN-2025-18 effective 2025-04-04")
			sc.SetBasis(ParamRStart, "record: CHN-2025-18 effective 2025-04-04 (month 1)")
			sc.Restriction.Duration = Value(maxMonths)
			sc.SetBasis(ParamDuration, "assumption: lasts the whole horizon, as the record shows no end or suspension")
			sc.Restriction.Cut = Dist{Kind: Triangular, A: 0.1, B: 0.3, C: 0.6}
			sc.SetBasis(ParamCut, "assumption: share of China-origin rare-earth compound and metal supply held up by licensing (the measure covers 7 of the 17 rare earths)")
			sc.Alternatives = Alternatives{
				Headroom: Dist{Kind: Triangular, A: 0, B: 0.05, C: 0.15},
				LeadTime: Dist{Kind: Uniform, A: 6, B: 18},
				Ramp:     Dist{Kind: Triangular, A: 0.02, B: 0.05, C: 0.1},
			}
			for _, p := range []string{ParamHeadroom, ParamLeadTime, ParamRamp} {
				sc.SetBasis(p, "assumption: little separation capacity for heavy rare earths outside China")
			}
		},
	}
}

// The October 2025 package, suspended until 2026-11-10.
func presetOctober2025() Preset {
	return Preset{
		Name:     "oct2025-package",
		Title:    "China's October 2025 rare-earth package, applied to the US from the lapse of its suspension",
		Measures: []string{"CHN-2025-57", "CHN-2025-61-A", "CHN-2025-61-B", "CHN-2025-62", "CHN-2025-70"},
		Exporter: "CHN", Buyer: "USA", Material: "rare earths", Start: "2026-11",
		Facts: []string{
			"CHN-2025-57 (holmium, erbium, thulium, europium, ytterbium) was scheduled for 2025-11-08; CHN-2025-61-A (re-export of China-origin rare-earth items) and CHN-2025-62 (rare-earth technologies) took effect on 2025-10-09; CHN-2025-61-B (0.1 % de minimis) was scheduled for 2025-12-01",
			"CHN-2025-70 suspends the package from 2025-11-07 until 2026-11-10; the record shows no extension, so the package applies again from 2026-11-10 — the record may be behind the news: verify",
			"CHN-2025-18 (seven medium and heavy rare earths, April 2025) stays in force throughout; the cut below covers both",
		},
		apply: func(sc *Scenario) {
			sc.Restriction.Start = Value(1)
			sc.SetBasis(ParamStart, "record: CHN-2025-70 suspension ends 2026-11-10 with no recorded extension")
			sc.SetBasis(ParamRStart, "record: the package applies again from 2026-11-10 (month 1)")
			sc.Restriction.Duration = Dist{Kind: Uniform, A: 3, B: 24}
			sc.SetBasis(ParamDuration, "assumption: until a new suspension or settlement, 3 to 24 months")
			sc.Restriction.Cut = Dist{Kind: Triangular, A: 0.2, B: 0.5, C: 0.9}
			sc.SetBasis(ParamCut, "assumption: share of China-origin rare-earth compound and metal supply held up with 12 rare earths and re-exports under licence")
			sc.Alternatives = Alternatives{
				Headroom: Dist{Kind: Triangular, A: 0, B: 0.05, C: 0.15},
				LeadTime: Dist{Kind: Uniform, A: 6, B: 18},
				Ramp:     Dist{Kind: Triangular, A: 0.02, B: 0.05, C: 0.1},
			}
			for _, p := range []string{ParamHeadroom, ParamLeadTime, ParamRamp} {
				sc.SetBasis(p, "assumption: little separation capacity for heavy rare earths outside China")
			}
		},
	}
}

// Presets lists the presets, by name.
func Presets() []Preset {
	return []Preset{presetApril2025(), presetOctober2025()}
}

// PresetByName finds a preset; an unknown name is an ENOTFOUND error that
// lists the presets.
func PresetByName(name string) (Preset, error) {
	var names []string
	for _, p := range Presets() {
		if strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return p, nil
		}
		names = append(names, p.Name)
	}
	slices.Sort(names)
	return Preset{}, &orewatch.Error{Code: orewatch.ENOTFOUND, Message: "unknown preset " + quote(name), Suggestions: names}
}

func quote(s string) string { return "\"" + s + "\"" }
