package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	"orewatch/registry"
)

func TestMeasuresCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	tests := []struct {
		name string
		args []string
		code int
		want []string
		errs string
	}{
		{"ListAll", []string{"measures"}, exitOK, []string{"STATUS ON 2026-11-28", "COD-2025-ARECOMS-QUOTA", "30 measures"}, ""},
		{"InForceBans", []string{"measures", "--in-force", "2025-11-20", "--type", "export_ban"}, exitOK,
			[]string{"CHN-2024-46-1", "IDN-2019-ESDM-11", "2 measures"}, ""},
		{"ByMaterialAndState", []string{"measures", "--material", "cobalt", "--jurisdiction", "Congo-Kinshasa"}, exitOK,
			[]string{"COD-2025-ARECOMS-001", "ended 2025-10-16", "3 measures"}, ""},
		{"Show", []string{"measures", "show", "CHN-2025-57", "--date", "2025-11-20"}, exitOK,
			[]string{"Status on 2025-11-20:", "suspended by CHN-2025-70 until 2026-11-10; never applied", "Suspended by:", "v1  recorded"}, ""},
		{"ShowUnknown", []string{"measures", "show", "CHN-2025-5"}, exitFailure, nil, `did you mean: "CHN-2025-55"`},
		{"Diff", []string{"measures", "diff", "2025-11-06", "2025-11-10"}, exitOK,
			[]string{"2025-11-07  CHN-2025-57    suspended", "2025-11-08  CHN-2025-57    due, suspended", "2025-11-09  CHN-2024-46-2  suspended"}, ""},
		{"DiffNothing", []string{"measures", "diff", "2019-01-01", "2019-02-01"}, exitOK, []string{"No change in the registry"}, ""},
		// Bad flag values and arguments are usage errors (exit 2).
		{"DiffReversed", []string{"measures", "diff", "2025-11-10", "2025-11-06"}, exitUsage, nil, "D1 (2025-11-10) is after D2 (2025-11-06)"},
		{"DiffBadDay", []string{"measures", "diff", "2025-11-10", "2025-11-31"}, exitUsage, nil, "measures diff D2: invalid date"},
		{"BadType", []string{"measures", "--type", "embargo"}, exitUsage, nil, `--type: unknown measure type "embargo" (want one of licence_requirement`},
		{"BadInForce", []string{"measures", "--in-force", "2025-13-01"}, exitUsage, nil, "--in-force: invalid date"},
		{"UnknownJurisdiction", []string{"measures", "--jurisdiction", "XQZ"}, exitUsage, nil, `unknown country "XQZ"`},
		{"UnknownMaterial", []string{"measures", "--material", "dysprosum"}, exitUsage, nil, `did you mean: "dysprosium"`},
		{"UnknownSubcommand", []string{"measures", "shwo", "X"}, exitUsage, nil, `unknown subcommand "shwo"`},
		{"ExportBadFormat", []string{"measures", "export", "--format", "xml"}, exitUsage, nil, "csv or json"},
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

func TestMeasuresJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	code, out, errs := runAt(t, db, today, "", "measures", "--in-force", "2025-01-15", "--jurisdiction", "CHN", "--type", "export_ban", "--json")
	if code != exitOK {
		t.Fatal(errs)
	}
	var ms []*orewatch.Measure
	if err := json.Unmarshal([]byte(out), &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].ID != "CHN-2024-46-1" || ms[1].ID != "CHN-2024-46-2" {
		t.Errorf("got %d measures", len(ms))
	}
	code, out, _ = runAt(t, db, today, "", "measures", "show", "CHN-2024-46-2", "--json")
	var v measureView
	if err := json.Unmarshal([]byte(out), &v); code != exitOK || err != nil {
		t.Fatalf("exit %d: %v", code, err)
	}
	if v.Measure.ID != "CHN-2024-46-2" || len(v.History) != 1 || strings.Join(v.SuspendedBy, ",") != "CHN-2025-72" {
		t.Errorf("got %+v", v)
	}
}

// TestMeasuresImportExport exports the registry, reads it back, imports a
// correction as a new version, refuses a bad file, and answers as known
// before and after.
func TestMeasuresImportExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ow.db")
	seeded := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	later := seeded.Add(24 * time.Hour)

	code, full, errs := runAt(t, db, seeded, "", "measures", "export", "--format", "csv")
	if code != exitOK {
		t.Fatal(errs)
	}
	back, err := registry.ParseCSV(strings.NewReader(full), "export.csv", catalog.New())
	if err != nil || len(back) != 30 {
		t.Fatalf("export does not read back: %d measures, %v", len(back), err)
	}
	code, out, _ := runAt(t, db, later, full, "measures", "import", "-")
	if code != exitOK || !strings.Contains(out, "0 added, 0 revised, 30 unchanged") {
		t.Fatalf("re-importing the export: exit %d: %s", code, out)
	}

	// A correction: the note on CHN-2025-57 is reworded.
	corrected := strings.Replace(full, "Never applied. Covers metals", "Never applied; covers metals", 1)
	file := filepath.Join(dir, "corrected.csv")
	if err := os.WriteFile(file, []byte(corrected), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runAt(t, db, later, "", "measures", "import", file, "--json")
	var res orewatch.MeasureImportResult
	if code != exitOK || json.Unmarshal([]byte(out), &res) != nil || res != (orewatch.MeasureImportResult{Revised: 1, Unchanged: 29}) {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	code, out, _ = runAt(t, db, later, "", "measures", "show", "CHN-2025-57")
	if code != exitOK || !strings.Contains(out, "v2  recorded 2026-11-02T09:00:00Z (current)  changed: status_note") {
		t.Errorf("history after the correction:\n%s", out)
	}

	// A bad file imports nothing and names the line and field.
	bad := strings.Replace(corrected, "2025-11-08", "2025-11-31", 1)
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runAt(t, db, later.Add(time.Hour), "", "measures", "import", file)
	if code != exitFailure || !strings.Contains(errs, `field effective: invalid date "2025-11-31"`) {
		t.Errorf("bad import: exit %d: %s", code, errs)
	}
	code, out, _ = runAt(t, db, later.Add(time.Hour), "", "measures", "show", "CHN-2025-57", "--json")
	var v measureView
	if code != exitOK || json.Unmarshal([]byte(out), &v) != nil || len(v.History) != 2 {
		t.Errorf("the bad import changed the registry: %d versions", len(v.History))
	}

	// As known: before the registry was first loaded there is nothing to
	// answer from; on the day it was loaded, the answer is the record's.
	code, _, errs = runAt(t, db, later, "", "check", "gallium", "--from", "CHN", "--to", "USA", "--date", "2025-11-20", "--as-known", "2026-10-31")
	if code != exitFailure || !strings.Contains(errs, "held no measures") {
		t.Errorf("as known before loading: exit %d: %s", code, errs)
	}
	code, out, errs = runAt(t, db, later, "", "check", "gallium", "--from", "CHN", "--to", "USA", "--date", "2025-11-20", "--as-known", "2026-11-01")
	if code != exitOK || !strings.Contains(out, "LICENCE REQUIRED") || !strings.Contains(out, "Answered as the registry knew it at 2026-11-01T23:59:59") {
		t.Errorf("as known on the day of loading: exit %d: %s %s", code, out, errs)
	}
}
