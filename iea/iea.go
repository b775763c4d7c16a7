// Package iea reads the IEA Critical Minerals Dataset supply table (total
// supply by country for key minerals, mining and refining, in thousand
// tonnes) into an orewatch.Release: one figure per mineral, stage and
// country, with the world total under WLD.
//
// The input is the table as extracted from the dataset's sheet "2 Total
// supply for key minerals": columns iea_mineral, stage, country and one
// kt_YYYY column. Parsing is a plain function of the bytes and a catalogue;
// a malformed file is an error naming the file, line and column.
package iea

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"orewatch"
)

// SourceID is the ID of the dataset edition this package reads.
const SourceID = "iea-cm-2025"

// Source is the publication record of the dataset, as the publisher names it.
var Source = orewatch.Source{
	ID:        SourceID,
	Title:     "IEA Critical Minerals Dataset (Critical Minerals Data Explorer), May 2025 edition",
	Publisher: "International Energy Agency",
	Year:      2025,
	URL:       "https://www.iea.org/data-and-statistics/data-product/critical-minerals-dataset",
	Licence:   "CC BY 4.0",
	Note:      "Accompanies the Global Critical Minerals Outlook 2025; base year 2024. Sheet \"2 Total supply for key minerals\".",
}

// Unit is the unit of every value of the table.
const Unit = "thousand metric tons"

// Resolver resolves mineral and country names. orewatch.CatalogService
// satisfies it.
type Resolver interface {
	Material(name string) (*orewatch.Material, error)
	Country(name string) (*orewatch.Country, error)
}

// ieaMaterials is the optional method of a catalogue that knows the IEA's
// mineral names in particular.
type ieaMaterials interface {
	IEAMaterial(name string) (*orewatch.Material, error)
}

// bases states the scope of a mineral series where the IEA defines it more
// narrowly or widely than the catalogue name suggests.
var bases = map[string]string{
	"rare earth elements": "magnet rare earth elements (IEA scope)",
	"graphite":            "graphite as the IEA defines it (not only natural graphite; scope not checked)",
}

// File is what the table holds and what parsing left out.
type File struct {
	Name    string
	Release *orewatch.Release
	Rows    int
	Skipped map[string]int
}

var ktColumnRe = regexp.MustCompile(`^kt_(\d{4})$`)

// Detect reports whether a header row is the IEA supply table's.
func Detect(header []string) bool {
	_, _, _, _, err := columnsOf(header)
	return err == nil
}

func columnsOf(header []string) (iMineral, iStage, iCountry, iValue int, err error) {
	iMineral, iStage, iCountry, iValue = -1, -1, -1, -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case h == "iea_mineral":
			iMineral = i
		case h == "stage":
			iStage = i
		case h == "country":
			iCountry = i
		case ktColumnRe.MatchString(h):
			iValue = i
		}
	}
	if iMineral < 0 || iStage < 0 || iCountry < 0 || iValue < 0 {
		return 0, 0, 0, 0, errors.New("want columns iea_mineral, stage, country and kt_YYYY")
	}
	return iMineral, iStage, iCountry, iValue, nil
}

