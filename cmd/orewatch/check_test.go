package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orewatch"
)

// runAt runs the command line with the clock at now and returns exit code,
// stdout and stderr.
func runAt(t *testing.T, db string, now time.Time, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb syncBuffer
	m := NewMain()
	m.Stdin = strings.NewReader(stdin)
	m.Stdout, m.Stderr = &out, &errb
	m.Now = func() time.Time { return now }
	m.Getenv = func(k string) string {
		if k == "OREWATCH_DB" {
			return db
		}
		return ""
	}
	code := m.Run(context.Background(), args)
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return code, out.String(), errb.String()
}

var today = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func TestCheckCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	tests := []struct {
		name string
		args []string
		code int
		want []string // in stdout
		errs string   // in stderr
	}{
		{"Text", []string{"check", "gallium", "--from", "CHN", "--to", "USA", "--date", "2025-11-20"}, exitOK,
			[]string{"gallium: LICENCE REQUIRED", "CHN-2023-23", "Suspended on the day:", "CHN-2024-46-2    by CHN-2025-72 until 2026-11-27"}, ""},
		{"FlagsBeforeItemAndNames", []string{"check", "--from", "China", "--to", "United States", "Ga", "--date", "2025-01-15"}, exitOK,
			[]string{"Ga: PROHIBITED", "CHN-2024-46-2"}, ""},
		{"DefaultDateToday", []string{"check", "holmium", "--from", "CHN", "--to", "DEU"}, exitOK,
			[]string{"on 2026-11-28", "Suspension lapsed (verify", "CHN-2025-57      CHN-2025-70 lapsed on 2026-11-10"}, ""},
		{"Military", []string{"check", "dysprosium", "--from", "CHN", "--to", "JPN", "--date", "2026-02-01", "--end-use", "military"}, exitOK,
			[]string{"PROHIBITED", "CHN-2026-01"}, ""},
		{"DeMinimis", []string{"check", "NdFeB magnets", "--from", "DEU", "--to", "USA", "--made-in", "DEU", "--content-share", "0.5"}, exitOK,
			[]string{"LICENCE REQUIRED", "CHN-2025-61-B", "0.1% de minimis"}, ""},
		{"UnknownItem", []string{"check", "dysprosum", "--from", "CHN", "--to", "USA"}, exitFailure, nil, `did you mean: "dysprosium"`},
		{"UnknownCountry", []string{"check", "gallium", "--from", "Chna", "--to", "USA"}, exitFailure, nil, `"China"`},
		{"MissingTo", []string{"check", "gallium", "--from", "CHN"}, exitUsage, nil, "--to is required"},
		{"NoItem", []string{"check", "--from", "CHN", "--to", "USA"}, exitUsage, nil, "check needs an ITEM"},
		{"BadDate", []string{"check", "gallium", "--from", "CHN", "--to", "USA", "--date", "2025-02-30"}, exitUsage, nil, "no such day"},
		{"BadEndUse", []string{"check", "gallium", "--from", "CHN", "--to", "USA", "--end-use", "dual"}, exitUsage, nil, "civil or military"},
		{"CSVWithoutBOM", []string{"check", "gallium", "--from", "CHN", "--to", "USA", "--csv"}, exitUsage, nil, "--csv applies to --bom only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runAt(t, db, today, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errs, tc.errs) {
				t.Errorf("stderr lacks %q:\n%s", tc.errs, errs)
			}
		})
	}
}

func TestCheckJSONContract(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	code, out, errs := runAt(t, db, today, "", "check", "gallium", "--from", "CHN", "--to", "USA", "--date", "2025-11-20", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"item", "materials", "from", "to", "date", "end_use", "decision", "applied", "suspended", "upcoming", "lapsed", "explanation"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	var d orewatch.Determination
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	want := orewatch.SuspendedRef{ID: "CHN-2024-46-2", SuspendedBy: "CHN-2025-72", Until: orewatch.MustParseDate("2026-11-27")}
	if d.Decision != orewatch.DecisionLicence || len(d.Suspended) != 1 || d.Suspended[0] != want || d.Applied[0].ID != "CHN-2023-23" {
		t.Errorf("got %s applied %v suspended %v", d.Decision, d.Applied, d.Suspended)
	}
}

func TestCheckBOMCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ow.db")
	bomPath := filepath.Join(dir, "bom.csv")
	bom := "part,item,origin,destination,date,end_use\nP-1,gallium,CHN,USA,2025-01-15,\nP-2,dysprosum,CHN,USA,,\nP-3,Dy,CHN,JPN,,military\nP-4,gallium,CHN,USA,2025-13-01,\n"
	if err := os.WriteFile(bomPath, []byte(bom), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("TextWithBadLines", func(t *testing.T) {
		code, out, errs := runAt(t, db, today, "", "check", "--bom", bomPath)
		if code != exitFailure {
			t.Fatalf("exit %d, want 1 for bad lines", code)
		}
		for _, w := range []string{
			"line 2: P-1 gallium CHN→USA 2025-01-15 civil: prohibited [CHN-2024-46-2 CHN-2023-23]",
			"line 4: P-3 Dy CHN→JPN 2026-11-28 military: prohibited [CHN-2026-01 CHN-2025-18]",
			"4 lines, 2 screened",
		} {
			if !strings.Contains(out, w) {
				t.Errorf("stdout lacks %q:\n%s", w, out)
			}
		}
		for _, w := range []string{"bom.csv: line 3: unknown item \"dysprosum\"", "bom.csv: line 5, column 21 (date)", "2 of 4 lines could not be screened"} {
			if !strings.Contains(errs, w) {
				t.Errorf("stderr lacks %q:\n%s", w, errs)
			}
		}
	})
	t.Run("JSONLinesFromStdin", func(t *testing.T) {
		code, out, _ := runAt(t, db, today, "P-1,gallium,CHN,USA\n", "check", "--bom", "-", "--json", "--date", "2025-11-20")
		if code != exitOK {
			t.Fatalf("exit %d", code)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 || !strings.Contains(lines[0], `"decision":"licence_required"`) || !strings.HasPrefix(lines[1], `{"summary":{"lines":1,"screened":1`) {
			t.Errorf("got:\n%s", out)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		code, out, _ := runAt(t, db, today, "P-1,cobalt,COD,CHN,2025-06-30\n", "check", "--bom", "-", "--csv")
		if code != exitOK || !strings.Contains(out, "1,P-1,cobalt,COD,CHN,2025-06-30,civil,prohibited,COD-2025-ARECOMS-001,,,,") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("FromDoesNotApply", func(t *testing.T) {
		if code, _, errs := runAt(t, db, today, "", "check", "--bom", bomPath, "--from", "CHN"); code != exitUsage || !strings.Contains(errs, "--from does not apply") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
	t.Run("MissingFile", func(t *testing.T) {
		if code, _, errs := runAt(t, db, today, "", "check", "--bom", filepath.Join(dir, "none.csv")); code != exitFailure || !strings.Contains(errs, "cannot read the bill of materials") {
			t.Errorf("exit %d: %s", code, errs)
		}
	})
}
