package main

// wire.go is the one place that names the adapter packages: the store
// backends, the catalogue, the embedded datasets and the services.

import (
	"context"

	"orewatch"
	"orewatch/catalog"
	"orewatch/postgres"
	"orewatch/refdata"
	"orewatch/registry"
	"orewatch/risk"
	"orewatch/sqlite"
)

func init() {
	openSQLite = func(ctx context.Context, path string) (orewatch.Store, error) {
		return sqlite.Open(ctx, path)
	}
	openPostgres = func(ctx context.Context, dsn string) (orewatch.Store, error) {
		return postgres.Open(ctx, dsn)
	}
	newCatalog = func() orewatch.CatalogService { return catalog.New() }
	seeders = append(seeders,
		func(ctx context.Context, m *Main, s orewatch.Store) error {
			return refdata.Seed(ctx, s)
		},
		func(ctx context.Context, m *Main, s orewatch.Store) error {
			return registry.Seed(ctx, s, m.Catalog(), m.Now())
		},
	)
	startPoller = runPoller
	newRegistry = func(s orewatch.Store, cat orewatch.CatalogService) orewatch.RegistryService {
		return registry.New(s, cat)
	}
	newAnalytics = func(s orewatch.Store, reg orewatch.RegistryService, cat orewatch.CatalogService) orewatch.AnalyticsService {
		wgi, err := refdata.WGI()
		if err != nil {
			wgi = nil // governance weighting is then reported as unavailable
		}
		svc := risk.NewService(s, reg, wgi)
		svc.Catalog = cat
		return svc
	}
}
