// Package shared finds the project's shared material (reference data, the
// extraction benchmark corpus, fixtures) for tests and benchmarks. It lives
// beside the repository, in ../shared, or where OREWATCH_SHARED points. A
// fresh clone has none: tests that need it skip, except under CI=true, where
// it must be present and they fail instead.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared folder, or "" when it cannot be found.
func Root() string {
	if d := os.Getenv("OREWATCH_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(filepath.Dir(dir), "shared")
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				return d
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of rel inside the shared folder. When it is missing
// the test is skipped with a message, or fails when CI=true.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root := Root()
	p := filepath.Join(root, rel)
	if root != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("shared material %s is missing, and CI=true requires it (set OREWATCH_SHARED or place shared/ beside the repository)", rel)
	}
	tb.Skipf("skipping: shared material %s not found (it sits beside the repository in ../shared; a fresh clone has none)", rel)
	return ""
}
