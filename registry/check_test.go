package registry_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

// checkCase is a licence question with the answer the record gives. Every
// expectation below is read from registry/data/measures.csv: the dates,
// destinations, suspensions and item lists of its rows.
type checkCase struct {
	name      string
	q         orewatch.CheckQuery
	decision  orewatch.Decision
	applied   []string                     // ids, in any order
	effects   map[string]orewatch.Decision // effect of some applied ids
	suspended []orewatch.SuspendedRef
	upcoming  []string
	lapsed    []orewatch.LapsedRef
	explain   []string // phrases the explanation must contain
	materials []string // when set, the resolved materials
}

func q(item, from, to, date string) orewatch.CheckQuery {
	return orewatch.CheckQuery{Item: item, From: from, To: to, Date: day(date)}
}

func military(c orewatch.CheckQuery) orewatch.CheckQuery { c.EndUse = "military"; return c }

func madeIn(c orewatch.CheckQuery, country string, share float64) orewatch.CheckQuery {
	c.MadeIn, c.ContentShare = country, share
	return c
}

func susp(id, by, until string) orewatch.SuspendedRef {
	return orewatch.SuspendedRef{ID: id, SuspendedBy: by, Until: day(until)}
}

func lapse(id, by, on string) orewatch.LapsedRef {
	return orewatch.LapsedRef{ID: id, Suspension: by, LapsedOn: day(on)}
}

