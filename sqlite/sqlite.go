// Package sqlite is the embedded orewatch.Store, on modernc.org/sqlite (pure
// Go, no cgo). The database runs in WAL mode with foreign keys on; writes go
// through one connection that takes the write lock when its transaction
// begins, while reads use a pool of read-only connections, so readers are
// never blocked by a writer. Migrations are embedded and applied at Open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"orewatch"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the SQLite store.
type DB struct {
	path string
	w    *sql.DB // the single writer connection
	r    *sql.DB // read-only connections (the writer itself for ":memory:")

	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

var _ orewatch.Store = (*DB)(nil)

// busyTimeout is how long a connection waits for another process's lock.
const busyTimeout = 10 * time.Second

// Open opens (creating it if needed) the SQLite database at path and brings
// its schema up to date. ":memory:" gives a private in-memory database on a
// single connection. Open refuses a database whose schema is newer than this
// program knows, and says why a path cannot be opened.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, orewatch.Errorf(orewatch.EINVALID, "sqlite: the database path is empty")
	}
	db := &DB{path: path, Now: time.Now}
	if path == ":memory:" {
		w, err := sql.Open("sqlite", dsn(":memory:", false))
		if err != nil {
			return nil, fmt.Errorf("open sqlite :memory:: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		db.w, db.r = w, w
	} else {
		if err := checkPath(path); err != nil {
			return nil, err
		}
		w, err := sql.Open("sqlite", dsn(path, false))
		if err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		db.w = w
		r, err := sql.Open("sqlite", dsn(path, true))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		n := max(4, runtime.NumCPU())
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		db.r = r
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, describeOpenError(err))
	}
	if err := migrate(ctx, db.w); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return db, nil
}

// dsn builds a SQLite URI for path. The writer begins its transactions with
// BEGIN IMMEDIATE, so it takes the write lock up front instead of failing
// with SQLITE_BUSY when a read turns into a write; readers are query-only.
func dsn(path string, readOnly bool) string {
	var b strings.Builder
	if path == ":memory:" {
		b.WriteString("file::memory:")
	} else {
		// In a URI, '%', '?' and '#' would be read as syntax.
		b.WriteString("file:")
		b.WriteString(strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path)))
	}
	fmt.Fprintf(&b, "?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", busyTimeout.Milliseconds())
	if path != ":memory:" {
		// synchronous=NORMAL is durable against application crashes in WAL
		// mode and loses at most the last commits on power loss.
		b.WriteString("&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	}
	if readOnly {
		b.WriteString("&_query_only=1")
	} else {
		b.WriteString("&_txlock=immediate")
	}
	return b.String()
}

// checkPath explains the common reasons a database path cannot be opened
// before SQLite reports them as a bare "unable to open database file".
func checkPath(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: directory %s does not exist", path, dir)
	case errors.Is(err, fs.ErrPermission):
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: permission denied on directory %s", path, dir)
	case err != nil:
		return fmt.Errorf("open sqlite %s: %w", path, err)
	case !st.IsDir():
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: %s is not a directory", path, dir)
	}
	st, err = os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("open sqlite %s: %w", path, err)
	case st.IsDir():
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: it is a directory, not a database file", path)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: permission denied", path)
	} else if err != nil {
		return fmt.Errorf("open sqlite %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n > 0 && string(head[:n]) != "SQLite format 3\x00"[:n] {
		return orewatch.Errorf(orewatch.EINVALID, "open sqlite %s: not a SQLite database", path)
	}
	return nil
}

func describeOpenError(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return orewatch.Errorf(orewatch.EINVALID, "not a SQLite database")
		case sqlite3.SQLITE_CANTOPEN:
			return fmt.Errorf("cannot open the file (check that it exists, is writable and its directory is writable): %w", err)
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return fmt.Errorf("the database is read-only: %w", err)
		}
	}
	return err
}

// migrate applies the embedded migrations, refusing a schema newer than the
// newest migration this program carries.
func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	known := p.ListSources()[len(p.ListSources())-1].Version
	if v, err := p.GetDBVersion(ctx); err == nil && v > known {
		return orewatch.Errorf(orewatch.EUNAVAILABLE,
			"the database schema is version %d, newer than this orewatch knows (%d): use a newer orewatch", v, known)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	var err error
	if db.r != nil && db.r != db.w {
		err = db.r.Close()
	}
	if db.w != nil {
		err = errors.Join(err, db.w.Close())
	}
	return err
}

// Path is the database file, or ":memory:".
func (db *DB) Path() string { return db.path }

// now is the store's clock in UTC at the precision times are stored.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// write runs fn in a write transaction and commits it when fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// read runs fn in a read transaction, so that its queries see one snapshot.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.r == db.w {
		opts = nil
	}
	tx, err := db.r.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// wrap annotates err with the method and key argument and maps constraint
// failures to ECONFLICT. An *orewatch.Error inside keeps its code and
// message for orewatch.ErrorCode and orewatch.ErrorMessage.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
		err = orewatch.Errorf(orewatch.ECONFLICT, "%s", constraintMessage(se))
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

func constraintMessage(se *sqlite.Error) string {
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return "already exists (" + strings.TrimPrefix(se.Error(), "constraint failed: ") + ")"
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return "refers to a record that does not exist"
	}
	return "constraint failed (" + se.Error() + ")"
}

// timeFormat stores times in UTC with fixed-width microseconds, so that text
// order is time order. Microseconds are also PostgreSQL's precision.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// timeValue is t as stored, or NULL for the zero time.
func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeFormat)
}

// timeBound is t as stored, for comparisons: the zero time is before all.
func timeBound(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

// nullTime scans a stored time, or NULL as the zero time.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.t = time.Time{}
		return nil
	case string:
		t, err := time.Parse(timeFormat, v)
		if err != nil {
			// Accept any RFC 3339 time written by hand or by other tools.
			if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
				return fmt.Errorf("invalid stored time %q", v)
			}
		}
		*n.t = t.UTC()
		return nil
	case time.Time:
		*n.t = v.UTC()
		return nil
	}
	return fmt.Errorf("cannot scan %T into a time", src)
}

// nullString stores "" as NULL (for unique columns where "" means unknown).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// placeholders returns "?, ?, ..." with n marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
