package usgs

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		name string
		in   string
		kind valueKind
		num  float64
		why  string
	}{
		{"Plain", "270000", valueNumber, 270000, ""},
		{"Separators", "1,500", valueNumber, 1500, ""},
		{"Millions", "44,000,000", valueNumber, 44000000, ""},
		{"Decimal", "0.5", valueNumber, 0.5, ""},
		{"NoBreakSpace", "68\u00a0", valueNumber, 68, ""},
		{"LowerBound", ">85,000,000", valueLowerBound, 85000000, ""},
		{"Withheld", "W", valueWithheld, 0, ""},
		{"Blank", "  ", valueNone, 0, "blank"},
		{"EmDash", "—", valueNone, 0, "dash (zero or negligible)"},
		{"NA", "NA", valueNone, 0, "NA (not available)"},
		{"LowerNA", "na", valueNone, 0, "NA (not available)"},
		{"XX", "XX", valueNone, 0, "XX (not applicable)"},
		{"HalfUnit", "s", valueNone, 0, "s (less than half a unit)"},
		{"Qualitative", "Moderate to large", valueNone, 0, "qualitative (Moderate to large)"},
		{"UpperBound", "<1,000", valueNone, 0, "upper bound (<x)"},
		{"EnDashRange", "890–1,000", valueNone, 0, "range"},
		{"SpacedRange", "10,000 - 15,000", valueNone, 0, "range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := parseValue(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if v.kind != tt.kind || v.num != tt.num || v.why != tt.why {
				t.Fatalf("got %+v, want kind %d num %v why %q", v, tt.kind, tt.num, tt.why)
			}
		})
	}
	for _, bad := range []string{"1,2", "12,34,567", ",123", "1.2.3", "4x5", ">", ">abc", "<1a", "1–x", "12%", "$5", "?1", "1e5", "-5", "+5"} {
		t.Run("Bad"+bad, func(t *testing.T) {
			if v, err := parseValue(bad); err == nil {
				t.Fatalf("got %+v, want an error", v)
			}
		})
	}
}

func TestSplitType(t *testing.T) {
	tests := []struct {
		name, in, detail, basis string
		estimated               bool
	}{
		{"WithBasis", "Mine production, rare-earth-oxide equivalent", "Mine production, rare-earth-oxide equivalent", "rare-earth-oxide equivalent", false},
		{"EstimatedOnly", "Mine production, estimated", "Mine production", "", true},
		{"BasisAndEstimated", "Mine production, cobalt content, estimated", "Mine production, cobalt content", "cobalt content", true},
		{"Bare", "Refinery production", "Refinery production", "", false},
		{"TwoParts", "Plant production, Ferosilicon, silicon content ", "Plant production, Ferosilicon, silicon content", "Ferosilicon, silicon content", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, b, e := splitType(tt.in)
			if d != tt.detail || b != tt.basis || e != tt.estimated {
				t.Fatalf("got (%q, %q, %v), want (%q, %q, %v)", d, b, e, tt.detail, tt.basis, tt.estimated)
			}
		})
	}
}