// Parse reads the supply table.
func Parse(name string, r io.Reader, res Resolver) (*File, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s: empty file", name)
	} else if err != nil {
		return nil, csvError(name, err)
	}
	iMineral, iStage, iCountry, iValue, err := columnsOf(header)
	if err != nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "%s:1:1: not the IEA supply table: %v", name, err)
	}
	year, _ := strconv.Atoi(ktColumnRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(header[iValue])))[1])
	valueColumn := strings.TrimSpace(header[iValue])

	lookup := res.Material
	if x, ok := res.(ieaMaterials); ok {
		lookup = x.IEAMaterial
	}
	materials := map[string]string{}
	countries := map[string]string{}
	type key struct {
		material, country string
		stage             orewatch.Stage
	}
	seen := map[key]int{} // line of the first figure with the key
	byKey := map[key]*orewatch.Figure{}
	f := &File{Name: name, Release: &orewatch.Release{Source: Source}}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, csvError(name, err)
		}
		f.Rows++
		mineral := strings.TrimSpace(rec[iMineral])
		country := strings.TrimSpace(rec[iCountry])
		lower := strings.ToLower(country)
		if strings.HasPrefix(lower, "top 3 share") || lower == "rest of world" {
			f.skip("aggregate row (" + country + ")")
			continue
		}
		stage := orewatch.Stage(strings.ToLower(strings.TrimSpace(rec[iStage])))
		if stage != orewatch.StageMining && stage != orewatch.StageRefining {
			line, col := cr.FieldPos(iStage)
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column stage: unknown stage %q (want mining or refining)", name, line, col, rec[iStage])
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(rec[iValue]), 64)
		if err != nil || math.IsNaN(q) || math.IsInf(q, 0) || q < 0 {
			line, col := cr.FieldPos(iValue)
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: column %s: bad number %q", name, line, col, valueColumn, rec[iValue])
		}
		material, ok := materials[mineral]
		if !ok {
			if m, err := lookup(mineral); err == nil {
				material = m.Name
			}
			materials[mineral] = material
		}
		if material == "" {
			f.skip("unknown mineral (" + mineral + ")")
			continue
		}
		code, ok := countries[country]
		if !ok {
			if lower == "total" || lower == "world" {
				code = orewatch.WorldCode
			} else if c, err := res.Country(country); err == nil {
				code = c.ISO3
			}
			countries[country] = code
		}
		if code == "" {
			f.skip("not a single country (" + country + ")")
			continue
		}
		fig := &orewatch.Figure{
			Material:    material,
			Commodity:   mineral,
			Country:     code,
			CountryName: country,
			Year:        year,
			Stage:       stage,
			Detail:      "Total supply: " + string(stage),
			Quantity:    &q,
			Unit:        Unit,
			Basis:       bases[strings.ToLower(mineral)],
			SourceID:    SourceID,
		}
		k := key{material, code, stage}
		line, _ := cr.FieldPos(0)
		if first, dup := seen[k]; dup {
			if orewatch.SameFigure(byKey[k], fig) {
				f.skip("duplicate of an identical row")
				continue
			}
			return nil, orewatch.Errorf(orewatch.EINVALID, "%s:%d: %s %s %s is also given on line %d with another value", name, line, mineral, stage, country, first)
		}
		seen[k], byKey[k] = line, fig
		f.Release.Figures = append(f.Release.Figures, fig)
	}
	return f, nil
}

func (f *File) skip(reason string) {
	if f.Skipped == nil {
		f.Skipped = map[string]int{}
	}
	f.Skipped[reason]++
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields for the header"
		}
		return orewatch.Errorf(orewatch.EINVALID, "%s:%d:%d: %s", name, pe.Line, pe.Column, msg)
	}
	return orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
}

// Share is a country's share of a stage's world total, as computed from the
// table: country tonnage over the "Total" row, both IEA.
type Share struct {
	Material string         `json:"material"`
	Stage    orewatch.Stage `json:"stage"`
	Country  string         `json:"country"`
	Year     int            `json:"year"`
	Share    float64        `json:"share"` // 0..1
	Basis    string         `json:"basis,omitempty"`
	SourceID string         `json:"source"`
}

// Shares computes each country's share of its mineral and stage's world
// total from a release's figures. A series without a positive world total
// has no shares.
func Shares(r *orewatch.Release) []Share {
	type key struct {
		material string
		stage    orewatch.Stage
		year     int
	}
	world := map[key]float64{}
	for _, f := range r.Figures {
		if f.Country == orewatch.WorldCode && f.Quantity != nil {
			world[key{f.Material, f.Stage, f.Year}] = *f.Quantity
		}
	}
	var out []Share
	for _, f := range r.Figures {
		if f.Country == orewatch.WorldCode || f.Quantity == nil {
			continue
		}
		w := world[key{f.Material, f.Stage, f.Year}]
		if w <= 0 {
			continue
		}
		out = append(out, Share{Material: f.Material, Stage: f.Stage, Country: f.Country, Year: f.Year,
			Share: *f.Quantity / w, Basis: f.Basis, SourceID: r.Source.ID})
	}
	return out
}
