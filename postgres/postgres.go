// Package postgres is the orewatch.Store for teams, on PostgreSQL through
// pgx. It keeps what the sqlite store keeps, with the same semantics (the
// storetest suite checks both): list fields are text[] or jsonb, dates text
// in the "C" collation, times timestamptz, and full-text search a generated
// tsvector column with a GIN index. Migrations are embedded and applied at
// Open under an advisory lock, so several processes may start at once.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"orewatch"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the PostgreSQL store.
type DB struct {
	pool *pgxpool.Pool

	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

var _ orewatch.Store = (*DB)(nil)

// Open connects to the PostgreSQL server named by dsn (a postgres:// URL or
// a key=value string; a search_path parameter selects the schema) and
// brings the schema up to date. It says why a server cannot be used:
// unreachable, authentication failed, no such database, or a schema newer
// than this program knows. Messages never include the password.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, orewatch.Errorf(orewatch.EINVALID, "open postgres: invalid connection string %s", redact(dsn))
	}
	cc := cfg.ConnConfig
	where := fmt.Sprintf("%s@%s/%s", cc.User, net.JoinHostPort(cc.Host, fmt.Sprint(cc.Port)), cc.Database)
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = 10 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	db := &DB{pool: pool, Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", where, describeConnectError(err, cc))
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	return db, nil
}

// redact replaces the password of a URL-shaped dsn with "xxxxx".
func redact(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return "(not shown: not a URL)"
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return dsn
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return dsn
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}

// describeConnectError turns the usual failures into plain reasons.
func describeConnectError(err error, cc *pgx.ConnConfig) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return orewatch.Errorf(orewatch.EUNAVAILABLE, "authentication failed for user %q: %s", cc.User, pe.Message)
		case "3D000":
			return orewatch.Errorf(orewatch.EUNAVAILABLE, "database %q does not exist", cc.Database)
		case "42501":
			return orewatch.Errorf(orewatch.EUNAVAILABLE, "permission denied: %s", pe.Message)
		}
	}
	var ne net.Error
	var oe *net.OpError
	if errors.As(err, &oe) || errors.As(err, &ne) || strings.Contains(err.Error(), "connect: connection refused") {
		return orewatch.Errorf(orewatch.EUNAVAILABLE, "server unreachable: %v", err)
	}
	return err
}

// migrate applies the embedded migrations under a session advisory lock
// keyed to the current schema, and refuses a schema newer than the newest
// migration this program carries.
func (db *DB) migrate(ctx context.Context) error {
	var schema string
	if err := db.pool.QueryRow(ctx, `SELECT coalesce(current_schema(), '')`).Scan(&schema); err != nil {
		return err
	}
	if schema == "" {
		return orewatch.Errorf(orewatch.EINVALID, "no schema to create tables in: the search_path names none that exists")
	}
	h := fnv.New64a()
	h.Write([]byte("orewatch migrations " + schema))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64())), lock.WithLockTimeout(1, 120))
	if err != nil {
		return err
	}
	sub, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		return err
	}
	sqldb := stdlib.OpenDBFromPool(db.pool)
	defer sqldb.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqldb, sub,
		goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	srcs := p.ListSources()
	known := srcs[len(srcs)-1].Version
	if v, err := p.GetDBVersion(ctx); err == nil && v > known {
		return orewatch.Errorf(orewatch.EUNAVAILABLE,
			"the database schema is version %d, newer than this orewatch knows (%d): use a newer orewatch", v, known)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate schema %s: %w", schema, err)
	}
	return nil
}

// Close closes the connection pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// now is the store's clock in UTC at the precision times are stored.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// write runs fn in a transaction and commits it when fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, db.pool, fn)
}

// read runs fn in a read-only repeatable-read transaction, so that its
// queries see one snapshot.
func (db *DB) read(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

// wrap annotates err with the method and key argument and maps constraint
// violations to ECONFLICT. An *orewatch.Error inside keeps its code and
// message for orewatch.ErrorCode and orewatch.ErrorMessage.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	if c := conflict(err); c != nil {
		err = c
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// conflict returns an ECONFLICT error for an integrity constraint violation,
// or nil.
func conflict(err error) *orewatch.Error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || !strings.HasPrefix(pe.Code, "23") {
		return nil
	}
	switch pe.Code {
	case "23505":
		return orewatch.Errorf(orewatch.ECONFLICT, "already exists (%s)", pe.ConstraintName)
	case "23503":
		return orewatch.Errorf(orewatch.ECONFLICT, "refers to a record that does not exist (%s)", pe.ConstraintName)
	}
	return orewatch.Errorf(orewatch.ECONFLICT, "constraint failed (%s)", pe.Message)
}

// isUnique reports whether err is a unique violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// timeArg is t for a timestamptz parameter, or NULL for the zero time.
func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// nullTime scans a timestamptz, or NULL as the zero time, in UTC.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.t = time.Time{}
		return nil
	case time.Time:
		*n.t = v.UTC()
		return nil
	}
	return fmt.Errorf("cannot scan %T into a time", src)
}

// nullString is "" as NULL (for unique columns where "" means unknown).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
