package registry_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

func TestDiff(t *testing.T) {
	e := mustEngine(t)
	tests := []struct {
		name     string
		from, to string
		want     []string // "date id change [by]"
	}{
		{"NovemberSuspensions", "2025-11-06", "2025-11-10", []string{
			"2025-11-07 CHN-2025-55 suspended CHN-2025-70",
			"2025-11-07 CHN-2025-56 suspended CHN-2025-70",
			"2025-11-07 CHN-2025-57 suspended CHN-2025-70",
			"2025-11-07 CHN-2025-58 suspended CHN-2025-70",
			"2025-11-07 CHN-2025-61-A suspended CHN-2025-70",
			"2025-11-07 CHN-2025-61-B suspended CHN-2025-70",
			"2025-11-07 CHN-2025-62 suspended CHN-2025-70",
			"2025-11-08 CHN-2025-55 due_suspended CHN-2025-70",
			"2025-11-08 CHN-2025-56 due_suspended CHN-2025-70",
			"2025-11-08 CHN-2025-57 due_suspended CHN-2025-70",
			"2025-11-08 CHN-2025-58 due_suspended CHN-2025-70",
			"2025-11-09 CHN-2024-46-2 suspended CHN-2025-72",
		}},
		{"LapsesInNovember2026", "2026-11-09", "2026-11-28", []string{
			"2026-11-10 CHN-2025-55 lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-56 lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-57 lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-58 lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-61-A lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-61-B lapsed CHN-2025-70",
			"2026-11-10 CHN-2025-62 lapsed CHN-2025-70",
			"2026-11-27 CHN-2024-46-2 lapsed CHN-2025-72",
		}},
		{"DRCBanToQuota", "2025-09-01", "2025-10-31", []string{
			"2025-09-08 PAK-2025-USSM-FWO announced",
			"2025-09-20 COD-2025-ARECOMS-QUOTA announced",
			"2025-10-03 PAK-2025-SHIP1 announced",
			"2025-10-09 CHN-2025-55 announced",
			"2025-10-09 CHN-2025-56 announced",
			"2025-10-09 CHN-2025-57 announced",
			"2025-10-09 CHN-2025-58 announced",
			"2025-10-09 CHN-2025-61-B announced",
			"2025-10-09 CHN-2025-61-A in_force",
			"2025-10-09 CHN-2025-62 in_force",
			"2025-10-16 COD-2025-ARECOMS-QUOTA in_force",
			"2025-10-16 COD-2025-ARECOMS-001 ended",
			"2025-10-30 CHN-USA-2025-KL announced",
		}},
		{"SameDay", "2025-11-07", "2025-11-07", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := e.Diff(day(tc.from), day(tc.to))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, strings.TrimSpace(fmt.Sprintf("%s %s %s %s", c.Date, c.ID, c.Kind, c.By)))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if _, err := e.Diff(day("2025-11-10"), day("2025-11-01")); orewatch.ErrorCode(err) != orewatch.EINVALID {
		t.Errorf("reversed days: got %v, want an invalid error", err)
	}
}

func TestInForce(t *testing.T) {
	e := mustEngine(t)
	tests := []struct {
		name string
		f    orewatch.InForceFilter
		want string
	}{
		{"CobaltOnQuotaDay", orewatch.InForceFilter{Date: day("2025-10-16"), Material: "cobalt"}, "COD-2025-ARECOMS-EXT,COD-2025-ARECOMS-QUOTA"},
		{"BansOn2025-01-15", orewatch.InForceFilter{Date: day("2025-01-15"), Type: orewatch.MeasureExportBan}, "CHN-2024-46-1,CHN-2024-46-2,IDN-2019-ESDM-11"},
		{"BansOn2025-11-20", orewatch.InForceFilter{Date: day("2025-11-20"), Type: orewatch.MeasureExportBan}, "CHN-2024-46-1,IDN-2019-ESDM-11"},
		{"JurisdictionByName", orewatch.InForceFilter{Date: day("2025-06-01"), Jurisdiction: "Indonesia"}, "IDN-2019-ESDM-11"},
		{"AllSuspensions", orewatch.InForceFilter{Type: orewatch.MeasureSuspension}, "CHN-2025-70,CHN-2025-72"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := e.InForce(tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := idsOf(ms); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	for _, f := range []orewatch.InForceFilter{{Jurisdiction: "Atlantis"}, {Material: "unobtainium"}, {Type: "embargo"}} {
		if _, err := e.InForce(f); err == nil {
			t.Errorf("InForce(%+v): got no error", f)
		}
	}
}

func TestStatus(t *testing.T) {
	e := mustEngine(t)
	tests := []struct{ id, date, want string }{
		{"CHN-2025-57", "2025-10-20", "announced 2025-10-09; takes effect 2025-11-08"},
		{"CHN-2025-57", "2025-11-07", "suspended by CHN-2025-70 until 2026-11-10 before it took effect"},
		{"CHN-2025-57", "2025-11-20", "suspended by CHN-2025-70 until 2026-11-10; never applied"},
		{"CHN-2024-46-2", "2025-11-20", "suspended by CHN-2025-72 until 2026-11-27"},
		{"CHN-2024-46-2", "2026-11-28", "applies again since 2026-11-27, when suspension CHN-2025-72 lapsed (verify: no extension recorded)"},
		{"CHN-2025-57", "2026-11-28", "applies since 2026-11-10, when suspension CHN-2025-70 lapsed; it never applied before (verify: no extension recorded)"},
		{"COD-2025-ARECOMS-001", "2025-11-01", "ended 2025-10-16"},
		{"CHN-2025-GL", "2025-12-10", "announced 2025-12-04; effective date not known"},
		{"CHN-2023-23", "2024-01-01", "in force since 2023-08-01"},
	}
	for _, tc := range tests {
		if got := e.Status(tc.id, day(tc.date)); got != tc.want {
			t.Errorf("Status(%s, %s): got %q, want %q", tc.id, tc.date, got, tc.want)
		}
	}
}
