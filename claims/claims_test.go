package claims_test

import (
	"strings"
	"sync"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/claims"
	"orewatch/refdata"
)

var (
	checkerOnce sync.Once
	checker     *claims.Checker
	checkerErr  error
)

// mustChecker builds the checker on the embedded reference releases and the
// real catalogue.
func mustChecker(tb testing.TB) *claims.Checker {
	tb.Helper()
	checkerOnce.Do(func() {
		rs, err := refdata.Releases()
		if err != nil {
			checkerErr = err
			return
		}
		var figs []*orewatch.Figure
		for _, r := range rs {
			figs = append(figs, r.Figures...)
		}
		checker = claims.NewChecker(figs, catalog.New())
	})
	if checkerErr != nil {
		tb.Fatal(checkerErr)
	}
	return checker
}

func TestParse(t *testing.T) {
	c := mustChecker(t)
	type want struct {
		subject, material string
		stage             orewatch.Stage
		cmp               string
		value             float64
	}
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"OverPercentOfProduction", "China controls over 60% of rare earth production.", []want{{"CHN", "rare earths", "mining", ">", 60}}},
		{"SpacedPercentRefining", "China does 90 % of the refining of rare earths.", []want{{"CHN", "rare earths", "refining", "=", 90}}},
		{"Two", "China dominates rare earths, controlling over 60% of production and nearly all processing capabilities.",
			[]want{{"CHN", "rare earths", "mining", ">", 60}, {"CHN", "rare earths", "refining", ">=", 90}}},
		{"MostOfWorld", "Congo supplies most of the world's cobalt.", []want{{"COD", "cobalt", "mining", ">", 50}}},
		{"AThird", "Indonesia refines about a third of the world's nickel.", []want{{"IDN", "nickel", "refining", "~", 33.3}}},
		{"AboutPercent", "Chile accounts for about 20 percent of lithium refining.", []want{{"CHL", "lithium", "refining", "~", 20}}},
		{"Demonym", "Chinese refiners process roughly 70% of lithium.", []want{{"CHN", "lithium", "refining", "~", 70}}},
		{"SubjectAfter", "About 70% of rare earth output comes from China.", []want{{"CHN", "rare earths", "mining", "~", 70}}},
		{"NoStage", "China holds 40% of the cobalt market.", []want{{"CHN", "cobalt", "", "=", 40}}},
		{"ChangeNotShare", "Cobalt prices rose by 20% in China.", nil},
		{"TariffNotShare", "The US imposed a 25% tariff on Chinese graphite.", nil},
		{"NoShareContext", "Lithium fell 3% on Tuesday.", nil},
		{"MostNotShare", "Most analysts expect prices to recover.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Parse(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("Parse(%q) = %d claims %+v, want %d", tt.in, len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Subject != w.subject || g.Material != w.material || g.Stage != w.stage || g.Comparator != w.cmp || g.Value != w.value || g.Unit != "%" {
					t.Errorf("claim %d = {%s %s %s %s %g}, want %+v", i, g.Subject, g.Material, g.Stage, g.Comparator, g.Value, w)
				}
				if g.Text == "" || !strings.Contains(tt.in, g.Text) {
					t.Errorf("claim %d text %q is not part of the sentence", i, g.Text)
				}
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c := mustChecker(t)
	asOf := orewatch.MustParseDate("2025-10-10")
	tests := []struct {
		name    string
		claim   orewatch.Claim
		asOf    orewatch.Date
		verdict string
		year    int
		source  string
		lo, hi  float64 // range of the reference value
	}{
		// USGS MCS 2026: China 270,000 t in 2024; the listed countries add
		// up to 383,000 t, above the rounded world total of 380,000 t, so
		// the base is 383,000: 70.496% → 70.5.
		{"OverSupported", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "mining", Comparator: ">", Value: 60, Unit: "%"}, asOf, "supported", 2024, "usgs-mcs-2026", 70.5, 70.5},
		{"OverContradicted", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "mining", Comparator: ">", Value: 80, Unit: "%"}, asOf, "contradicted", 2024, "usgs-mcs-2026", 70.5, 70.5},
		{"PlainWithinTolerance", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "mining", Comparator: "=", Value: 70, Unit: "%"}, asOf, "supported", 2024, "usgs-mcs-2026", 70.5, 70.5},
		{"LatestYearWithoutDate", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "mining", Comparator: "~", Value: 70, Unit: "%"}, orewatch.Date{}, "supported", 2025, "usgs-mcs-2026", 69.2, 69.3},
		{"EarlierDate", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "mining", Comparator: "~", Value: 70, Unit: "%"}, orewatch.MustParseDate("2024-06-01"), "supported", 2023, "usgs-mcs-2025", 67.8, 67.9},
		// IEA 2025 dataset: China refines 91.3% of magnet rare earths (2024).
		{"NearlyAllRefining", orewatch.Claim{Subject: "CHN", Material: "rare earths", Stage: "refining", Comparator: ">=", Value: 90, Unit: "%"}, asOf, "supported", 2024, "iea-cm-2025", 91.2, 91.4},
		{"MostCobalt", orewatch.Claim{Subject: "COD", Material: "cobalt", Stage: "mining", Comparator: ">", Value: 50, Unit: "%"}, asOf, "supported", 2024, "usgs-mcs-2026", 50, 100},
		// USGS MCS 2026 reports gallium only as primary production
		// (stored as refining): China 900,000 kg in 2025 against a rounded
		// world total of 900,000 and listed countries of 909,000 kg, so
		// 99.0%, not 100%. "Production" in general is checked against it;
		// "mines" is not.
		{"GalliumProductionPrimary", orewatch.Claim{Text: "accounts for about 98% of global gallium production", Subject: "CHN", Material: "gallium", Stage: "mining", Comparator: "~", Value: 98, Unit: "%"}, orewatch.Date{}, "supported", 2025, "usgs-mcs-2026", 99, 99},
		{"GalliumMinedStrict", orewatch.Claim{Text: "mines about 98% of the world's gallium", Subject: "CHN", Material: "gallium", Stage: "mining", Comparator: "~", Value: 98, Unit: "%"}, orewatch.Date{}, "unverifiable", 0, "", 0, 0},
		{"GalliumAllOfIt", orewatch.Claim{Text: "produces all the gallium", Subject: "CHN", Material: "gallium", Stage: "mining", Comparator: "=", Value: 100, Unit: "%"}, orewatch.Date{}, "supported", 2025, "usgs-mcs-2026", 99, 99},
		{"NoStage", orewatch.Claim{Subject: "CHN", Material: "cobalt", Comparator: "=", Value: 40, Unit: "%"}, asOf, "unverifiable", 0, "", 0, 0},
		{"NoSubject", orewatch.Claim{Material: "cobalt", Stage: "mining", Comparator: "=", Value: 40, Unit: "%"}, asOf, "unverifiable", 0, "", 0, 0},
		{"NoFigures", orewatch.Claim{Subject: "CHN", Material: "germanium", Stage: "mining", Comparator: ">", Value: 60, Unit: "%"}, asOf, "unverifiable", 0, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := tt.claim
			c.Check(&cl, tt.asOf)
			if cl.Verdict != tt.verdict {
				t.Fatalf("verdict %s, want %s (note %q)", cl.Verdict, tt.verdict, cl.Note)
			}
			if tt.year == 0 {
				if cl.Reference != nil || cl.Note == "" {
					t.Errorf("reference %+v, note %q: want none and a reason", cl.Reference, cl.Note)
				}
				if cl.Stage != tt.claim.Stage {
					t.Errorf("stage %s, want %s kept", cl.Stage, tt.claim.Stage)
				}
				return
			}
			if tt.claim.Material == "gallium" && (cl.Stage != orewatch.StageRefining || !strings.Contains(cl.Note, "Primary production")) {
				t.Errorf("stage %s, note %q: want refining, saying USGS primary production", cl.Stage, cl.Note)
			}
			r := cl.Reference
			if r == nil || r.Year != tt.year || r.Source != tt.source || r.Value < tt.lo || r.Value > tt.hi {
				t.Errorf("reference %+v, want %d %s in [%g, %g]", r, tt.year, tt.source, tt.lo, tt.hi)
			}
		})
	}
}

