package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"orewatch"
	"orewatch/postgres"
	"orewatch/storetest"
)

// dsnEnv names the server the tests use; scripts/test.sh sets it.
const dsnEnv = "OREWATCH_TEST_POSTGRES"

var testDSN string

func TestMain(m *testing.M) {
	testDSN = os.Getenv(dsnEnv)
	if testDSN == "" {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "FAIL: %s is not set, and CI=true requires the PostgreSQL tests to run (use scripts/test.sh)\n", dsnEnv)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "postgres: skipping the PostgreSQL tests: %s is not set (scripts/test.sh starts a server and sets it)\n", dsnEnv)
	}
	os.Exit(m.Run())
}

// needServer skips the test when no server is configured.
func needServer(t testing.TB) {
	t.Helper()
	if testDSN == "" {
		t.Skipf("%s is not set", dsnEnv)
	}
}

// withParam returns dsn with the URL query parameter set.
func withParam(t testing.TB, dsn, key, value string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", dsnEnv, err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// freshSchema creates an empty schema for one test, dropped when it ends,
// and returns a DSN whose search_path selects it.
func freshSchema(t testing.TB) string {
	t.Helper()
	needServer(t)
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	conn, err := pgx.Connect(ctx, testDSN)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, testDSN)
		if err != nil {
			t.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withParam(t, testDSN, "search_path", schema)
}

// MustOpenDB opens a store in a fresh schema, closed when the test ends.
func MustOpenDB(t testing.TB) *postgres.DB {
	t.Helper()
	dsn := freshSchema(t)
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	needServer(t)
	storetest.Run(t, func(t *testing.T) orewatch.Store { return MustOpenDB(t) })
}

func TestOpenErrors(t *testing.T) {
	needServer(t)
	u, err := url.Parse(testDSN)
	if err != nil {
		t.Fatal(err)
	}
	pass, _ := u.User.Password()

	// A loopback port with nothing listening.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	refused := *u
	refused.Host = fmt.Sprintf("127.0.0.1:%d", closedPort)

	wrongPass := *u
	wrongPass.User = url.UserPassword(u.User.Username(), "not-the-password")
	noDB := *u
	noDB.Path = "/orewatch_no_such_database"
	noUser := *u
	noUser.User = url.UserPassword("orewatch_no_such_user", "x")

	cases := []struct {
		name string
		dsn  string
		code string
		want string // in the message
	}{
		{"Unreachable", withParam(t, refused.String(), "connect_timeout", "5"), orewatch.EUNAVAILABLE, "unreachable"},
		{"WrongPassword", wrongPass.String(), orewatch.EUNAVAILABLE, "authentication failed"},
		{"UnknownUser", noUser.String(), orewatch.EUNAVAILABLE, "authentication failed"},
		{"NoDatabase", noDB.String(), orewatch.EUNAVAILABLE, `database "orewatch_no_such_database" does not exist`},
		{"BadURL", "postgres://orewatch:s3cret@[::1/x", orewatch.EINVALID, "invalid connection string"},
		{"NoSchema", withParam(t, testDSN, "search_path", "orewatch_no_such_schema"), orewatch.EINVALID, "search_path"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			db, err := postgres.Open(ctx, tc.dsn)
			if err == nil {
				db.Close()
				t.Fatalf("got no error, want one saying %q", tc.want)
			}
			if got := orewatch.ErrorCode(err); got != tc.code {
				t.Errorf("got code %q (%v), want %q", got, err, tc.code)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to say %q", err, tc.want)
			}
			if pass != "" && strings.Contains(err.Error(), pass) || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("got %q: the message shows the password", err)
			}
		})
	}
}

func TestSchemaNewerThanProgram(t *testing.T) {
	dsn := freshSchema(t)
	ctx := context.Background()
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	db, err = postgres.Open(ctx, dsn)
	if err == nil {
		db.Close()
		t.Fatal("got no error opening a database with a newer schema, want one")
	}
	var e *orewatch.Error
	if !errors.As(err, &e) || e.Code != orewatch.EUNAVAILABLE || !strings.Contains(err.Error(), "99999") {
		t.Errorf("got %v, want an EUNAVAILABLE error naming version 99999", err)
	}
}

func TestConcurrentOpen(t *testing.T) {
	// Several processes starting at once migrate the schema once.
	dsn := freshSchema(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := postgres.Open(context.Background(), dsn)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestConcurrentSaveOfOneArticle(t *testing.T) {
	// Two sessions saving the same article at once: one creates it, the
	// other gets its ID back.
	dsn := freshSchema(t)
	ctx := context.Background()
	var dbs [2]*postgres.DB
	for i := range dbs {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	type result struct {
		res orewatch.SaveResult
		err error
	}
	for round := range 5 {
		results := make(chan result, 2)
		for _, db := range dbs {
			go func() {
				res, err := db.SaveArticle(ctx, &orewatch.Article{
					URL: "https://news.example.org/one", Title: "One story",
					Body:        "Congo replaced its cobalt export ban with quotas.",
					ContentHash: fmt.Sprintf("hash-%d", round),
				})
				results <- result{res, err}
			}()
		}
		a, b := <-results, <-results
		if a.err != nil || b.err != nil {
			t.Fatalf("round %d: got errors %v and %v", round, a.err, b.err)
		}
		if a.res.ID != b.res.ID || a.res.Created == b.res.Created {
			t.Errorf("round %d: got %+v and %+v, want one created and both with the same ID", round, a.res, b.res)
		}
	}
}

// FuzzSearchArticles checks that no query text makes the tsquery fail.
func FuzzSearchArticles(f *testing.F) {
	for _, s := range []string{`"rare AND (earth`, `a OR`, `-x`, `x:*`, `!x`, `a & b | c`, `<->`, `"`, "é", `\`} {
		f.Add(s)
	}
	if testDSN == "" {
		f.Skipf("%s is not set", dsnEnv)
	}
	db := MustOpenDB(f)
	_, err := db.SaveArticle(context.Background(), &orewatch.Article{
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
