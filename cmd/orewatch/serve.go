package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"orewatch"
	owhttp "orewatch/http"
)

// Service constructors, set in wire.go.
var (
	newRegistry  func(s orewatch.Store, cat orewatch.CatalogService) orewatch.RegistryService
	newAnalytics func(s orewatch.Store, reg orewatch.RegistryService, cat orewatch.CatalogService) orewatch.AnalyticsService
	// startPoller polls the stored feeds every interval until ctx ends.
	startPoller func(ctx context.Context, m *Main, s orewatch.Store, interval time.Duration) error
)

func init() {
	register(&command{name: "serve", summary: "serve the HTTP API (and poll feeds)", run: runServe})
}

func runServe(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("serve", "serve [--addr 127.0.0.1:8080] [--poll 30m] [--db DSN]",
		"Serve the JSON API under /api/v1 (health at /healthz) until interrupted,\npolling the stored feeds on a schedule.")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	poll := fs.Duration("poll", 30*time.Minute, "feed polling interval (0 disables polling)")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %q", pos[0])
	}
	if *poll < 0 {
		return usagef("serve: --poll must not be negative")
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	srv := m.newServer(store)
	srv.Addr = *addr
	if err := srv.Open(); err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	defer srv.Close()
	fmt.Fprintf(m.Stderr, "orewatch %s serving on %s\n", orewatch.Version, srv.URL())

	if *poll > 0 && startPoller != nil {
		go func() {
			if err := startPoller(ctx, m, store, *poll); err != nil && ctx.Err() == nil {
				slog.Error("feed poller stopped", "err", err)
			}
		}()
	}
	<-ctx.Done()
	return nil
}

// newServer builds the HTTP server over the store and the services.
func (m *Main) newServer(store orewatch.Store) *owhttp.Server {
	srv := owhttp.NewServer()
	srv.Store = store
	srv.Catalog = m.Catalog()
	srv.Now = m.Now
	if newRegistry != nil {
		srv.Registry = newRegistry(store, srv.Catalog)
	}
	if newAnalytics != nil {
		srv.Analytics = newAnalytics(store, srv.Registry, srv.Catalog)
	}
	return srv
}
