package catalog_test

import (
	"encoding/csv"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/internal/shared"
)

// readCSV reads a shared data file and returns its rows as maps by header.
func readCSV(t *testing.T, rel string) []map[string]string {
	t.Helper()
	f, err := os.Open(shared.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	header := recs[0]
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range header {
			if i < len(rec) {
				row[h] = rec[i]
			}
		}
		out = append(out, row)
	}
	return out
}

func distinct(rows []map[string]string, col string) []string {
	var out []string
	for _, r := range rows {
		if v, ok := r[col]; ok && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// TestUSGSCommoditiesResolve checks that every commodity of the USGS data
// releases resolves, and that the MCS 2026 names are the USGSCommodity of
// what they resolve to.
func TestUSGSCommoditiesResolve(t *testing.T) {
	c := catalog.New()
	files := []struct{ file, col string }{
		{"data/raw/MCS2025_World_Data.csv", "COMMODITY"},
		{"data/raw/MCS2026_Commodities_Data.csv", "Commodity"},
		{"data/raw/MCS2025_Fig2_Net_Import_Reliance.csv", "Commodity"},
		{"data/raw/MCS2026_Fig2_Net_Import_Reliance.csv", "Commodity"},
	}
	for _, f := range files {
		names := distinct(readCSV(t, f.file), f.col)
		if len(names) < 20 {
			t.Fatalf("%s: only %d commodities read", f.file, len(names))
		}
		for _, name := range names {
			m, err := c.USGSMaterial(name)
			if err != nil {
				t.Errorf("%s: commodity %q: %v", f.file, name, err)
				continue
			}
			if f.col == "Commodity" && strings.Contains(f.file, "Commodities_Data") &&
				catalog.Fold(m.USGSCommodity) != catalog.Fold(name) {
				t.Errorf("%s: %q resolves to %q whose USGS commodity is %q", f.file, name, m.Name, m.USGSCommodity)
			}
		}
	}
}

func TestIEAMineralsResolve(t *testing.T) {
	c := catalog.New()
	for _, name := range distinct(readCSV(t, "data/raw/IEA_CM_Dataset_2025_supply_2024_kt.csv"), "iea_mineral") {
		if _, err := c.IEAMaterial(name); err != nil {
			t.Errorf("IEA mineral %q: %v", name, err)
		}
	}
}

// TestDataMaterialsResolve checks the material keys of the curated data
// files ("rare_earths", "graphite_natural").
func TestDataMaterialsResolve(t *testing.T) {
	c := catalog.New()
	for _, file := range []string{"data/mine_production.csv", "data/reserves.csv", "data/processing_share.csv", "data/us_import_reliance.csv"} {
		for _, name := range distinct(readCSV(t, file), "material") {
			if _, err := c.Material(name); err != nil {
				t.Errorf("%s: material %q: %v", file, name, err)
			}
		}
	}
}

// notCountries are the row labels of the data files that name no single
// country: world and regional totals, residual rows and groups of countries.
var notCountries = []string{
	"World", "World total", "World total (rounded)", "World total (rounded) 10",
	"World total (rounded), natural", "World total (rounded), synthetic",
	"World total (ilmenite and rutile, rounded)", "World total (ilmenite, rounded)",
	"World total (rutile, rounded)", "Total", "Rest of world",
	"Other countries", "Other Countries", "Other countries (rounded)", "Other countries (includes crude)",
	"Top 3 share (fraction, as published)",
	"China, Germany, and Russia", "United\u00a0States and Canada",
	"NA", "other",
}

// importSources splits the import-source lists of the data files: "China 71%
// (incl. Hong Kong); Malaysia 13%" or "China, Morocco, Malaysia, Belgium"
// (with footnote digits, as in "China3").
func importSources(s string) []string {
	if i := strings.Index(s, ":"); i >= 0 && strings.HasPrefix(s, "Import sources") {
		s = s[i+1:]
	}
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	}
	share := regexp.MustCompile(`\s*(\d+%)?\s*(\(.*\))?\s*$`)
	footnote := regexp.MustCompile(`\D(\d)$`)
	var out []string
	for _, p := range strings.Split(s, sep) {
		p = strings.TrimSpace(share.ReplaceAllString(strings.TrimSpace(p), ""))
		if m := footnote.FindStringSubmatchIndex(p); m != nil {
			p = p[:m[2]]
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func TestImportSourcesSplit(t *testing.T) {
	got := importSources("Import sources (2021–24), rare-earth compounds and metals: China 71% (incl. Hong Kong); Malaysia 13%; other 6%")
	if want := []string{"China", "Malaysia", "other"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	got = importSources("Canada, United Arab Emirates, Bahrain, China3")
	if want := []string{"Canada", "United Arab Emirates", "Bahrain", "China"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestDataCountriesResolve checks that every country name the data files
// use resolves, and to the ISO3 code the file gives where it gives one.
func TestDataCountriesResolve(t *testing.T) {
	c := catalog.New()
	type source struct {
		file, nameCol, isoCol string
		list                  bool // the column holds lists of import sources
	}
	sources := []source{
		{file: "data/raw/MCS2025_World_Data.csv", nameCol: "COUNTRY"},
		{file: "data/raw/MCS2026_Commodities_Data.csv", nameCol: "Country"},
		{file: "data/raw/MCS2026_T4_Country_Export_Control.csv", nameCol: "Country"},
		{file: "data/raw/IEA_CM_Dataset_2025_supply_2024_kt.csv", nameCol: "country"},
		{file: "data/raw/MCS2025_Fig2_Net_Import_Reliance.csv", nameCol: "Major_Import_Sources_2020_2023", list: true},
		{file: "data/raw/MCS2026_Fig2_Net_Import_Reliance.csv", nameCol: "Major_Import_Sources_2021_24", list: true},
		{file: "data/mine_production.csv", nameCol: "country_name", isoCol: "country_iso3"},
		{file: "data/reserves.csv", nameCol: "country_name", isoCol: "country_iso3"},
		{file: "data/processing_share.csv", nameCol: "country_name", isoCol: "country_iso3"},
		{file: "data/us_import_reliance.csv", nameCol: "top_import_sources", list: true},
		{file: "data/wgi.csv", nameCol: "country_name", isoCol: "country_iso3"},
	}
	found := map[string]bool{}
	for _, s := range sources {
		rows := readCSV(t, s.file)
		checked := 0
		for _, r := range rows {
			names := []string{r[s.nameCol]}
			if s.list {
				names = importSources(r[s.nameCol])
			}
			for _, name := range names {
				if slices.Contains(notCountries, strings.TrimSpace(name)) || (s.isoCol != "" && r[s.isoCol] == "WLD") {
					continue
				}
				checked++
				k, err := c.Country(name)
				if err != nil {
					t.Errorf("%s: country %q: %v", s.file, name, err)
					continue
				}
				found[k.ISO3] = true
				if s.isoCol != "" && k.ISO3 != r[s.isoCol] {
					t.Errorf("%s: country %q resolves to %s, the file says %s", s.file, name, k.ISO3, r[s.isoCol])
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no country names checked", s.file)
		}
	}
	// Every country of the data files has a demonym, except the two whose
	// demonym another country takes: "Congolese" means the DRC and
	// "Dominican" the Dominican Republic.
	for code := range found {
		if k, _ := c.Country(code); len(k.Demonyms) == 0 && code != "COG" && code != "DMA" {
			t.Errorf("%s (%s): no demonym", code, k.Name)
		}
	}
}

// g20 are the country members of the G20.
var g20 = []string{"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
	"MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"}

// TestMajorCountriesHaveCapitalAndDemonym checks the producers, refiners and
// US import sources of the data files, and the G20: each has a capital to
// read as a metonym and a demonym.
func TestMajorCountriesHaveCapitalAndDemonym(t *testing.T) {
	c := catalog.New()
	codes := slices.Clone(g20)
	for _, file := range []string{"data/mine_production.csv", "data/processing_share.csv", "data/reserves.csv"} {
		for _, code := range distinct(readCSV(t, file), "country_iso3") {
			if code != "WLD" && !slices.Contains(codes, code) {
				codes = append(codes, code)
			}
		}
	}
	for _, r := range readCSV(t, "data/us_import_reliance.csv") {
		for _, name := range importSources(r["top_import_sources"]) {
			if k, err := c.Country(name); err == nil && !slices.Contains(codes, k.ISO3) {
				codes = append(codes, k.ISO3)
			}
		}
	}
	if len(codes) < 40 {
		t.Errorf("only %d major countries found, want at least 40", len(codes))
	}
	for _, code := range codes {
		k, err := c.Country(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if k.Capital == "" {
			t.Errorf("%s (%s): no capital", code, k.Name)
		}
		if len(k.Demonyms) == 0 {
			t.Errorf("%s (%s): no demonym", code, k.Name)
		}
	}
}

// nonMaterialItems are measure items that name no material: scopes of whole
// lists, rules and packages.
var nonMaterialItems = []string{
	"all listed dual-use items",
	"all dual-use items (US military end users / military end uses)",
	"all dual-use items (incl. listed rare-earth items)",
	"China-origin rare-earth items listed in Annex 1 (re-export by overseas organisations and individuals)",
	"foreign-made items listed in Annex 1 Part 2 containing China-origin Annex 1 Part 1 rare-earth items",
	"Annex 1 items made abroad using China-origin rare-earth technology",
	"export control measures announced 2025-10-09 (rare earths, rare-earth equipment and technology, superhard materials, lithium batteries, graphite anode)",
	"extraterritorial rare-earth rules",
}

// TestMeasureItemsAndLines checks the registry's items and tariff lines: each
// item resolves (unless it names no material), each printed line is a CHN
// line of some material with the measure as its source, and no CHN line of
// the catalogue is missing from the measure it cites.
func TestMeasureItemsAndLines(t *testing.T) {
	c := catalog.New()
	rows := readCSV(t, "data/measures.csv")
	printed := map[string]map[string]bool{} // measure id → codes
	for _, r := range rows {
		id := r["id"]
		for _, item := range strings.Split(r["items"], ";") {
			if item = strings.TrimSpace(item); item == "" || slices.Contains(nonMaterialItems, item) {
				continue
			}
			if _, err := c.Material(item); err != nil {
				t.Errorf("%s: item %q: %v", id, item, err)
			}
		}
		printed[id] = map[string]bool{}
		for _, code := range strings.Split(r["hs_codes"], ";") {
			if code = strings.TrimSpace(code); code != "" {
				printed[id][code] = true
			}
		}
	}
	attached := map[string]map[string]bool{}
	// onLookup holds the lines an element or group lists: users look a
	// measure's lines up on the element or group, not only on a product.
	onLookup := map[string]map[string]bool{}
	for _, m := range c.Materials() {
		for _, l := range m.TariffLines {
			if l.Scheme != "HS" && (m.Kind == orewatch.KindElement || m.Kind == orewatch.KindGroup) {
				if onLookup[l.Source] == nil {
					onLookup[l.Source] = map[string]bool{}
				}
				onLookup[l.Source][l.Code] = true
			}
			switch {
			case l.Scheme == "CHN":
				if !printed[l.Source][l.Code] {
					t.Errorf("%q: CHN line %s cites %s, which does not print it", m.Name, l.Code, l.Source)
				}
				if attached[l.Source] == nil {
					attached[l.Source] = map[string]bool{}
				}
				attached[l.Source][l.Code] = true
			case l.Scheme == "HS" && l.Source != "HS 2022 nomenclature":
				ok := false
				for code := range printed[l.Source] {
					ok = ok || strings.HasPrefix(code, l.Code)
				}
				if !ok {
					t.Errorf("%q: HS line %s cites %s, which prints no line under it", m.Name, l.Code, l.Source)
				}
			}
		}
	}
	for id, codes := range printed {
		for code := range codes {
			if !attached[id][code] {
				t.Errorf("%s: printed line %s is attached to no material", id, code)
			}
			if !onLookup[id][code] {
				t.Errorf("%s: printed line %s is listed on no element or group", id, code)
			}
		}
	}
}