func TestStages(t *testing.T) {
	tests := []struct {
		in   string
		want orewatch.Stage
	}{
		{"Mine production", orewatch.StageMining},
		{"Mine poduction, Kaolin", orewatch.StageMining},
		{"Bauxite, mine production", orewatch.StageMining},
		{"Zirconium mineral concentrates, mine production (thousand metric tons, gross weight)", orewatch.StageMining},
		{"Refinery production", orewatch.StageRefining},
		{"Alumina, refinery production", orewatch.StageRefining},
		{"Smelter production", orewatch.StageRefining},
		{"Primary production", orewatch.StageRefining},
		{"Magnesium smelter production", orewatch.StageRefining},
		{"Plant production", orewatch.StageOther},
		{"Pig iron", orewatch.StageOther},
		{"Production", orewatch.StageOther},
		{"world mine and refinery production", orewatch.StageOther},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := productionStage(tt.in); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	for in, want := range map[string]orewatch.Stage{
		"Reserves, recoverable ore":            orewatch.StageReserves,
		"Plant capacity, fused aluminum oxide": orewatch.StageCapacity,
		"Clinker capacity, estimated":          orewatch.StageCapacity,
		"Sponge Metal Production":              orewatch.StageOther,
	} {
		if got := typeStage(in); got != want {
			t.Errorf("typeStage(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestBasis(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"WithBasis", "(Data in metric tons, rare-earth-oxide (REO) equivalent, unless otherwise specified)", "rare-earth-oxide (REO) equivalent"},
		{"NoTrailingComma", "(Data in metric tons, arsenic content unless otherwise specified)", "arsenic content"},
		{"NoBasis", "(Data in thousand metric tons unless otherwise specified)", ""},
		{"Other", "Data include lanthanides and yttrium.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := basisOfOtherNotes(tt.in); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got := sectionBasis("World Mine Production (manganese content) and Reserves", orewatch.StageMining); got != "manganese content" {
		t.Errorf("production basis: got %q", got)
	}
	if got := sectionBasis("World Mine Production (manganese content) and Reserves", orewatch.StageReserves); got != "" {
		t.Errorf("reserves basis: got %q, want none", got)
	}
	if got := sectionBasis("World Magnesite Mine Production and Reserves (gross weight)", orewatch.StageReserves); got != "gross weight" {
		t.Errorf("whole-table basis: got %q", got)
	}
	for in, want := range map[string]string{
		"Net import reliance as a percentage of apparent consumption: Compounds and metals":          "apparent consumption: Compounds and metals",
		"Net import relianceas a percentage of apparent consumption":                                 "apparent consumption",
		"Granite only: Net import reliance as a percentage of apparent consumption (based on value)": "Granite only: apparent consumption (based on value)",
	} {
		if got := nirBasis(in); got != want {
			t.Errorf("nirBasis(%q): got %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Mine production: rounded":            "Mine production",
		"Mine production: Palladium, rounded": "Mine production: Palladium",
		"Reserves: Ore: rounded":              "Reserves: Ore",
		"Mine production":                     "Mine production",
	} {
		if got, _ := cutRounded(in); got != want {
			t.Errorf("cutRounded(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestRevisions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []revision
	}{
		{"List", "Significant revisions were made to the 2024 production for Australia, Brazil, Burma, and Vietnam based on industry reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Australia", "Brazil", "Burma", "Vietnam"}}}},
		{"TheRepublic", "Significant revisions were made to the 2024 production for Austria, the Republic of Korea, and Mexico based on reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Austria", "Republic of Korea", "Mexico"}}}},
		{"SpongeProduction", "Significant revisions were made to the 2024 sponge production for Kazakhstan and Russia based on reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Kazakhstan", "Russia"}}}},
		{"WereMadeAfter", "Significant revisions to 2024 production for Belarus, Germany, and Laos were made based on reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Belarus", "Germany", "Laos"}}}},
		{"ForOne", "Production in 2024 for Canada was revised significantly based on a Government report.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Canada"}}}},
		{"ForAfter", "Production in 2024 was revised significantly for Turkey based on company reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Turkey"}}}},
		{"Possessive", "A significant revision was made to Malaysia’s 2024 production based on reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"Malaysia"}}}},
		{"Reserves", "Reserves for Australia and Malaysia were revised based on Government reports.",
			[]revision{{kind: revisedReserves, countries: []string{"Australia", "Malaysia"}}}},
		{"Capacity", "Smelter capacities for China and Kazakhstan were revised based on reports.",
			[]revision{{kind: revisedCapacity, countries: []string{"China", "Kazakhstan"}}}},
		{"NoCountries", "Significant revisions were made to the 2024 production for some countries based on reports.",
			[]revision{{kind: revisedProduction, year: 2024, countries: []string{"some countries"}}}},
		{"Nothing", "Data include lanthanides and yttrium.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := revisionsOf(tt.in)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(revision{})); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWindows1252Table(t *testing.T) {
	got := string(decodeWindows1252([]byte("a\x97b\x92c\xe9")))
	if got != "a—b’cé" {
		t.Fatalf("got %q", got)
	}
}

// FuzzParseValue checks that any cell either parses to a finite,
// non-negative number of a known kind or is an error, and never panics.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"270,000", ">85,000,000", "W", "—", "NA", "<1", "50–300", "Large", "0.5", "68\u00a0", "1,2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseValue(s)
		if err != nil {
			return
		}
		switch v.kind {
		case valueNumber, valueLowerBound:
			if math.IsNaN(v.num) || math.IsInf(v.num, 0) || v.num < 0 {
				t.Fatalf("%q: got %v", s, v.num)
			}
			// A number read back from its digits is the same number.
			digits := strings.Join(strings.FieldsFunc(strings.NewReplacer(",", "", ">", "").Replace(s), func(r rune) bool {
				return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff'
			}), "")
			if n, err := strconv.ParseFloat(digits, 64); err != nil || n != v.num {
				t.Fatalf("%q: got %v, digits say %v (%v)", s, v.num, n, err)
			}
		case valueWithheld:
		case valueNone:
			if v.why == "" {
				t.Fatalf("%q: no reason for a blank", s)
			}
		default:
			t.Fatalf("%q: unknown kind %d", s, v.kind)
		}
	})
}

func TestReadStatistic(t *testing.T) {
	tests := []struct {
		name, section, stat, detail string
		want                        statistic
	}{
		{"WorldRounded", "World Mine Production and Reserves", "Production", "Mine production: rounded",
			statistic{stage: orewatch.StageMining, detail: "Mine production", rounded: true}},
		{"OwnBasis", "World Mine Production and Reserves", "Production", "Mine production: Iron content",
			statistic{stage: orewatch.StageMining, detail: "Mine production: Iron content", basis: "Iron content"}},
		{"FormIsNotBasis", "World Refinery Production and Capacity", "Production", "Refinery production: concentrate",
			statistic{stage: orewatch.StageRefining, detail: "Refinery production: concentrate"}},
		{"StageFromSection", "World Refinery Production and Reserves", "Production", "Production",
			statistic{stage: orewatch.StageRefining, detail: "Production"}},
		{"SectionBasis", "World Mine Production (manganese content) and Reserves", "Production", "Mine production",
			statistic{stage: orewatch.StageMining, detail: "Mine production", basis: "manganese content"}},
		{"Capacity", "World Smelter Production and Capacity", "Capacity", "Smelter capacity: rounded",
			statistic{stage: orewatch.StageCapacity, detail: "Smelter capacity", rounded: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readStatistic(tt.section, tt.stat, tt.detail); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWorldAndAggregateNames(t *testing.T) {
	for name, want := range map[string]string{
		"World total":                      "world",
		"World total (rounded)":            "world",
		"World total (ilmenite, rounded)":  "world",
		"World total (rounded), natural":   "world",
		"Other countries":                  "aggregate",
		"Other Countries":                  "aggregate",
		"Other countries (includes crude)": "aggregate",
		"Rest of world":                    "aggregate",
		"United States":                    "",
		"Worldwide Minerals Ltd":           "",
	} {
		lower := strings.ToLower(name)
		got := ""
		switch {
		case isWorld(lower):
			got = "world"
		case isAggregate(lower):
			got = "aggregate"
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", name, got, want)
		}
	}
}
