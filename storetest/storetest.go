// Package storetest is the conformance suite every orewatch.Store must pass.
// The sqlite and postgres tests both call Run, so the two backends cannot
// drift apart: what one accepts, refuses, returns and orders, so does the
// other.
//
// The figures and measures it stores are real (USGS Mineral Commodity
// Summaries 2025 and 2026 data releases; the measures registry), and the
// article texts were written for these tests from public facts.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

// OpenFunc opens a new, empty store for one test and arranges for it to be
// closed (and removed) when the test ends.
type OpenFunc func(t *testing.T) orewatch.Store

// Run runs the conformance suite against stores made by open. Each test
// opens its own store, and the groups run in parallel.
func Run(t *testing.T, open OpenFunc) {
	groups := []struct {
		name string
		run  func(t *testing.T, open OpenFunc)
	}{
		{"Reference", testReference},
		{"Measures", testMeasures},
		{"Articles", testArticles},
		{"Events", testEvents},
		{"Search", testSearch},
		{"Feeds", testFeeds},
		{"Concurrency", testConcurrency},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			t.Parallel()
			g.run(t, open)
		})
	}
}

// ctx returns a context for one test, cancelled when it ends.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// wantCode fails the test unless err is an orewatch error with code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := orewatch.ErrorCode(err); got != code {
		t.Fatalf("got error code %q (%v), want %q", got, err, code)
	}
	var e *orewatch.Error
	if !errors.As(err, &e) || e.Message == "" {
		t.Fatalf("got error %v, want an *orewatch.Error with a message", err)
	}
}

// must fails the test on an error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// diff fails the test when got differs from want, printing (-want +got).
func diff(t *testing.T, what string, want, got any, opts ...cmp.Option) {
	t.Helper()
	if d := cmp.Diff(want, got, opts...); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func ptr[T any](v T) *T { return &v }
