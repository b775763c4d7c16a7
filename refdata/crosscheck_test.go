package refdata_test

import (
	"encoding/csv"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/internal/shared"
	"orewatch/refdata"
)

// The curated tables in the shared data folder were read by hand from the
// same releases. Every value there must be what the importer reads from the
// raw files: that is the proof that the parsers read the releases right.

// readCurated reads a curated CSV as maps keyed by header.
func readCurated(t *testing.T, rel string) []map[string]string {
	t.Helper()
	fh, err := os.Open(shared.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// curatedMaterial maps the curated tables' material keys to catalogue names.
func curatedMaterial(t *testing.T, key string) string {
	t.Helper()
	name := map[string]string{"graphite_natural": "natural graphite"}[key]
	if name == "" {
		name = strings.ReplaceAll(key, "_", " ")
	}
	m, err := catalog.New().Material(name)
	if err != nil {
		t.Fatalf("curated material %q: %v", key, err)
	}
	return m.Name
}

// sourceOf names the release a curated source text cites, by its DOI.
func sourceOf(t *testing.T, text string) string {
	t.Helper()
	switch {
	case strings.Contains(text, "10.5066/P13XCP3R"):
		return "usgs-mcs-2025"
	case strings.Contains(text, "10.5066/P1WKQ63T"):
		return "usgs-mcs-2026"
	case strings.Contains(text, "IEA Critical Minerals Dataset"):
		return "iea-cm-2025"
	}
	return ""
}

func TestCrossCheckMineProduction(t *testing.T) {
	rows := readCurated(t, "data/mine_production.csv")
	rs := releases(t)
	checked := 0
	for _, c := range rows {
		material := curatedMaterial(t, c["material"])
		src := sourceOf(t, c["source"])
		year, _ := strconv.Atoi(c["year"])
		stage := orewatch.StageMining
		if basis := strings.ToLower(c["basis"]); !strings.HasPrefix(basis, "mine production") {
			stage = orewatch.StageRefining
		}
		name := c["material"] + "/" + c["country_iso3"] + "/" + c["year"] + "/" + src
		var cands []*orewatch.Figure
		for _, f := range rs[src].Figures {
			if f.Material == material && f.Country == c["country_iso3"] && f.Year == year && f.Stage == stage {
				cands = append(cands, f)
			}
		}
		if len(cands) == 0 {
			t.Errorf("%s: curated %q, but the importer read no %s figure", name, c["quantity"], stage)
			continue
		}
		ok := false
		for _, f := range cands {
			if c["quantity"] == "" {
				ok = ok || f.Withheld && f.Quantity == nil
				continue
			}
			want, err := strconv.ParseFloat(c["quantity"], 64)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ok = ok || f.Quantity != nil && *f.Quantity == want && f.Unit == c["unit"]
		}
		if !ok {
			var got []string
			for _, f := range cands {
				got = append(got, figureText(f))
			}
			t.Errorf("%s: curated %q %s, importer read %s", name, c["quantity"], c["unit"], strings.Join(got, "; "))
		}
		checked++
	}
	if checked < 500 {
		t.Fatalf("checked %d curated production values, want them all (over 500)", checked)
	}
}

func figureText(f *orewatch.Figure) string {
	q := "nil"
	if f.Quantity != nil {
		q = strconv.FormatFloat(*f.Quantity, 'f', -1, 64)
	}
	return q + " " + f.Unit + " (" + f.Detail + ")"
}

func TestCrossCheckReserves(t *testing.T) {
	rows := readCurated(t, "data/reserves.csv")
	rs := releases(t)
	for _, c := range rows {
		material := curatedMaterial(t, c["material"])
		src := sourceOf(t, c["source"])
		name := c["material"] + "/" + c["country_iso3"] + "/" + src
		want, err := strconv.ParseFloat(c["quantity"], 64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		lower := strings.Contains(c["source"], "lower bound")
		var got []string
		ok := false
		for _, f := range rs[src].Figures {
			if f.Material != material || f.Country != c["country_iso3"] || f.Stage != orewatch.StageReserves {
				continue
			}
			got = append(got, figureText(f))
			ok = ok || f.Quantity != nil && *f.Quantity == want && f.LowerBound == lower
		}
		if !ok {
			t.Errorf("%s: curated %v (lower bound %v), importer read %v", name, want, lower, got)
		}
	}
}

// shareRe reads "China 71% (incl. Hong Kong)" and "other 6%".
var shareRe = regexp.MustCompile(`^(.+?) (\d+(?:\.\d+)?)%`)

func TestCrossCheckImportReliance(t *testing.T) {
	rows := readCurated(t, "data/us_import_reliance.csv")
	rs := releases(t)
	cat := catalog.New()
	for _, c := range rows {
		material := curatedMaterial(t, c["material"])
		src := sourceOf(t, c["source"])
		year, _ := strconv.Atoi(c["year"])
		name := c["material"] + "/" + c["year"] + "/" + src
		var match *orewatch.ImportReliance
		var got []string
		for _, ir := range rs[src].ImportReliance {
			if ir.Material != material || ir.Year != year {
				continue
			}
			got = append(got, ir.Value+" ("+ir.Basis+")")
			if ir.Value == c["net_import_reliance_pct"] && (match == nil || len(ir.Sources) > len(match.Sources)) {
				match = ir
			}
		}
		if match == nil {
			t.Errorf("%s: curated %q, importer read %v", name, c["net_import_reliance_pct"], got)
			continue
		}
		_, list, _ := strings.Cut(c["top_import_sources"], ": ")
		for _, part := range strings.Split(list, "; ") {
			m := shareRe.FindStringSubmatch(part)
			if m == nil {
				t.Fatalf("%s: cannot read curated share %q", name, part)
			}
			pct, _ := strconv.ParseFloat(m[2], 64)
			code := ""
			if m[1] != "other" {
				k, err := cat.Country(m[1])
				if err != nil {
					t.Fatalf("%s: curated country %q: %v", name, m[1], err)
				}
				code = k.ISO3
			}
			found := false
			for _, s := range match.Sources {
				if s.Country == code && s.Percent != nil && *s.Percent == pct {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: curated import share %s %v%%, importer read %+v (product %q)", name, m[1], pct, shareList(match.Sources), match.Product)
			}
		}
	}
}

func shareList(ss []orewatch.ImportShare) []string {
	var out []string
	for _, s := range ss {
		p := "?"
		if s.Percent != nil {
			p = strconv.FormatFloat(*s.Percent, 'f', -1, 64)
		}
		out = append(out, s.CountryName+" "+p)
	}
	return out
}

func TestCrossCheckProcessingShares(t *testing.T) {
	rows := readCurated(t, "data/processing_share.csv")
	shares, err := refdata.ProcessingShares()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, c := range rows {
		if sourceOf(t, c["source"]) != "iea-cm-2025" {
			continue // second-hand figures the IEA table does not hold
		}
		material := curatedMaterial(t, c["material"])
		want, _ := strconv.ParseFloat(c["share_pct"], 64)
		name := c["material"] + "/" + c["stage"] + "/" + c["country_iso3"]
		found := false
		for _, s := range shares {
			if s.Material == material && s.Country == c["country_iso3"] && s.Stage == orewatch.StageRefining && s.Year == 2024 {
				found = true
				if got := math.Round(s.Share*1000) / 10; got != want {
					t.Errorf("%s: curated %v%%, computed %v%%", name, want, got)
				}
			}
		}
		if !found {
			t.Errorf("%s: curated %v%%, no computed share", name, want)
		}
		checked++
	}
	if checked < 25 {
		t.Fatalf("checked %d IEA shares, want every IEA row", checked)
	}
}
