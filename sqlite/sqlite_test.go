package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"orewatch"
	"orewatch/sqlite"
	"orewatch/storetest"
)

// MustOpenDB opens a new database file in a temporary directory, closed
// when the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "orewatch.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) orewatch.Store { return MustOpenDB(t) })
}

func TestConformanceInMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		// The file-backed run covers the same Go code; under the race
		// detector a second run of the whole suite costs more than it finds.
		t.Skip("skipping the in-memory run of the suite under -race or -short")
	}
	storetest.Run(t, func(t *testing.T) orewatch.Store {
		db, err := sqlite.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("these are not the tables you are looking for\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		path string
		want string // in the error message
	}{
		{"Empty", "", "path is empty"},
		{"MissingDirectory", filepath.Join(dir, "no", "such", "dir", "x.db"), "does not exist"},
		{"Directory", dir, "is a directory"},
		{"NotADatabase", notDB, "not a SQLite database"},
		{"ParentIsAFile", filepath.Join(notDB, "x.db"), "is not a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db, err := sqlite.Open(context.Background(), tc.path)
			if err == nil {
				db.Close()
				t.Fatalf("got no error, want one saying %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to say %q", err, tc.want)
			}
			if tc.path != "" && !strings.Contains(err.Error(), tc.path) {
				t.Errorf("got %q, want it to name the path %s", err, tc.path)
			}
		})
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "odd name?#%.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateFeed(ctx, &orewatch.Feed{URL: "https://news.example.org/rss"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not at its path: %v", err)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feeds, err := db.FindFeeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 1 {
		t.Errorf("got %d feeds after reopening, want 1", len(feeds))
	}
}

func TestSchemaNewerThanProgram(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orewatch.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, 1)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = sqlite.Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("got no error opening a database with a newer schema, want one")
	}
	var e *orewatch.Error
	if !errors.As(err, &e) || e.Code != orewatch.EUNAVAILABLE || !strings.Contains(err.Error(), "99999") {
		t.Errorf("got %v, want an EUNAVAILABLE error naming version 99999", err)
	}
}

// FuzzSearchArticles checks that no query text makes the FTS5 query fail.
func FuzzSearchArticles(f *testing.F) {
	for _, s := range []string{`"rare AND (earth`, `NEAR(a b)`, `a OR`, `-x`, `title:x`, `x*`, `"`, `^`, "é", `a - b`} {
		f.Add(s)
	}
	db, err := sqlite.Open(context.Background(), ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	_, err = db.SaveArticle(context.Background(), &orewatch.Article{
		URL: "https://news.example.org/a", Title: "Rare earth export controls",
		Body: "China tightened rare-earth export controls (and licences) in October 2025.",
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := db.SearchArticles(context.Background(), q, 5)
		if err != nil && (orewatch.ErrorCode(err) != orewatch.EINVALID || strings.TrimSpace(q) != "") {
			t.Fatalf("SearchArticles(%q): %v", q, err)
		}
	})
}
