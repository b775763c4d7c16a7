package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"orewatch"
)

// Backends and seeders, set in wire.go: the one file that names every
// adapter package.
var (
	openSQLite   func(ctx context.Context, path string) (orewatch.Store, error)
	openPostgres func(ctx context.Context, dsn string) (orewatch.Store, error)
	newCatalog   func() orewatch.CatalogService
	// seeders load the embedded datasets into a store that lacks them; each
	// must do nothing when its data is already stored.
	seeders []func(ctx context.Context, m *Main, s orewatch.Store) error
)

// Catalog returns the materials and countries catalogue.
func (m *Main) Catalog() orewatch.CatalogService {
	if m.catalog == nil {
		m.catalog = newCatalog()
	}
	return m.catalog
}

// Store opens the configured store once, applies its migrations and loads
// the embedded reference data and registry on first start.
func (m *Main) Store(ctx context.Context) (orewatch.Store, error) {
	if m.store != nil {
		return m.store, nil
	}
	dsn := m.Config.DB
	var (
		s   orewatch.Store
		err error
	)
	if isPostgres(dsn) {
		if openPostgres == nil {
			return nil, fmt.Errorf("this build has no PostgreSQL support")
		}
		s, err = openPostgres(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("cannot open PostgreSQL store: %w", err)
		}
	} else {
		if dsn == "" {
			if dsn, err = m.defaultDBPath(); err != nil {
				return nil, err
			}
		}
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("cannot open SQLite store %s: %w", dsn, err)
			}
		}
		s, err = openSQLite(ctx, dsn)
		if err != nil {
			return nil, fmt.Errorf("cannot open SQLite store %s: %w", dsn, err)
		}
	}
	for _, seed := range seeders {
		if err := seed(ctx, m, s); err != nil {
			s.Close()
			return nil, fmt.Errorf("cannot load embedded data: %w", err)
		}
	}
	m.store = s
	return s, nil
}
