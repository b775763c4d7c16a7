package nlp_test

import (
	"testing"

	"orewatch"
)

// TestEvents covers single sentences with varied wording: subjects given as
// agency, capital or country; passive voice; hedges; unrelated news.
func TestEvents(t *testing.T) {
	an := mustAnalyzer(t)
	type want struct {
		typ       orewatch.EventType
		actor, cp string
		measure   string
		announced string
		effective string
		primary   bool
	}
	tests := []struct {
		name string
		pub  string
		text string
		want []want
	}{
		{"AgencySubject", "2023-07-04", "MOFCOM said on Monday that gallium and germanium exports will require licences from August 1.",
			[]want{{typ: "export_control", actor: "CHN", measure: "CHN-2023-23", announced: "2023-07-03", effective: "2023-08-01", primary: true}}},
		{"CapitalSubject", "2025-04-05", "Beijing imposed export controls on dysprosium and terbium on Friday.",
			[]want{{typ: "export_control", actor: "CHN", measure: "CHN-2025-18", announced: "2025-04-04", primary: true}}},
		{"Passive", "2025-02-05", "Exports of tungsten and indium were placed under licensing by China on Tuesday.",
			[]want{{typ: "export_control", actor: "CHN", measure: "CHN-2025-10", announced: "2025-02-04", primary: true}}},
		{"BanWithCounterparty", "2024-12-04", "China banned exports of gallium and germanium to the United States on Tuesday.",
			[]want{{typ: "export_ban", actor: "CHN", cp: "USA", measure: "CHN-2024-46-2", announced: "2024-12-03", primary: true}}},
		{"SuspendExportsIsBan", "2025-02-24", "Congo suspended cobalt exports for four months on Saturday.",
			[]want{{typ: "export_ban", actor: "COD", measure: "COD-2025-ARECOMS-001", announced: "2025-02-22", primary: true}}},
		{"SuspendControls", "2025-11-08", "China suspended its export controls on rare earths on Friday.",
			[]want{{typ: "export_control_suspension", actor: "CHN", measure: "CHN-2025-70", announced: "2025-11-07", primary: true}}},
		{"Quota", "2025-09-22", "ARECOMS set a cobalt export quota of 18,125 tonnes for the fourth quarter.",
			[]want{{typ: "quota", actor: "COD", primary: true}}},
		{"Tariff", "2024-05-15", "Washington will impose a 25% tariff on natural graphite from China.",
			[]want{{typ: "tariff", actor: "USA", cp: "CHN", primary: true}}},
		{"Agreement", "2025-09-09", "US Strategic Metals signed a memorandum of understanding with Pakistan's Frontier Works Organization on antimony and rare earths.",
			[]want{{typ: "supply_agreement", actor: "USA", cp: "PAK", measure: "PAK-2025-USSM-FWO", primary: true}}},
		{"Background", "2025-10-02", "Buyers still struggle, months after China imposed export controls on seven rare earths in April.",
			[]want{{typ: "export_control", actor: "CHN", measure: "CHN-2025-18", announced: "2025-04", primary: false}}},
		{"Hedged", "2025-06-01", "China could restrict exports of lithium, analysts said.", nil},
		{"ShareIsNotControl", "2025-06-01", "China controls over 60% of rare earth production.", nil},
		{"PriceNews", "2025-06-01", "Copper prices rose on supply worries as exports from Chile slowed.", nil},
		{"ChipControlsNoMinerals", "2025-06-01", "The United States tightened export controls on advanced chips to China.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &orewatch.Article{Body: tt.text, Published: orewatch.MustParseDate(tt.pub)}
			an.Analyze(a)
			if len(a.Events) != len(tt.want) {
				t.Fatalf("got %d events %+v, want %d", len(a.Events), a.Events, len(tt.want))
			}
			for i, w := range tt.want {
				e := a.Events[i]
				if e.Type != w.typ || e.Actor != w.actor || e.Counterparty != w.cp || e.Primary != w.primary {
					t.Errorf("event %d = %s by %s (cp %q, primary %v), want %s by %s (cp %q, primary %v)", i, e.Type, e.Actor, e.Counterparty, e.Primary, w.typ, w.actor, w.cp, w.primary)
				}
				if w.measure != "" && e.Measure != w.measure {
					t.Errorf("event %d measure %q, want %q", i, e.Measure, w.measure)
				}
				if w.announced != "" && e.Announced.String() != w.announced {
					t.Errorf("event %d announced %s, want %s", i, e.Announced, w.announced)
				}
				if w.effective != "" && e.Effective.String() != w.effective {
					t.Errorf("event %d effective %s, want %s", i, e.Effective, w.effective)
				}
				if e.Evidence == "" || e.Confidence <= 0 || e.Confidence > 1 {
					t.Errorf("event %d evidence %q confidence %v", i, e.Evidence, e.Confidence)
				}
			}
		})
	}
}

func FuzzAnalyze(f *testing.F) {
	an := mustAnalyzer(f)
	f.Add("China bans rare earth exports", "MOFCOM said on Thursday that exports of gallium to the U.S. are banned, effective November 8, 2025. China controls over 60% of production.", "2025-10-10")
	f.Add("", "Congo will lift its ban and replace it with quotas of 18,125 tonnes. The ban had been in place since February.", "")
	f.Add("x", "- October 2025: The ban. It. This regulation includes lithium-battery components.", "2026-01")
	f.Fuzz(func(t *testing.T, title, body, pub string) {
		if len(title)+len(body) > 20000 {
			return
		}
		p, _ := orewatch.ParseDate(pub)
		a := &orewatch.Article{Title: title, Body: body, Published: p}
		an.Analyze(a)
		for _, e := range a.Events {
			if e.Actor == "" || e.Evidence == "" || e.Confidence <= 0 || e.Confidence > 1 {
				t.Fatalf("bad event %+v", e)
			}
			for _, d := range []orewatch.Date{e.Announced, e.Effective} {
				if !d.IsZero() {
					if _, err := orewatch.ParseDate(d.String()); err != nil {
						t.Fatalf("invalid date %v: %v", d, err)
					}
				}
			}
		}
		for _, c := range a.Claims {
			if c.Verdict == "" {
				t.Fatalf("unchecked claim %+v", c)
			}
		}
	})
}
