package registry_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	"orewatch/registry"
	"orewatch/sqlite"
)

func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "orewatch.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

var (
	t1 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	t2 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
)

func TestSeed(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	cat := catalog.New()
	if err := registry.Seed(ctx, db, cat, t1); err != nil {
		t.Fatal(err)
	}
	ms, err := db.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 30 {
		t.Fatalf("seeded %d measures, want 30", len(ms))
	}
	if err := registry.Seed(ctx, db, cat, t2); err != nil {
		t.Fatal(err)
	}
	h, err := db.MeasureHistory(ctx, "CHN-2025-72")
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || !h[0].RecordedAt.Equal(t1) {
		t.Errorf("seeding again changed the registry: %d versions, first recorded %v", len(h), h[0].RecordedAt)
	}
	// Loading the same data again through the store changes nothing either.
	again, err := registry.Embedded(cat)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.PutMeasures(ctx, again, t2)
	if err != nil {
		t.Fatal(err)
	}
	if res != (orewatch.MeasureImportResult{Unchanged: 30}) {
		t.Errorf("reloading identical data: got %+v, want 30 unchanged", res)
	}
}

// TestServiceAsKnown replays how the registry learnt of CHN-2025-72: first
// without it, then with it. Asked as known before, the November 2025 answer
// for gallium to the US is the ban; asked now, it is a licence.
func TestServiceAsKnown(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	cat := catalog.New()
	all, err := registry.Embedded(cat)
	if err != nil {
		t.Fatal(err)
	}
	var before []*orewatch.Measure
	for _, m := range all {
		if m.ID != "CHN-2025-72" {
			before = append(before, m)
		}
	}
	if _, err := db.PutMeasures(ctx, before, t1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutMeasures(ctx, all, t2); err != nil {
		t.Fatal(err)
	}
	svc := registry.New(db, cat)
	svc.Now = func() time.Time { return t2.Add(time.Hour) }
	query := q("gallium", "CHN", "USA", "2025-11-20")

	d, err := svc.Check(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	if d.Decision != orewatch.DecisionLicence {
		t.Errorf("now: got %s, want licence_required", d.Decision)
	}

	known := t1.Add(time.Hour)
	query.AsKnown = &known
	d, err = svc.Check(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	if d.Decision != orewatch.DecisionProhibited || len(d.Suspended) != 0 {
		t.Errorf("as known on %s: got %s, suspended %v; want prohibited, nothing suspended", known, d.Decision, d.Suspended)
	}
	if !strings.Contains(d.Explanation, "Answered as the registry knew it at 2026-11-01T10:00:00Z") {
		t.Errorf("explanation does not say it is an as-known answer:\n%s", d.Explanation)
	}

	early := t1.Add(-time.Hour)
	query.AsKnown = &early
	if _, err := svc.Check(ctx, query); orewatch.ErrorCode(err) != orewatch.EINVALID || !strings.Contains(err.Error(), "held no measures") {
		t.Errorf("as known before the registry was loaded: got %v, want an invalid error", err)
	}
}

func TestServiceSnapshot(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	cat := catalog.New()
	if err := registry.Seed(ctx, db, cat, t1); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	svc := registry.New(db, cat)
	svc.Now = func() time.Time { return now }

	t.Run("DefaultDateIsToday", func(t *testing.T) {
		d, err := svc.Check(ctx, orewatch.CheckQuery{Item: "gallium", From: "CHN", To: "USA"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Date != day("2026-11-28") || d.Decision != orewatch.DecisionProhibited || len(d.Lapsed) != 1 {
			t.Errorf("got %s on %s with lapsed %v; want prohibited on 2026-11-28 with CHN-2025-72 lapsed", d.Decision, d.Date, d.Lapsed)
		}
	})

	t.Run("ReloadsAfterMaxAge", func(t *testing.T) {
		e1, err := svc.Engine(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		// A new record, known later: the snapshot is reused until it is
		// older than MaxAge or invalidated.
		file := header + "\n" + row(map[string]string{"id": "T-NEW", "effective": "2025-02-01"}) + "\n"
		ms, err := registry.ParseCSV(strings.NewReader(file), "new.csv", cat)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.PutMeasures(ctx, ms, t2); err != nil {
			t.Fatal(err)
		}
		e2, _ := svc.Engine(ctx, nil)
		if e2 != e1 || e2.Measure("T-NEW") != nil {
			t.Errorf("snapshot reloaded before MaxAge")
		}
		now = now.Add(svc.MaxAge)
		e3, _ := svc.Engine(ctx, nil)
		if e3 == e1 || e3.Measure("T-NEW") == nil {
			t.Errorf("snapshot not reloaded after MaxAge")
		}
		svc.Invalidate()
		e4, _ := svc.Engine(ctx, nil)
		if e4 == e3 {
			t.Errorf("snapshot not reloaded after Invalidate")
		}
	})

	t.Run("InForce", func(t *testing.T) {
		ms, err := svc.InForce(ctx, orewatch.InForceFilter{Date: day("2025-11-20"), Jurisdiction: "CHN", Material: "holmium"})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.ID == "CHN-2025-57" {
				t.Errorf("CHN-2025-57 listed in force on 2025-11-20 although suspended")
			}
		}
		ms, err = svc.InForce(ctx, orewatch.InForceFilter{Date: day("2026-11-28"), Material: "holmium", Type: orewatch.MeasureLicence})
		if err != nil {
			t.Fatal(err)
		}
		if ids := idsOf(ms); !strings.Contains(ids, "CHN-2025-57") {
			t.Errorf("in force on 2026-11-28 for holmium: got %s, want CHN-2025-57 (suspension lapsed)", ids)
		}
	})
}

func idsOf(ms []*orewatch.Measure) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.ID)
	}
	return strings.Join(s, ",")
}
