package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagValues checks that a bad flag value is a usage error naming the
// flag and what it accepts, that every command takes --db, and that inputs
// which cannot be read are named in the message.
func TestFlagValues(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ow.db")
	bin := filepath.Join(dir, "bin.html")
	if err := os.WriteFile(bin, []byte("\x00\x01\x02\x03binary\x00\xff\xfe"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "elsewhere.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string // each in stdout or stderr
	}{
		{"EventsBadType", []string{"events", "--type", "bogus"}, exitUsage, []string{"--type", `"bogus"`, "export_control", "supply_agreement"}},
		{"EventsTypeSuggests", []string{"events", "--type", "export"}, exitUsage, []string{"--type", `did you mean: "export_control"`}},
		{"EventsSinceAfterUntil", []string{"events", "--since", "2025-10-01", "--until", "2025-01-01"}, exitUsage, []string{"--since 2025-10-01 is after --until 2025-01-01"}},
		{"EventsGoodType", []string{"events", "--type", "export-control"}, exitOK, nil},
		{"ProductionYearTooEarly", []string{"production", "nickel", "--year", "1850"}, exitUsage, []string{"--year", "1900", "2200", "1850"}},
		{"ProductionYearTooLate", []string{"production", "nickel", "--year", "20245"}, exitUsage, []string{"--year", "20245"}},
		{"ProductionNegativeYear", []string{"production", "nickel", "--year", "-1"}, exitUsage, []string{"--year"}},
		{"VersionExtra", []string{"version", "extra"}, exitUsage, []string{"version takes no arguments", `"extra"`}},
		{"VersionDB", []string{"version", "--db", other}, exitOK, []string{"orewatch "}},
		{"MaterialsDB", []string{"materials", "--db", other, "--kind", "group"}, exitOK, []string{"rare earths"}},
		{"CountriesDB", []string{"countries", "Burma", "--db", other}, exitOK, []string{"MMR"}},
		{"ExtractDB", []string{"extract", filepath.Join(testPages, "gallium.html"), "--db", other}, exitOK, []string{"gallium"}},
		{"ExtractBinaryNamesFile", []string{"extract", bin}, exitFailure, []string{bin + ": not an HTML page"}},
		{"IngestMissing", []string{"ingest", filepath.Join(dir, "nonexistent")}, exitFailure, []string{filepath.Join(dir, "nonexistent") + ": no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, db, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(out+errs, w) {
					t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", w, out, errs)
				}
			}
		})
	}
	if _, err := os.Stat(other); err == nil {
		t.Errorf("a command that does not use the store created %s", other)
	}
}

// TestFeedsListNullTimes checks that a feed never checked lists its times as
// null, not as the year 1.
func TestFeedsListNullTimes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	if code, out, errs := run(t, db, "feeds", "add", "https://example.org/feed.xml"); code != exitOK {
		t.Fatalf("feeds add: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, db, "feeds", "list", "--json")
	if code != exitOK {
		t.Fatalf("feeds list: exit %d\n%s", code, errs)
	}
	for _, want := range []string{`"last_checked_at": null`, `"url": "https://example.org/feed.xml"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s\n%s", want, out)
		}
	}
	if strings.Contains(out, "0001-01-01") {
		t.Errorf("a zero time is written as a date:\n%s", out)
	}
}
