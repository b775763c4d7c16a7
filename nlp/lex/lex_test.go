package lex_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/nlp/lex"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"Simple", "China acted. The US replied!", []string{"China acted.", "The US replied!"}},
		{"LineBreak", "Title line\nBody starts here. It goes on", []string{"Title line", "Body starts here.", "It goes on"}},
		{"Abbreviation", "Announcement No. 62 took effect on Oct. 9 in Beijing. Then more.", []string{"Announcement No. 62 took effect on Oct. 9 in Beijing.", "Then more."}},
		{"DottedUSInside", "The U.S. Department of Defense signed.", []string{"The U.S. Department of Defense signed."}},
		{"DottedUSAtEnd", "It ships to the U.S. The deal is new.", []string{"It ships to the U.S.", "The deal is new."}},
		{"Decimal", "Prices rose 3.5 percent. Then fell.", []string{"Prices rose 3.5 percent.", "Then fell."}},
		{"Quote", `He said "no." Then left.`, []string{`He said "no."`, "Then left."}},
		{"LowerAfterStop", "e.g. gallium and so on. Next.", []string{"e.g. gallium and so on.", "Next."}},
		{"Bullet", "- October 2025: China announces\n- November 8, 2025: effective", []string{"- October 2025: China announces", "- November 8, 2025: effective"}},
		{"Empty", "  \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := lex.Scan(tt.in)
			var got []string
			for _, s := range x.Sentences() {
				got = append(got, tt.in[s.Start:s.End])
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	ref := orewatch.MustParseDate("2025-10-10") // a Friday
	type d struct {
		text, date string
		year       int
	}
	tests := []struct {
		name string
		in   string
		ref  orewatch.Date
		want []d
	}{
		{"MonthDayYear", "effective November 8, 2025.", ref, []d{{"November 8, 2025", "2025-11-08", 2025}}},
		{"DayMonthYear", "on 8 November 2025 it", ref, []d{{"8 November 2025", "2025-11-08", 2025}}},
		{"Ordinal", "the 8th of November, 2025", ref, []d{{"8th of November, 2025", "2025-11-08", 2025}}},
		{"ISO", "from 2025-11-08 on", ref, []d{{"2025-11-08", "2025-11-08", 2025}}},
		{"AbbrevNoYear", "on Nov. 8 it", ref, []d{{"Nov. 8", "2025-11-08", 2025}}},
		{"YearlessClosest", "since December 3", orewatch.MustParseDate("2026-01-05"), []d{{"December 3", "2025-12-03", 2025}}},
		{"MonthOnly", "October 2025: China", ref, []d{{"October 2025", "2025-10", 2025}}},
		{"MonthWithPrep", "in April it", ref, []d{{"April", "2025-04", 2025}}},
		{"MidMonth", "by mid-October", ref, []d{{"October", "2025-10", 2025}}},
		{"LastMonthName", "last October", ref, []d{{"October", "2024-10", 2024}}},
		{"MayIsVerb", "China May restrict; prices may rise", ref, nil},
		{"Weekday", "said on Thursday", ref, []d{{"Thursday", "2025-10-09", 2025}}},
		{"WeekdaySameDay", "on Friday", ref, []d{{"Friday", "2025-10-10", 2025}}},
		{"LastWeekday", "last Friday", ref, []d{{"Friday", "2025-10-03", 2025}}},
		{"WeekdayOfFullDate", "Thursday, October 9, 2025", ref, []d{{"October 9, 2025", "2025-10-09", 2025}}},
		{"Yesterday", "Yesterday, MOFCOM", ref, []d{{"Yesterday", "2025-10-09", 2025}}},
		{"LastMonth", "last month", ref, []d{{"last month", "2025-09", 2025}}},
		{"ThisWeek", "this week", ref, []d{{"this week", "2025-10", 2025}}},
		{"WeekAcrossMonths", "this week", orewatch.MustParseDate("2025-10-01"), nil},
		{"LastYear", "last year", ref, []d{{"last year", "", 2024}}},
		{"BareYear", "in 2023 and 18 of 2025", ref, []d{{"2023", "", 2023}, {"2025", "", 2025}}},
		{"NoRefSkipsRelative", "on Thursday, in April, Nov. 8", orewatch.Date{}, nil},
		{"Range", "October 25-27, 2025", ref, []d{{"October 25-27, 2025", "2025-10-25", 2025}}},
		{"BadDay", "February 30, 2025", ref, nil},
		{"Percent", "May 60% of", ref, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []d
			for _, m := range lex.Scan(tt.in).Dates(tt.ref) {
				got = append(got, d{tt.in[m.Start:m.End], m.Date.String(), m.Year})
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(d{})); diff != "" {
				t.Errorf("Dates(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestQuantities(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []lex.Quantity
	}{
		{"PercentOf", "controlling over 60% of production and", []lex.Quantity{{Value: 60, Unit: "%", Qualifier: "over", Of: "production"}}},
		{"SpacedPercent", "90 % of refining", []lex.Quantity{{Value: 90, Unit: "%", Of: "refining"}}},
		{"PercentWord", "about 70 per cent of the world's supply.", []lex.Quantity{{Value: 70, Unit: "%", Qualifier: "about", Of: "the world's supply"}}},
		{"Range", "60-70% of output", []lex.Quantity{{Value: 60, Hi: 70, Unit: "%", Of: "output"}}},
		{"Tonnes", "a quota of 18,125 tonnes for", []lex.Quantity{{Value: 18125, Unit: "t", Head: "quota"}}},
		{"MetricTons", "270,000 metric tons of rare earths", []lex.Quantity{{Value: 270000, Unit: "t", Of: "rare earths"}}},
		{"Kilotonnes", "96.6 kt", []lex.Quantity{{Value: 96600, Unit: "t"}}},
		{"DollarMillion", "about $500 million in", []lex.Quantity{{Value: 5e8, Unit: "USD", Qualifier: "about"}}},
		{"USDm", "USD 400m of preferred", []lex.Quantity{{Value: 4e8, Unit: "USD", Of: "preferred"}}},
		{"USDollar", "US$1.2bn", []lex.Quantity{{Value: 1.2e9, Unit: "USD"}}},
		{"BareNumber", "Announcement No. 62", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lex.Scan(tt.in).Quantities()
			for i := range got {
				got[i].Start, got[i].End = 0, 0
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Quantities(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzDates(f *testing.F) {
	f.Add("effective November 8, 2025; on Thursday; last month; 2025-11-08; 8th of Nov.", int64(20251010))
	f.Add("mid-October 25-27 in 2023 yesterday", int64(0))
	f.Fuzz(func(t *testing.T, s string, refNum int64) {
		var ref orewatch.Date
		if refNum > 0 {
			ref = orewatch.Date{Year: int(refNum/10000%3000) + 1, Month: time12(refNum / 100 % 100), Day: int(refNum%100)%28 + 1}
		}
		x := lex.Scan(s)
		prevEnd := 0
		for _, m := range x.Dates(ref) {
			if m.Start < prevEnd || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad span %d..%d (previous end %d, len %d)", m.Start, m.End, prevEnd, len(s))
			}
			prevEnd = m.End
			if !m.Date.IsZero() {
				if _, err := orewatch.ParseDate(m.Date.String()); err != nil {
					t.Fatalf("invalid date %v from %q: %v", m.Date, s[m.Start:m.End], err)
				}
			}
		}
		x.Sentences()
		x.Quantities()
	})
}

func time12(n int64) time.Month { return time.Month(n%12 + 1) }
