package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// run runs the command line against a fresh Main and returns exit code,
// stdout and stderr. db is passed through OREWATCH_DB.
func run(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb syncBuffer
	m := NewMain()
	m.Stdin = strings.NewReader("")
	m.Stdout, m.Stderr = &out, &errb
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

func TestExitCodes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stdout or stderr
	}{
		{"NoArgs", nil, exitUsage, "Usage: orewatch COMMAND"},
		{"Help", []string{"help"}, exitOK, "Commands:"},
		{"Version", []string{"version"}, exitOK, "orewatch "},
		{"UnknownCommand", []string{"prodution"}, exitUsage, `did you mean "production"`},
		{"BadFlag", []string{"production", "rare earths", "--year", "abc"}, exitUsage, "invalid value"},
		{"CommandHelp", []string{"production", "--help"}, exitOK, "Usage: orewatch production"},
		{"UnknownMaterial", []string{"production", "dysprosum"}, exitFailure, "dysprosium"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := run(t, db, tc.args...)
			if code != tc.code {
				t.Fatalf("exit code: got %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if !strings.Contains(out+errs, tc.want) {
				t.Fatalf("output lacks %q\nstdout: %s\nstderr: %s", tc.want, out, errs)
			}
		})
	}
}

// TestEveryCommandHasHelp checks that --help works on every command.
func TestEveryCommandHasHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			code, out, errs := run(t, db, name, "--help")
			if code != exitOK || !strings.Contains(out, "Usage: orewatch "+name) {
				t.Fatalf("%s --help: exit %d\nstdout: %s\nstderr: %s", name, code, out, errs)
			}
		})
	}
}

// TestServe boots the whole program on a random port with a fresh SQLite
// store and reads the API.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ow.db")
	var out, errb syncBuffer
	m := NewMain()
	m.Stdout, m.Stderr = &out, &errb
	m.Getenv = func(k string) string {
		if k == "OREWATCH_DB" {
			return db
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--poll", "0"}) }()
	defer func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve exit code %d: %s", code, errb.String())
		}
		m.Close()
	}()

	re := regexp.MustCompile(`serving on (http://\S+)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if mm := re.FindStringSubmatch(errb.String()); mm != nil {
			base = mm[1]
			break
		}
	}
	if base == "" {
		t.Fatalf("server did not start: %s", errb.String())
	}
	get := func(path string, wantStatus int) []byte {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != wantStatus {
			t.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, wantStatus, b)
		}
		return b
	}
	var health map[string]string
	if err := json.Unmarshal(get("/healthz", 200), &health); err != nil || health["status"] != "ok" {
		t.Fatalf("healthz: %v %v", health, err)
	}
	get("/api/v1/materials", 200)
	get("/api/v1/materials/Dy", 200)
	get("/api/v1/materials/dysprosum", 404)
}
