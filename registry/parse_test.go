package registry_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
	"orewatch/catalog"
	"orewatch/internal/shared"
	"orewatch/registry"
)

func TestEmbeddedIsTheSharedDataset(t *testing.T) {
	want, err := os.ReadFile(shared.Path(t, "data/measures.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(registry.EmbeddedCSV(), want) {
		t.Errorf("registry/data/measures.csv differs from the shared dataset: copy it again and review data/SOURCES.md")
	}
}

func byID(ms []*orewatch.Measure) map[string]*orewatch.Measure {
	out := map[string]*orewatch.Measure{}
	for _, m := range ms {
		out[m.ID] = m
	}
	return out
}

func TestEmbedded(t *testing.T) {
	cat := catalog.New()
	ms, err := registry.Embedded(cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 30 {
		t.Errorf("got %d measures, want the 30 rows of the file", len(ms))
	}
	m := byID(ms)

	t.Run("MilitaryOnlyFromWording", func(t *testing.T) {
		var got []string
		for _, x := range ms {
			if x.EndUse == orewatch.EndUseMilitary {
				got = append(got, x.ID)
			}
		}
		slices.Sort(got)
		if diff := cmp.Diff([]string{"CHN-2024-46-1", "CHN-2026-01"}, got); diff != "" {
			t.Errorf("military-only measures (-want +got):\n%s", diff)
		}
	})
	t.Run("SevenMediumHeavyRareEarths", func(t *testing.T) {
		want := []string{"samarium", "gadolinium", "terbium", "dysprosium", "lutetium", "scandium", "yttrium"}
		if diff := cmp.Diff(want, m["CHN-2025-18"].Materials); diff != "" {
			t.Errorf("CHN-2025-18 materials (-want +got):\n%s", diff)
		}
	})
	t.Run("ExtraterritorialRareEarthItems", func(t *testing.T) {
		for _, id := range []string{"CHN-2025-61-A", "CHN-2025-61-B"} {
			if !slices.Contains(m[id].Materials, "rare earths") {
				t.Errorf("%s materials %v lack rare earths", id, m[id].Materials)
			}
		}
		if m["CHN-2025-61-B"].DeMinimis != "0.1%" {
			t.Errorf("CHN-2025-61-B de minimis: got %q, want 0.1%%", m["CHN-2025-61-B"].DeMinimis)
		}
	})
	t.Run("TechnologyWordingNeverResolvesToMetals", func(t *testing.T) {
		for _, id := range []string{"CHN-2023-TECHCAT", "CHN-2025-62"} {
			for _, name := range m[id].Materials {
				mat, err := cat.Material(name)
				if err != nil {
					t.Fatal(err)
				}
				if mat.Kind == orewatch.KindElement || mat.Kind == orewatch.KindProduct {
					t.Errorf("%s: technology item resolved to %s %q", id, mat.Kind, name)
				}
			}
		}
	})
	t.Run("ModifiersAreNotTheItem", func(t *testing.T) {
		// "indium gallium arsenide" is not indium; "rare earth raw and
		// auxiliary materials" are not the rare earths themselves.
		if slices.Contains(m["CHN-2023-23"].Materials, "indium") {
			t.Errorf("CHN-2023-23 resolved to indium: %v", m["CHN-2023-23"].Materials)
		}
		if slices.Contains(m["CHN-2025-56"].Materials, "rare earths") {
			t.Errorf("CHN-2025-56 resolved to rare earths: %v", m["CHN-2025-56"].Materials)
		}
	})
	t.Run("UnresolvedWordingKept", func(t *testing.T) {
		for _, x := range ms {
			if len(x.Materials)+len(x.Unresolved) < 1 {
				t.Errorf("%s: no materials and no unresolved wording", x.ID)
			}
			for _, u := range x.Unresolved {
				if !slices.Contains(x.Items, u) {
					t.Errorf("%s: unresolved %q is not one of its items", x.ID, u)
				}
			}
		}
	})
	t.Run("Suspensions", func(t *testing.T) {
		want := []string{"CHN-2025-55", "CHN-2025-56", "CHN-2025-57", "CHN-2025-58", "CHN-2025-61-A", "CHN-2025-61-B", "CHN-2025-62"}
		if diff := cmp.Diff(want, m["CHN-2025-70"].Suspends); diff != "" {
			t.Errorf("CHN-2025-70 suspends (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"CHN-2024-46-2"}, m["CHN-2025-72"].Suspends); diff != "" {
			t.Errorf("CHN-2025-72 suspends (-want +got):\n%s", diff)
		}
		if got := m["CHN-2025-72"].Ends; got != day("2026-11-27") {
			t.Errorf("CHN-2025-72 ends %s, want 2026-11-27", got)
		}
	})
	t.Run("ReturnsCopies", func(t *testing.T) {
		ms[0].Materials = append(ms[0].Materials, "changed")
		ms[0].ID = "changed"
		again, err := registry.Embedded(cat)
		if err != nil {
			t.Fatal(err)
		}
		if again[0].ID == "changed" || slices.Contains(again[0].Materials, "changed") {
			t.Errorf("Embedded returned a shared measure")
		}
	})
}

func TestWriteCSVRoundTrip(t *testing.T) {
	cat := catalog.New()
	ms, err := registry.Embedded(cat)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := registry.WriteCSV(&buf, ms); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), registry.EmbeddedCSV()) {
		t.Errorf("WriteCSV of the embedded registry differs from the embedded file")
	}
	back, err := registry.ParseCSV(&buf, "export.csv", cat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ms, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// row is a valid registry row; cases change one field.
func row(changes map[string]string) string {
	base := map[string]string{
		"id": "T-1", "jurisdiction_iso3": "CHN", "authority": "MOFCOM", "instrument": "Test instrument",
		"title": "Test", "measure_type": "licence_requirement", "announced": "2025-01-01", "effective": "2025-02-01",
		"items": "gallium", "hs_codes": "8112929010", "destinations": "all", "source_url": "https://example.org/a",
	}
	for k, v := range changes {
		base[k] = v
	}
	var f []string
	for _, c := range registry.Columns {
		f = append(f, base[c])
	}
	return strings.Join(f, ",")
}

var header = strings.Join(registry.Columns, ",")

func TestParseCSVErrors(t *testing.T) {
	cat := catalog.New()
	tests := []struct {
		name string
		file string
		want string // the error message must contain it
		sugg string // and, when set, this suggestion
	}{
		{"Empty", "", "x.csv: empty file", ""},
		{"UnknownColumn", header + ",remarks\n", `x.csv:1: column 17: unknown column "remarks"`, ""},
		{"MissingColumn", strings.TrimSuffix(header, ",source_url") + "\n", `x.csv:1: missing column "source_url"`, ""},
		{"BadDate", header + "\n" + row(map[string]string{"effective": "2025-13-01"}), "x.csv:2:68: field effective: invalid date \"2025-13-01\": month out of range", ""},
		{"BadDay", header + "\n" + row(map[string]string{"ends": "2025-02-30"}), "field ends: invalid date \"2025-02-30\": no such day", ""},
		{"UnknownType", header + "\n" + row(map[string]string{"measure_type": "embargo"}), `field measure_type: unknown measure type "embargo"`, ""},
		{"UnknownJurisdiction", header + "\n" + row(map[string]string{"jurisdiction_iso3": "ZZZ"}), `x.csv:2:5: field jurisdiction_iso3: unknown ISO 3166 alpha-3 code "ZZZ"`, ""},
		{"UnknownDestination", header + "\n" + row(map[string]string{"destinations": "USA;JPX"}), `field destinations: unknown ISO 3166 alpha-3 code "JPX"`, ""},
		{"DestinationByName", header + "\n" + row(map[string]string{"destinations": "Japan"}), `field destinations: "Japan" is not an ISO 3166 alpha-3 code (did you mean "JPN"?)`, ""},
		{"AllWithCountries", header + "\n" + row(map[string]string{"destinations": "all;USA"}), `field destinations: "all" cannot be combined`, ""},
		{"DuplicateID", header + "\n" + row(nil) + "\n" + row(nil), `x.csv:3:1: field id: duplicate id "T-1" (first on line 2)`, ""},
		{"SuspendsUnknownID", header + "\n" + row(nil) + "\n" + row(map[string]string{"id": "S-1", "measure_type": "suspension", "suspends": "T-1;T-9"}),
			`x.csv:3:71: field suspends: suspends unknown id "T-9"`, ""},
		{"SuspendsOnLicence", header + "\n" + row(map[string]string{"suspends": "T-2"}), "field suspends: only suspension rows may name suspended ids", ""},
		{"SuspensionNamesNothing", header + "\n" + row(map[string]string{"measure_type": "suspension"}), "field suspends: a suspension must name the ids it suspends", ""},
		{"SuspendsItself", header + "\n" + row(map[string]string{"measure_type": "suspension", "suspends": "T-1"}), "T-1 cannot suspend itself", ""},
		{"EndsBeforeEffective", header + "\n" + row(map[string]string{"ends": "2025-01-15"}), "field ends: ends 2025-01-15 is not after effective 2025-02-01", ""},
		{"BadTariffLine", header + "\n" + row(map[string]string{"hs_codes": "8112929010;81129"}), `field hs_codes: invalid tariff line "81129"`, ""},
		{"MissingItems", header + "\n" + row(map[string]string{"items": " ; "}), "field items: missing", ""},
		{"MissingInstrument", header + "\n" + row(map[string]string{"instrument": ""}), "field instrument: missing", ""},
		{"BadDeMinimis", header + "\n" + row(map[string]string{"de_minimis": "0.1"}), `field de_minimis: invalid de minimis "0.1"`, ""},
		{"MissingSource", header + "\n" + row(map[string]string{"source_url": ""}), "field source_url: missing", ""},
		{"BadSource", header + "\n" + row(map[string]string{"source_url": "ftp://example.org/a"}), `field source_url: invalid address "ftp://example.org/a"`, ""},
		{"BadID", header + "\n" + row(map[string]string{"id": "T 1"}), `field id: invalid id "T 1"`, ""},
		{"FieldCount", header + "\nT-1,CHN\n", "x.csv:2: want 16 fields like the header, got 2", ""},
		{"BareQuote", header + "\n" + row(map[string]string{"title": `Te"st`}), `x.csv:2:34: bare " in non-quoted-field`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := registry.ParseCSV(strings.NewReader(tc.file), "x.csv", cat)
			if err == nil {
				t.Fatalf("got %d measures, want an error", len(ms))
			}
			if orewatch.ErrorCode(err) != orewatch.EINVALID {
				t.Errorf("code: got %s, want invalid", orewatch.ErrorCode(err))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want it to contain %q", err.Error(), tc.want)
			}
			if tc.sugg != "" {
				e := err.(*orewatch.Error)
				if !slices.Contains(e.Suggestions, tc.sugg) {
					t.Errorf("suggestions %v lack %q", e.Suggestions, tc.sugg)
				}
			}
		})
	}
}

func TestParseCSV(t *testing.T) {
	cat := catalog.New()
	t.Run("ColumnsInAnyOrder", func(t *testing.T) {
		cols := slices.Clone(registry.Columns)
		slices.Reverse(cols)
		vals := strings.Split(row(nil), ",")
		slices.Reverse(vals)
		file := strings.Join(cols, ",") + "\n" + strings.Join(vals, ",") + "\n"
		ms, err := registry.ParseCSV(strings.NewReader(file), "x.csv", cat)
		if err != nil {
			t.Fatal(err)
		}
		want := &orewatch.Measure{
			ID: "T-1", Jurisdiction: "CHN", Authority: "MOFCOM", Instrument: "Test instrument", Title: "Test",
			Type: orewatch.MeasureLicence, Announced: day("2025-01-01"), Effective: day("2025-02-01"),
			Items: []string{"gallium"}, Materials: []string{"gallium"}, TariffLines: []string{"8112929010"},
			Destinations: []string{"all"}, SourceURL: "https://example.org/a",
		}
		if diff := cmp.Diff([]*orewatch.Measure{want}, ms); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("KnownIDsForPartialFiles", func(t *testing.T) {
		file := header + "\n" + row(map[string]string{"id": "S-1", "measure_type": "suspension", "suspends": "CHN-2025-57"}) + "\n"
		p := &registry.Parser{Catalog: cat, KnownIDs: func(id string) bool { return id == "CHN-2025-57" }}
		ms, err := p.Parse(strings.NewReader(file), "x.csv")
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Suspends[0] != "CHN-2025-57" {
			t.Errorf("got %v", ms)
		}
	})
	t.Run("LowerCaseCodesAndBlankLines", func(t *testing.T) {
		file := header + "\n" + row(map[string]string{"jurisdiction_iso3": "chn", "destinations": "usa; jpn"}) + "\n" + strings.Repeat(",", 15) + "\n"
		ms, err := registry.ParseCSV(strings.NewReader(file), "x.csv", cat)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(ms[0].Jurisdiction, " ", ms[0].Destinations); got != "CHN [USA JPN]" || len(ms) != 1 {
			t.Errorf("got %d measures, %s", len(ms), got)
		}
	})
}