var checkCases = []checkCase{
	// MOFCOM/GAC Announcement No. 23 of 2023: announced 2023-07-03, effective 2023-08-01.
	{name: "GalliumBeforeAnnouncement", q: q("gallium", "CHN", "DEU", "2023-06-30"),
		decision: orewatch.DecisionNotControlled, explain: []string{"No measure in the registry restricts this export"}},
	{name: "GalliumAnnouncedNotYetEffective", q: q("gallium", "CHN", "DEU", "2023-07-15"),
		decision: orewatch.DecisionNotControlled, upcoming: []string{"CHN-2023-23"}, explain: []string{"takes effect on 2023-08-01"}},
	{name: "GalliumOnEffectiveDay", q: q("gallium", "CHN", "DEU", "2023-08-01"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"}},
	{name: "GalliumCompoundUnderElement", q: q("gallium nitride", "CHN", "DEU", "2024-01-10"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"}, materials: []string{"gallium nitride"}},
	{name: "GalliumSymbol", q: q("Ga", "CHN", "FRA", "2024-01-10"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"}, materials: []string{"gallium"}},

	// The US-only ban (clause 2 of Ann. 46/2024, 2024-12-03) and its suspension
	// by Ann. 72/2025 from 2025-11-09 until 2026-11-27.
	{name: "GalliumToUSDayBeforeBan", q: q("gallium", "CHN", "USA", "2024-12-02"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"}},
	{name: "GalliumToUSUnderBan", q: q("gallium", "CHN", "USA", "2025-01-15"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2024-46-2", "CHN-2023-23"},
		effects: map[string]orewatch.Decision{"CHN-2024-46-2": orewatch.DecisionProhibited, "CHN-2023-23": orewatch.DecisionLicence},
		explain: []string{"CHN-2024-46-2 (MOFCOM Announcement No. 46 of 2024, clause 2), in force since 2024-12-03, prohibits it"}},
	{name: "GalliumToGermanyNotUnderUSBan", q: q("gallium", "CHN", "DEU", "2025-01-15"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"}},
	{name: "GalliumToUSBanSuspended", q: q("gallium", "CHN", "USA", "2025-11-20"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2024-46-2", "CHN-2025-72", "2026-11-27")},
		explain:   []string{"suspended by CHN-2025-72", "until 2026-11-27", "CHN-2024-46-1", "only for military end users or uses"}},
	{name: "GalliumToUSLastDayOfSuspension", q: q("gallium", "CHN", "USA", "2026-11-26"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2024-46-2", "CHN-2025-72", "2026-11-27")},
		explain:   []string{"within a day of the end of the suspension by CHN-2025-72"}},
	{name: "GalliumToUSToday", q: q("gallium", "CHN", "USA", "2026-11-28"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2024-46-2", "CHN-2023-23"},
		lapsed:  []orewatch.LapsedRef{lapse("CHN-2024-46-2", "CHN-2025-72", "2026-11-27")},
		explain: []string{"No extension of the suspension is recorded", "applies again", "verify"}},
	{name: "AntimonyToUSUnderBan", q: q("antimony", "CHN", "USA", "2025-01-15"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2024-46-2", "CHN-2024-33"}},
	{name: "AntimonyBeforeEffective", q: q("antimony", "CHN", "DEU", "2024-09-14"),
		decision: orewatch.DecisionNotControlled, upcoming: []string{"CHN-2024-33"}},
	{name: "GraphiteToUSStricterReviewIsNotABan", q: q("graphite", "CHN", "USA", "2025-01-15"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-39", "CHN-2024-46-2"},
		effects: map[string]orewatch.Decision{"CHN-2024-46-2": orewatch.DecisionLicence}},

	// Military end use: clause 1 of Ann. 46/2024 (US) and Ann. 1/2026 (Japan)
	// cover every dual-use item, i.e. whatever China controls on the day.
	{name: "GalliumToUSMilitary", q: military(q("gallium", "CHN", "USA", "2025-11-20")),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2024-46-1", "CHN-2023-23"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2024-46-2", "CHN-2025-72", "2026-11-27")},
		explain:   []string{"dual-use item under CHN-2023-23"}},
	{name: "TungstenToUSMilitaryBeforeItWasDualUse", q: military(q("tungsten", "CHN", "USA", "2025-01-15")),
		decision: orewatch.DecisionNotControlled},
	{name: "TungstenToUSMilitaryAfterAnn10", q: military(q("tungsten", "CHN", "USA", "2025-03-01")),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2024-46-1", "CHN-2025-10"}},
	{name: "DysprosiumToJapanMilitary", q: military(q("dysprosium", "CHN", "JPN", "2026-02-01")),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2026-01", "CHN-2025-18"}},
	{name: "DysprosiumToJapanCivil", q: q("dysprosium", "CHN", "JPN", "2026-02-01"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-18"},
		explain: []string{"CHN-2026-01", "does not apply to a civil end use"}},
	{name: "DysprosiumToJapanMilitaryBeforeAnn1", q: military(q("dysprosium", "CHN", "JPN", "2026-01-05")),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-18"}},

	// Seven medium/heavy rare earths (Ann. 18/2025, effective on publication
	// 2025-04-04), not in the November 2025 suspension.
	{name: "DysprosiumDayBeforeAnn18", q: q("dysprosium", "CHN", "USA", "2025-04-03"),
		decision: orewatch.DecisionNotControlled},
	{name: "DysprosiumUnderAnn18", q: q("Dy", "CHN", "USA", "2025-04-04"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-18"}},
	{name: "DysprosiumNotInOctoberSuspension", q: q("dysprosium", "CHN", "USA", "2025-11-20"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-18"}},
	{name: "RareEarthsGroupPartlyCovered", q: q("rare earths", "CHN", "DEU", "2025-06-01"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-18"},
		explain: []string{"only for part of rare earths: samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium"}},
	{name: "LanthanumNotCovered", q: q("lanthanum", "CHN", "DEU", "2025-06-01"),
		decision: orewatch.DecisionNotControlled},

	// The October 2025 package: Ann. 57/2025 (holmium...) scheduled for
	// 2025-11-08, suspended by Ann. 70/2025 from 2025-11-07 until 2026-11-10.
	{name: "HolmiumAnnounced", q: q("holmium", "CHN", "DEU", "2025-10-20"),
		decision: orewatch.DecisionNotControlled, upcoming: []string{"CHN-2025-57"},
		explain: []string{"takes effect on 2025-11-08", "CHN-2025-70 (announced on 2025-11-07) suspended it before it took effect"}},
	{name: "HolmiumSuspendedDayBeforeEffect", q: q("holmium", "CHN", "DEU", "2025-11-07"),
		decision:  orewatch.DecisionNotControlled,
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-57", "CHN-2025-70", "2026-11-10")},
		explain:   []string{"never applied"}},
	{name: "HolmiumSuspendedNeverApplied", q: q("holmium", "CHN", "DEU", "2025-11-20"),
		decision:  orewatch.DecisionNotControlled,
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-57", "CHN-2025-70", "2026-11-10")},
		explain:   []string{"The suspension began before its effective date (2025-11-08), so it has never applied"}},
	{name: "HolmiumOnBoundaryDay", q: q("holmium", "CHN", "DEU", "2026-11-10"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-57"},
		lapsed:  []orewatch.LapsedRef{lapse("CHN-2025-57", "CHN-2025-70", "2026-11-10")},
		explain: []string{"within a day of the end of the suspension by CHN-2025-70", "until 2026-11-10"}},
	{name: "HolmiumToday", q: q("holmium", "CHN", "DEU", "2026-11-28"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-57"},
		lapsed:  []orewatch.LapsedRef{lapse("CHN-2025-57", "CHN-2025-70", "2026-11-10")},
		explain: []string{"never applied until the suspension lapsed on 2026-11-10", "now applies", "verify"}},

	// Extraterritorial rules of Ann. 61/2025: 61-A (re-export of China-made
	// items, 2025-10-09) and 61-B (0.1% de minimis, 2025-12-01), both
	// suspended by Ann. 70/2025.
	{name: "ReexportOfChinaMadeDysprosium", q: madeIn(q("dysprosium", "DEU", "USA", "2025-10-20"), "CHN", 0),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-61-A"},
		explain: []string{"reaches this re-export because the item was made in CHN"}},
	{name: "ReexportOfChinaMadeDysprosiumSuspended", q: madeIn(q("dysprosium", "DEU", "USA", "2025-11-20"), "CHN", 0),
		decision:  orewatch.DecisionNotControlled,
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-61-A", "CHN-2025-70", "2026-11-10")}},
	{name: "DeMinimisSuspendedBeforeEffect", q: madeIn(q("NdFeB magnets", "DEU", "USA", "2025-12-15"), "DEU", 0.5),
		decision:  orewatch.DecisionNotControlled,
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-61-B", "CHN-2025-70", "2026-11-10")},
		explain:   []string{"has never applied"}},
	{name: "DeMinimisAfterLapse", q: madeIn(q("NdFeB magnets", "DEU", "USA", "2026-11-28"), "DEU", 0.5),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-61-B"},
		lapsed:  []orewatch.LapsedRef{lapse("CHN-2025-61-B", "CHN-2025-70", "2026-11-10")},
		explain: []string{"at or above the 0.1% de minimis", "verify"}},
	{name: "DeMinimisBelowThreshold", q: madeIn(q("NdFeB magnets", "DEU", "USA", "2026-11-28"), "DEU", 0.05),
		decision: orewatch.DecisionNotControlled, explain: []string{"below that"}},
	{name: "ReexportWithoutOriginScreenedOnOriginRules", q: q("NdFeB magnets", "DEU", "USA", "2026-11-28"),
		decision: orewatch.DecisionNotControlled,
		explain:  []string{"Not screened: CHN-2025-61-A", "screened on the rules of Germany (DEU) only"}},
	{name: "ThirdCountryTransferToJapaneseMilitary", q: military(madeIn(q("dysprosium", "DEU", "JPN", "2026-02-01"), "CHN", 0)),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2026-01"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-61-A", "CHN-2025-70", "2026-11-10")}},

	// Technology: the 2023 catalogue bans the export of prohibited
	// technologies and requires a licence for restricted ones.
	{name: "TechnologyProhibited", q: q("rare earth extraction and separation technology", "CHN", "DEU", "2024-01-02"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT"}},
	{name: "TechnologyBeforeCatalogue", q: q("rare earth extraction and separation technology", "CHN", "DEU", "2023-12-20"),
		decision: orewatch.DecisionNotControlled},
	{name: "TechnologyRestrictedNeedsLicence", q: q("rare earth mining, beneficiation and smelting technologies (restricted category)", "CHN", "DEU", "2024-01-02"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-TECHCAT"},
		effects: map[string]orewatch.Decision{"CHN-2023-TECHCAT": orewatch.DecisionLicence}},

	// MOFCOM Announcement No. 62 of 2025 (in force 2025-10-09, suspended by
	// Ann. 70/2025 from 2025-11-07 until 2026-11-10) requires a licence for
	// rare-earth mining, smelting and separation, metal smelting, magnet
	// manufacturing and recycling technologies: it covers the narrower
	// technologies the 2023 catalogue prohibits.
	{name: "ExtractionTechnologyBeforeAnn62", q: q("rare earth extraction technology", "CHN", "USA", "2025-10-08"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT"}},
	{name: "ExtractionTechnologyUnderAnn62", q: q("rare earth extraction technology", "CHN", "USA", "2025-11-01"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT", "CHN-2025-62"},
		effects:   map[string]orewatch.Decision{"CHN-2023-TECHCAT": orewatch.DecisionProhibited, "CHN-2025-62": orewatch.DecisionLicence},
		materials: []string{"rare earth extraction and separation technology"}},
	{name: "SeparationTechnologyAnn62Suspended", q: q("rare earth extraction and separation technology", "CHN", "USA", "2025-11-20"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-62", "CHN-2025-70", "2026-11-10")}},
	{name: "MetalProductionTechnologyUnderAnn62", q: q("rare earth metal and alloy production technology", "CHN", "DEU", "2025-10-20"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT", "CHN-2025-62"}},
	{name: "MiningTechnologyAnn62LicenceOnly", q: q("rare earth mining, beneficiation and smelting technology", "CHN", "DEU", "2025-10-20"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-TECHCAT", "CHN-2025-62"}},
	{name: "ExtractionTechnologyAnn62SuspensionLapsed", q: q("rare earth extraction technology", "CHN", "USA", "2026-11-28"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT", "CHN-2025-62"},
		lapsed: []orewatch.LapsedRef{lapse("CHN-2025-62", "CHN-2025-70", "2026-11-10")}},
	{name: "RareEarthTechnologyUnderAnn62", q: q("rare earth technology", "CHN", "USA", "2025-11-01"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT", "CHN-2025-62"}},
	{name: "RareEarthTechnologyAnn62Suspended", q: q("rare earth technology", "CHN", "USA", "2025-11-20"),
		decision: orewatch.DecisionProhibited, applied: []string{"CHN-2023-TECHCAT"},
		suspended: []orewatch.SuspendedRef{susp("CHN-2025-62", "CHN-2025-70", "2026-11-10")}},

	// DRC cobalt: ban from 2025-02-22, replaced by quotas from 2025-10-16.
	{name: "CobaltBeforeDRCBan", q: q("cobalt", "COD", "CHN", "2025-02-21"),
		decision: orewatch.DecisionNotControlled},
	{name: "CobaltUnderDRCBan", q: q("cobalt", "COD", "CHN", "2025-06-30"),
		decision: orewatch.DecisionProhibited, applied: []string{"COD-2025-ARECOMS-001"},
		explain: []string{"COD-2025-ARECOMS-EXT", "not a restriction"}},
	{name: "CobaltLastDayOfDRCBan", q: q("cobalt", "COD", "CHN", "2025-10-15"),
		decision: orewatch.DecisionProhibited, applied: []string{"COD-2025-ARECOMS-001"},
		upcoming: []string{"COD-2025-ARECOMS-QUOTA"}},
	{name: "CobaltUnderDRCQuota", q: q("cobalt", "COD", "CHN", "2025-10-16"),
		decision: orewatch.DecisionQuota, applied: []string{"COD-2025-ARECOMS-QUOTA"},
		explain: []string{"COD-2025-ARECOMS-001 (Decision n. 001/ARECOMS/2025) no longer applies: it ended on 2025-10-16"}},

	// Indonesia: nickel ore exports banned from 2020-01-01.
	{name: "NickelOreBeforeIndonesianBan", q: q("nickel ore", "IDN", "CHN", "2019-12-31"),
		decision: orewatch.DecisionNotControlled, upcoming: []string{"IDN-2019-ESDM-11"}},
	{name: "NickelOreIndonesianBan", q: q("nickel ore", "Indonesia", "China", "2020-01-01"),
		decision: orewatch.DecisionProhibited, applied: []string{"IDN-2019-ESDM-11"}},
	{name: "NickelPartlyCoveredByOreBan", q: q("nickel", "IDN", "CHN", "2024-01-01"),
		decision: orewatch.DecisionProhibited, applied: []string{"IDN-2019-ESDM-11"},
		explain: []string{"only for part of nickel: nickel ore"}},
	{name: "NickelOreFromPhilippines", q: q("nickel ore", "PHL", "CHN", "2024-01-01"),
		decision: orewatch.DecisionNotControlled},

	// Tariff lines, matched by prefix and through the catalogue.
	{name: "TariffLineGalliumMetal", q: q("8112929010", "CHN", "DEU", "2024-01-02"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2023-23"},
		explain: []string{"its tariff line 8112929010 matches"}},
	{name: "TariffLineWithDots", q: q("2841.80.10.00", "CHN", "DEU", "2025-03-01"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-10"}},
	{name: "TariffLineBeforeControl", q: q("2841801000", "CHN", "DEU", "2025-02-03"),
		decision: orewatch.DecisionNotControlled},
	{name: "TariffHeadingPrefixAfterLapse", q: q("850760", "CHN", "DEU", "2026-11-28"),
		decision: orewatch.DecisionLicence, applied: []string{"CHN-2025-58"},
		lapsed: []orewatch.LapsedRef{lapse("CHN-2025-58", "CHN-2025-70", "2026-11-10")}},
}

func TestCheck(t *testing.T) {
	e := mustEngine(t)
	if len(checkCases) < 25 {
		t.Fatalf("only %d cases; the record supports at least 25", len(checkCases))
	}
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := e.Check(tc.q)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if d.Decision != tc.decision {
				t.Errorf("decision: got %s, want %s\n%s", d.Decision, tc.decision, d.Explanation)
			}
			got := appliedIDs(d)
			slices.Sort(got)
			want := append([]string{}, tc.applied...)
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("applied (-want +got):\n%s\n%s", diff, d.Explanation)
			}
			for id, eff := range tc.effects {
				for _, a := range d.Applied {
					if a.ID == id && a.Effect != eff {
						t.Errorf("effect of %s: got %s, want %s", id, a.Effect, eff)
					}
				}
			}
			if diff := cmp.Diff(orNone(tc.suspended), d.Suspended); diff != "" {
				t.Errorf("suspended (-want +got):\n%s", diff)
			}
			var up []string
			for _, u := range d.Upcoming {
				up = append(up, u.ID)
			}
			if diff := cmp.Diff(tc.upcoming, up); diff != "" {
				t.Errorf("upcoming (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(orNone(tc.lapsed), d.Lapsed); diff != "" {
				t.Errorf("lapsed (-want +got):\n%s", diff)
			}
			for _, p := range tc.explain {
				if !strings.Contains(d.Explanation, p) {
					t.Errorf("explanation lacks %q:\n%s", p, d.Explanation)
				}
			}
			if tc.materials != nil {
				if diff := cmp.Diff(tc.materials, d.Materials); diff != "" {
					t.Errorf("materials (-want +got):\n%s", diff)
				}
			}
			// Every applied measure is cited in the explanation, with its
			// source on record.
			for _, a := range d.Applied {
				if !strings.Contains(d.Explanation, a.ID) || a.SourceURL == "" || a.Instrument == "" {
					t.Errorf("applied %s is not cited with instrument and source", a.ID)
				}
			}
		})
	}
}

func orNone[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func TestCheckErrors(t *testing.T) {
	e := mustEngine(t)
	tests := []struct {
		name       string
		q          orewatch.CheckQuery
		code       string
		message    string
		suggestion string
	}{
		{"UnknownItem", q("dysprosum", "CHN", "USA", "2025-06-01"), orewatch.ENOTFOUND, `unknown item "dysprosum"`, "dysprosium"},
		{"UnknownTariffLine", q("9701100000", "CHN", "USA", "2025-06-01"), orewatch.ENOTFOUND, "tariff line 9701100000 matches no catalogue material", ""},
		{"EmptyItem", q(" ", "CHN", "USA", "2025-06-01"), orewatch.EINVALID, "item is required", ""},
		{"UnknownFrom", q("gallium", "Chna", "USA", "2025-06-01"), orewatch.ENOTFOUND, "exporting country (from)", "China"},
		{"UnknownTo", q("gallium", "CHN", "XQZ", "2025-06-01"), orewatch.ENOTFOUND, "destination country (to)", ""},
		{"MissingTo", q("gallium", "CHN", "", "2025-06-01"), orewatch.EINVALID, "destination country (to) is required", ""},
		{"UnknownMadeIn", madeIn(q("gallium", "DEU", "USA", "2025-06-01"), "Chna", 0), orewatch.ENOTFOUND, "made in", "China"},
		{"BadEndUse", orewatch.CheckQuery{Item: "gallium", From: "CHN", To: "USA", Date: day("2025-06-01"), EndUse: "dual"}, orewatch.EINVALID, `unknown end use "dual"`, ""},
		{"MonthDate", q("gallium", "CHN", "USA", "2025-06"), orewatch.EINVALID, "names a month", ""},
		{"NoDate", orewatch.CheckQuery{Item: "gallium", From: "CHN", To: "USA"}, orewatch.EINVALID, "date is required", ""},
		{"ShareOutOfRange", madeIn(q("gallium", "DEU", "USA", "2025-06-01"), "DEU", 150), orewatch.EINVALID, "not a percentage", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := e.Check(tc.q)
			if err == nil {
				t.Fatalf("got %s, want an error", d.Decision)
			}
			if code := orewatch.ErrorCode(err); code != tc.code {
				t.Errorf("code: got %s, want %s (%v)", code, tc.code, err)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q lacks %q", err.Error(), tc.message)
			}
			if tc.suggestion != "" {
				e, ok := err.(*orewatch.Error)
				if !ok || !slices.Contains(e.Suggestions, tc.suggestion) {
					t.Errorf("suggestions of %v lack %q", err, tc.suggestion)
				}
			}
		})
	}
}
