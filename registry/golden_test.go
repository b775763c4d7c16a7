package registry_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestDeterminationGolden keeps the whole `check --json` answer, explanation
// included, for the examples and for today, after both suspensions
// lapsed. Run with -update after a deliberate change and review the diff.
func TestDeterminationGolden(t *testing.T) {
	e := mustEngine(t)
	for _, tc := range []struct{ file, item, from, to, date string }{
		{"gallium-CHN-USA-2025-01-15.json", "gallium", "CHN", "USA", "2025-01-15"},
		{"gallium-CHN-USA-2025-11-20.json", "gallium", "CHN", "USA", "2025-11-20"},
		{"gallium-CHN-USA-2026-11-28.json", "gallium", "CHN", "USA", "2026-11-28"},
		{"holmium-CHN-DEU-2025-11-20.json", "holmium", "CHN", "DEU", "2025-11-20"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d, err := e.Check(q(tc.item, tc.from, tc.to, tc.date))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
			}
		})
	}
}
