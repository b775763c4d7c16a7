package risk_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"orewatch"
	"orewatch/catalog"
	"orewatch/refdata"
	"orewatch/registry"
	"orewatch/risk"
	"orewatch/sqlite"
)

// newService is the real thing: a SQLite store seeded with the embedded USGS
// and IEA releases and the measures registry, the registry service, the WGI
// estimates and the catalogue.
func newService(t *testing.T) *risk.Service {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "risk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat := catalog.New()
	if err := refdata.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	if err := registry.Seed(ctx, db, cat, now); err != nil {
		t.Fatal(err)
	}
	reg := registry.New(db, cat)
	reg.Now = func() time.Time { return now }
	wgi, err := refdata.WGI()
	if err != nil {
		t.Fatal(err)
	}
	svc := risk.NewService(db, reg, wgi)
	svc.Catalog = cat
	svc.Now = func() time.Time { return now }
	return svc
}

func TestRisk(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		q     orewatch.RiskQuery
		check func(t *testing.T, r *orewatch.RiskReport)
	}{
		{"RareEarthsMining2024", orewatch.RiskQuery{Material: "rare earths", Stage: orewatch.StageMining, Year: 2024}, func(t *testing.T, r *orewatch.RiskReport) {
			// The hand-checked figures of TestConcentration, now read
			// through the store: USGS MCS 2026, 380,000 t REO world total
			// (rounded), listed countries 383,000 t.
			if r.WorldTotal == nil || *r.WorldTotal != 380000 || r.Unit != "metric tons" {
				t.Errorf("world total %v %s", r.WorldTotal, r.Unit)
			}
			if !near(r.HHI, 5219.51, 0.01) || !near(r.Top1, 0.704961, 1e-6) || !near(r.Top3, 0.899478, 1e-6) || r.Producers != 12 {
				t.Errorf("hhi %.2f top1 %.6f top3 %.6f producers %d", r.HHI, r.Top1, r.Top3, r.Producers)
			}
			if r.Shares[0].Country != "CHN" || r.Sources[0] != "usgs-mcs-2026" {
				t.Errorf("largest %s, sources %v", r.Shares[0].Country, r.Sources)
			}
			// Trend: 2023 from MCS 2025 (China 255,000 of 376,000 t).
			i := slices.IndexFunc(r.Trend, func(p orewatch.TrendPoint) bool { return p.Year == 2023 })
			if i < 0 || !near(r.Trend[i].Top1, 255000.0/376000, 1e-9) || !slices.Contains(r.Sources, "usgs-mcs-2025") {
				t.Errorf("trend %+v, sources %v", r.Trend, r.Sources)
			}
		}},
		{"LatestYearByDefault", orewatch.RiskQuery{Material: "REE"}, func(t *testing.T, r *orewatch.RiskReport) {
			if r.Material != "rare earths" || r.Year != 2025 || r.Stage != orewatch.StageMining {
				t.Errorf("got %s %s %d", r.Material, r.Stage, r.Year)
			}
		}},
		{"GalliumRefiningRoundedTotal", orewatch.RiskQuery{Material: "gallium", Stage: orewatch.StageRefining, Year: 2025}, func(t *testing.T, r *orewatch.RiskReport) {
			// USGS MCS 2026 prints a rounded world total (900,000 kg)
			// below the listed countries' 909,000 kg; shares are of the sum.
			if r.HHI > 10000 || !near(r.Top1, 900000.0/909000, 1e-9) || !near(r.Top3, 1, 1e-9) || r.Producers != 3 {
				t.Errorf("hhi %v top1 %v top3 %v producers %d", r.HHI, r.Top1, r.Top3, r.Producers)
			}
			if !strings.Contains(strings.Join(r.Notes, "\n"), "shares are of their sum") {
				t.Errorf("notes %v", r.Notes)
			}
		}},
		{"StageWithDataByDefault", orewatch.RiskQuery{Material: "gallium"}, func(t *testing.T, r *orewatch.RiskReport) {
			// USGS reports gallium only as primary production (refining).
			if r.Stage != orewatch.StageRefining || !strings.Contains(strings.Join(r.Notes, "\n"), "no mining figures for gallium: stage refining used") {
				t.Errorf("stage %s notes %v", r.Stage, r.Notes)
			}
		}},
		{"RefiningFallsBackToIEA", orewatch.RiskQuery{Material: "rare earths", Stage: orewatch.StageRefining}, func(t *testing.T, r *orewatch.RiskReport) {
			if r.Sources[0] != "iea-cm-2025" || !strings.Contains(strings.Join(r.Notes, "\n"), "USGS prints no refinery table") {
				t.Errorf("sources %v notes %v", r.Sources, r.Notes)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := svc.Risk(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			for _, s := range r.Shares {
				sum += s.Share
			}
			if !near(sum, 1, 1e-9) || r.HHI < 0 || r.HHI > 10000+1e-9 {
				t.Errorf("shares sum to %v, hhi %v", sum, r.HHI)
			}
			tt.check(t, r)
		})
	}
}

// Property over the whole embedded record: for every material, stage and
// year, the shares add up to 1 and lie in [0, 1], the HHI within 0–10,000,
// top1 ≤ top3 ≤ 1, whatever the rounding of the world totals.
func TestRiskPropertiesOnAllData(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	for _, st := range []orewatch.Stage{orewatch.StageMining, orewatch.StageRefining} {
		figs, err := svc.Store.FindFigures(ctx, orewatch.FigureFilter{Stage: &st, Latest: true})
		if err != nil {
			t.Fatal(err)
		}
		done := map[string]bool{}
		for _, f := range figs {
			k := f.Material + "|" + fmt.Sprint(f.Year)
			if done[k] {
				continue
			}
			done[k] = true
			r, err := svc.Risk(ctx, orewatch.RiskQuery{Material: f.Material, Stage: st, Year: f.Year})
			if orewatch.ErrorCode(err) == orewatch.ENOTFOUND {
				continue // a year with a world total only
			}
			if err != nil {
				t.Fatalf("%s %s %d: %v", f.Material, st, f.Year, err)
			}
			var sum float64
			for _, s := range r.Shares {
				if s.Share < 0 || s.Share > 1 {
					t.Errorf("%s %s %d: %s share %v", f.Material, st, f.Year, s.Country, s.Share)
				}
				sum += s.Share
			}
			if !near(sum, 1, 1e-9) || r.HHI < 0 || r.HHI > 10000+1e-9 || r.Top1 > r.Top3+1e-12 || r.Top3 > 1+1e-9 {
				t.Errorf("%s %s %d: sum %v hhi %v top1 %v top3 %v", f.Material, st, f.Year, sum, r.HHI, r.Top1, r.Top3)
			}
			for _, p := range r.Trend {
				if p.HHI > 10000+1e-9 || p.Top1 > 1+1e-12 {
					t.Errorf("%s %s trend %d: hhi %v top1 %v", f.Material, st, p.Year, p.HHI, p.Top1)
				}
			}
		}
	}
}

// Governance weighting follows the registry: CHN-2025-18 (in force from
// 2025-04-04) raises China's t to 1.1, which adds 0.1 × share² × WGI.
func TestRiskGovernanceFollowsRegistry(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	at := func(d string) float64 {
		r, err := svc.Risk(ctx, orewatch.RiskQuery{Material: "rare earths", Year: 2024, Date: orewatch.MustParseDate(d)})
		if err != nil {
			t.Fatal(err)
		}
		if r.HHIWGI == nil {
			t.Fatal("no hhi_wgi")
		}
		return *r.HHIWGI
	}
	before, after := at("2025-01-01"), at("2025-06-01")
	// China: share 270,000/383,000 = 0.704961; WGI 2024 mean −0.2749427,
	// scaled (2.5 + 0.2749427) × 2 = 5.549885; 0.1 × 0.704961² × 5.549885
	// = 0.275813.
	if d := after - before; !near(d, 0.275813, 1e-5) {
		t.Errorf("hhi_wgi %v → %v: difference %v, want 0.275813", before, after, d)
	}
	if before <= 0 || before > 10 {
		t.Errorf("hhi_wgi %v out of the 0–10 scale", before)
	}
}

func TestRiskErrors(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	tests := []struct {
		name string
		q    orewatch.RiskQuery
		code string
		want string
	}{
		{"UnknownMaterial", orewatch.RiskQuery{Material: "rare erths"}, orewatch.ENOTFOUND, "rare earths"},
		{"NoYear", orewatch.RiskQuery{Material: "rare earths", Year: 1990}, orewatch.ENOTFOUND, "2023, 2024, 2025"},
		{"BadStage", orewatch.RiskQuery{Material: "rare earths", Stage: orewatch.StageReserves}, orewatch.EINVALID, "mining or refining"},
		{"Empty", orewatch.RiskQuery{}, orewatch.EINVALID, "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.Risk(ctx, tt.q)
			if orewatch.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %s mentioning %q", err, tt.code, tt.want)
			}
		})
	}
}