func TestVerifyDedups(t *testing.T) {
	c := mustChecker(t)
	got := c.Verify("China controls over 60% of rare earth production. With China controlling over 60% of rare earth production, buyers worry.", orewatch.Date{})
	if len(got) != 1 {
		t.Fatalf("got %d claims, want the repeated one once: %+v", len(got), got)
	}
}

// The QA sentence, parsed and checked end to end: USGS reports gallium
// only as primary production, so "production" is checked against it.
func TestVerifyGalliumProduction(t *testing.T) {
	c := mustChecker(t)
	got := c.Verify("China accounts for about 98% of global gallium production.", orewatch.Date{})
	if len(got) != 1 {
		t.Fatalf("got %d claims: %+v", len(got), got)
	}
	cl := got[0]
	if cl.Verdict != orewatch.VerdictSupported || cl.Stage != orewatch.StageRefining || cl.Reference == nil || cl.Reference.Value > 100 {
		t.Errorf("claim %+v, reference %+v", cl, cl.Reference)
	}
}

func FuzzParse(f *testing.F) {
	c := mustChecker(f)
	f.Add("China controls over 60% of rare earth production and nearly all processing.")
	f.Add("About 70 per cent of lithium refining, two-thirds of cobalt, most of the world's nickel")
	f.Add("%%% 60-70% of of of most")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			return
		}
		for _, cl := range c.Verify(s, orewatch.Date{}) {
			switch cl.Verdict {
			case orewatch.VerdictSupported, orewatch.VerdictContradicted:
				if cl.Reference == nil {
					t.Fatalf("verdict %s without a reference: %+v", cl.Verdict, cl)
				}
			case orewatch.VerdictUnverifiable:
			default:
				t.Fatalf("unknown verdict %q", cl.Verdict)
			}
			if !strings.Contains(s, cl.Text) {
				t.Fatalf("claim text %q not in input", cl.Text)
			}
		}
	})
}
