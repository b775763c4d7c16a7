package nlp_test

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/internal/shared"
	"orewatch/nlp"
	"orewatch/nlp/lex"
	"orewatch/nlp/match"
	"orewatch/refdata"
	"orewatch/registry"
)

var (
	analyzerOnce sync.Once
	analyzer     *nlp.Analyzer
	analyzerErr  error
)

// mustAnalyzer builds the analyzer from the real catalogue, the embedded
// reference releases and the embedded registry, once per test binary.
func mustAnalyzer(tb testing.TB) *nlp.Analyzer {
	tb.Helper()
	analyzerOnce.Do(func() {
		cat := catalog.New()
		rs, err := refdata.Releases()
		if err != nil {
			analyzerErr = err
			return
		}
		var figs []*orewatch.Figure
		for _, r := range rs {
			figs = append(figs, r.Figures...)
		}
		ms, err := registry.Embedded(cat)
		if err != nil {
			analyzerErr = err
			return
		}
		analyzer = nlp.New(cat, figs, ms)
	})
	if analyzerErr != nil {
		tb.Fatal(analyzerErr)
	}
	return analyzer
}

// fixture reads the shared fixture article: title on the first line.
func fixture(t *testing.T) (title, body string) {
	t.Helper()
	b, err := os.ReadFile(shared.Path(t, "fixtures/articles/china-rare-earth-tech-controls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ = strings.Cut(string(b), "\n")
	return title, body
}

// cleaned drops the fixture's two advertisement and two "Related:" lines,
// as extraction upstream does.
func cleaned(body string) string {
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	return strings.Join(lines[:len(lines)-4], "\n")
}

func TestAnalyzeFixture(t *testing.T) {
	an := mustAnalyzer(t)
	title, body := fixture(t)
	for _, pub := range []string{"2025-10-10", ""} {
		t.Run("Published"+pub, func(t *testing.T) {
			a := &orewatch.Article{Title: title, Body: cleaned(body), Published: orewatch.MustParseDate(pub)}
			an.Analyze(a)
			if want := []string{"CHN", "USA", "PAK"}; !slices.Equal(a.Countries, want) {
				t.Errorf("countries = %v, want %v", a.Countries, want)
			}
			for _, o := range []string{"Ministry of Commerce", "US Strategic Metals"} {
				if !slices.Contains(a.Organizations, o) {
					t.Errorf("organizations %v lack %q", a.Organizations, o)
				}
			}
			if len(a.Events) != 2 {
				t.Fatalf("got %d events, want 2: %+v", len(a.Events), a.Events)
			}
			ec := a.Events[0]
			if ec.Type != orewatch.EventExportControl || ec.Actor != "CHN" || !ec.Primary {
				t.Errorf("first event = %s by %s (primary %v), want a primary export_control by CHN", ec.Type, ec.Actor, ec.Primary)
			}
			for _, m := range []string{"rare earth extraction and separation technology", "medium and heavy rare earths", "lithium-ion batteries"} {
				if !slices.Contains(ec.Materials, m) {
					t.Errorf("export control materials %v lack %q", ec.Materials, m)
				}
			}
			if ec.Announced.String() != "2025-10" || ec.Effective.String() != "2025-11-08" {
				t.Errorf("export control dates = announced %s, effective %s; want 2025-10 and 2025-11-08", ec.Announced, ec.Effective)
			}
			if !strings.HasPrefix(ec.Measure, "CHN-2025-") || !slices.Contains([]string{"55", "56", "57", "58", "61-A", "61-B", "62"}, strings.TrimPrefix(ec.Measure, "CHN-2025-")) {
				t.Errorf("export control measure = %q, want one of the October 2025 package", ec.Measure)
			}
			sa := a.Events[1]
			pair := []string{sa.Actor, sa.Counterparty}
			slices.Sort(pair)
			if sa.Type != orewatch.EventSupplyAgreement || !slices.Equal(pair, []string{"PAK", "USA"}) || !slices.Contains(sa.Materials, "rare earths") {
				t.Errorf("second event = %s between %v on %v, want a supply_agreement between PAK and USA on rare earths", sa.Type, pair, sa.Materials)
			}
			var production *orewatch.Claim
			for _, c := range a.Claims {
				if c.Stage == orewatch.StageMining && c.Value == 60 {
					production = c
				}
			}
			if production == nil {
				t.Fatalf("no claim of 60%% of production among %+v", a.Claims)
			}
			if production.Subject != "CHN" || production.Material != "rare earths" || production.Comparator != ">" || production.Verdict != orewatch.VerdictSupported {
				t.Errorf("claim = %+v, want CHN > 60%% of rare earths mining, supported", production)
			}
			if r := production.Reference; r == nil || r.Year != 2024 || r.Value < 70 || r.Value > 72 || !strings.HasPrefix(r.Source, "usgs") {
				t.Errorf("claim reference = %+v, want USGS 2024, about 71%%", r)
			}
			var tech *orewatch.DateCheck
			for _, dc := range a.DateChecks {
				if dc.Measure == "CHN-2025-62" {
					tech = dc
				}
			}
			if tech == nil {
				t.Fatalf("no date check for CHN-2025-62 among %+v", a.DateChecks)
			}
			if tech.Verdict != orewatch.VerdictContradicted || tech.Recorded.String() != "2025-10-09" || tech.Stated.String() != "2025-11-08" {
				t.Errorf("date check = %+v, want contradicted: stated 2025-11-08, recorded 2025-10-09", tech)
			}
			for _, want := range []string{"2025-10-09", "CHN-2025-55", "CHN-2025-56", "CHN-2025-57", "CHN-2025-58", "CHN-2025-70", "2025-11-07"} {
				if !strings.Contains(tech.Note, want) {
					t.Errorf("date check note %q lacks %q", tech.Note, want)
				}
			}
		})
	}
}

// TestAnalyzeFixtureUncleaned runs on the body as published, ads and links
// included: the events and claims stay the same.
func TestAnalyzeFixtureUncleaned(t *testing.T) {
	an := mustAnalyzer(t)
	title, body := fixture(t)
	raw := &orewatch.Article{Title: title, Body: body, Published: orewatch.MustParseDate("2025-10-10")}
	clean := &orewatch.Article{Title: title, Body: cleaned(body), Published: raw.Published}
	an.Analyze(raw)
	an.Analyze(clean)
	if len(raw.Events) != len(clean.Events) || len(raw.Claims) != len(clean.Claims) {
		t.Fatalf("uncleaned: %d events, %d claims; cleaned: %d events, %d claims", len(raw.Events), len(raw.Claims), len(clean.Events), len(clean.Claims))
	}
	for i := range raw.Events {
		if raw.Events[i].Type != clean.Events[i].Type || raw.Events[i].Measure != clean.Events[i].Measure {
			t.Errorf("event %d differs: %+v vs %+v", i, raw.Events[i], clean.Events[i])
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	an := mustAnalyzer(b)
	root := shared.Root()
	if root == "" {
		b.Skip("shared fixture not found")
	}
	raw, err := os.ReadFile(root + "/fixtures/articles/china-rare-earth-tech-controls.txt")
	if err != nil {
		b.Skip(err)
	}
	title, body, _ := strings.Cut(string(raw), "\n")
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		a := &orewatch.Article{Title: title, Body: body, Published: orewatch.MustParseDate("2025-10-10")}
		an.Analyze(a)
	}
}

// BenchmarkScanOnly is the floor Analyze builds on, measured in the same
// run: tokenising, splitting sentences and folding the same article, with no
// matching or extraction.
func BenchmarkScanOnly(b *testing.B) {
	root := shared.Root()
	if root == "" {
		b.Skip("shared fixture not found")
	}
	raw, err := os.ReadFile(root + "/fixtures/articles/china-rare-earth-tech-controls.txt")
	if err != nil {
		b.Skip(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		x := lex.Scan(text)
		x.Sentences()
		match.Fold(text)
	}
}