func TestExposure(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		material string
		date     string
		imp      float64
		supply   float64
		decision orewatch.Decision
	}{
		// Rare earths: China 71 % of imports, licence required from
		// 2025-04-04 (CHN-2025-18): 0.71 × 0.25 = 0.1775; × NIR 67 %.
		{"RareEarthsLicence", "rare earths", "2025-06-01", 0.1775, 0.1775 * 0.67, orewatch.DecisionLicence},
		{"RareEarthsBefore", "rare earths", "2025-01-01", 0, 0, orewatch.DecisionNotControlled},
		// Gallium: China 18 %; banned to the US by CHN-2024-46-2 on
		// 2025-01-15, licence only once CHN-2025-72 suspends it.
		{"GalliumBanned", "gallium", "2025-01-15", 0.18, 0.18, orewatch.DecisionProhibited},
		{"GalliumSuspended", "gallium", "2025-11-20", 0.045, 0.045, orewatch.DecisionLicence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := svc.Exposure(ctx, orewatch.ExposureQuery{Material: tt.material, Date: orewatch.MustParseDate(tt.date)})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Materials) != 1 {
				t.Fatalf("%d materials", len(rep.Materials))
			}
			me := rep.Materials[0]
			if !near(me.ImportExposure, tt.imp, 1e-12) || me.SupplyExposure == nil || !near(*me.SupplyExposure, tt.supply, 1e-12) {
				t.Errorf("import %v supply %v, want %v %v", me.ImportExposure, me.SupplyExposure, tt.imp, tt.supply)
			}
			i := slices.IndexFunc(me.Sources, func(s orewatch.SourceExposure) bool { return s.Country == "CHN" })
			if i < 0 || me.Sources[i].Decision != tt.decision {
				t.Errorf("CHN: %+v", me.Sources)
			}
		})
	}

	all, err := svc.Exposure(ctx, orewatch.ExposureQuery{Date: orewatch.MustParseDate("2025-06-01")})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Materials) < 10 || all.Materials[0].ImportExposure < all.Materials[len(all.Materials)-1].ImportExposure {
		t.Errorf("ranking: %d materials, first %v", len(all.Materials), all.Materials[0])
	}
	for i := 1; i < len(all.Materials); i++ {
		if all.Materials[i].ImportExposure > all.Materials[i-1].ImportExposure {
			t.Fatalf("not ranked at %d", i)
		}
	}
}

func TestAssess(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	res, err := svc.Assess(ctx, orewatch.ExposureQuery{Buyer: "Japan", Material: "gallium", Date: orewatch.MustParseDate("2026-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Buyer != "JPN" || res.Exposure != nil || len(res.Notes) == 0 || res.ControlledShare == nil {
		t.Fatalf("JPN gallium: %+v", res)
	}
	st := res.ControlledShare.Stages[0]
	if st.Stage != orewatch.StageRefining || st.Controlled < 0.99 || st.Jurisdictions[0].Country != "CHN" {
		t.Errorf("controlled %+v", st)
	}
	if _, err := svc.Assess(ctx, orewatch.ExposureQuery{Buyer: "JPN"}); orewatch.ErrorCode(err) != orewatch.EINVALID {
		t.Errorf("JPN without material: %v, want EINVALID", err)
	}
	if _, err := svc.Assess(ctx, orewatch.ExposureQuery{Buyer: "Atlantis"}); orewatch.ErrorCode(err) != orewatch.ENOTFOUND {
		t.Errorf("unknown buyer: %v", err)
	}
}
