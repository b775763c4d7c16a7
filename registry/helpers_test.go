package registry_test

import (
	"sync"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/registry"
)

var (
	engineOnce sync.Once
	engine     *registry.Engine
	engineErr  error
)

// mustEngine returns an engine over the embedded registry and the real
// catalogue, built once for the whole test binary (an Engine is safe for
// concurrent use and never changes).
func mustEngine(tb testing.TB) *registry.Engine {
	tb.Helper()
	engineOnce.Do(func() {
		cat := catalog.New()
		ms, err := registry.Embedded(cat)
		if err != nil {
			engineErr = err
			return
		}
		engine, engineErr = registry.NewEngine(ms, cat)
	})
	if engineErr != nil {
		tb.Fatalf("building the engine: %v", engineErr)
	}
	return engine
}

func day(s string) orewatch.Date { return orewatch.MustParseDate(s) }

func appliedIDs(d *orewatch.Determination) []string {
	out := []string{}
	for _, a := range d.Applied {
		out = append(out, a.ID)
	}
	return out
}
