// Package refdata embeds the reference data releases orewatch ships with —
// the USGS Mineral Commodity Summaries 2025 and 2026 data releases, the IEA
// Critical Minerals Dataset 2025 supply table and the World Bank Worldwide
// Governance Indicators — and loads them into a store on first start.
//
// The release files are embedded exactly as published (data/SOURCES.md says
// where each comes from); they are parsed with the usgs and iea packages, so
// the shipped figures are the importer's output, not a second copy.
package refdata

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"fmt"
	"io"
	"slices"
	"sync"

	"orewatch"
	"orewatch/catalog"
	"orewatch/iea"
	"orewatch/usgs"
)

//go:embed data/*.csv data/*.csv.gz data/SOURCES.md
var files embed.FS

// USGSFiles are the embedded USGS release files, in the order they are read.
var USGSFiles = []string{
	"MCS2025_World_Data.csv",
	"MCS2025_Fig2_Net_Import_Reliance.csv",
	"MCS2026_Commodities_Data.csv",
	"MCS2026_Fig2_Net_Import_Reliance.csv",
}

// IEAFile is the embedded IEA supply table.
const IEAFile = "IEA_CM_Dataset_2025_supply_2024_kt.csv"

// WGIFile is the embedded World Bank governance table.
const WGIFile = "wgi.csv"

// File returns the bytes of an embedded data file by its published name
// ("MCS2026_Commodities_Data.csv"), decompressing it when it is stored
// gzipped.
func File(name string) ([]byte, error) {
	if b, err := files.ReadFile("data/" + name); err == nil {
		return b, nil
	}
	gz, err := files.ReadFile("data/" + name + ".gz")
	if err != nil {
		return nil, fmt.Errorf("refdata: no embedded file %q", name)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("refdata: %s: %w", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("refdata: %s: %w", name, err)
	}
	return b, nil
}

// parsed holds the releases, parsed once.
type parsed struct {
	releases []*orewatch.Release
	usgs     []*usgs.File
	iea      *iea.File
}

var load = sync.OnceValues(func() (*parsed, error) {
	cat := catalog.New()
	p := &parsed{}
	for _, name := range USGSFiles {
		b, err := File(name)
		if err != nil {
			return nil, err
		}
		f, err := usgs.ParseBytes(name, b, cat)
		if err != nil {
			return nil, fmt.Errorf("refdata: %w", err)
		}
		p.usgs = append(p.usgs, f)
	}
	var err error
	if p.releases, err = usgs.Merge(p.usgs...); err != nil {
		return nil, fmt.Errorf("refdata: %w", err)
	}
	b, err := File(IEAFile)
	if err != nil {
		return nil, err
	}
	if p.iea, err = iea.Parse(IEAFile, bytes.NewReader(b), cat); err != nil {
		return nil, fmt.Errorf("refdata: %w", err)
	}
	p.releases = append(p.releases, p.iea.Release)
	for _, r := range p.releases {
		if err := orewatch.ValidateRelease(r); err != nil {
			return nil, fmt.Errorf("refdata: release %s: %w", r.Source.ID, err)
		}
	}
	return p, nil
})

// Releases returns the embedded releases: USGS MCS 2025 (2023 and
// preliminary 2024 figures, 2024 net import reliance), USGS MCS 2026 (2024
// and estimated 2025 figures, net import reliance 2021–2025 with import
// shares 2021–24) and the IEA 2025 supply table (2024, kt). They are parsed
// once; each call returns a fresh copy that the caller may change.
func Releases() ([]*orewatch.Release, error) {
	p, err := load()
	if err != nil {
		return nil, err
	}
	out := make([]*orewatch.Release, len(p.releases))
	for i, r := range p.releases {
		out[i] = cloneRelease(r)
	}
	return out, nil
}

// embeddedSourceIDs are the sources of the embedded releases, known without
// parsing them, so that starting on a seeded store costs no parse.
// TestEmbeddedSourceIDs keeps the list equal to what Releases returns.
var embeddedSourceIDs = []string{usgs.SourceMCS2025, usgs.SourceMCS2026, iea.SourceID}

// Sources returns the source records of the embedded releases.
func Sources() ([]orewatch.Source, error) {
	p, err := load()
	if err != nil {
		return nil, err
	}
	out := make([]orewatch.Source, len(p.releases))
	for i, r := range p.releases {
		out[i] = r.Source
	}
	return out, nil
}

// Seed imports every embedded release whose source the store does not hold
// yet, each in one transaction, so that a fresh store has the reference data
// and seeding again changes nothing. It returns what was added.
func Seed(ctx context.Context, s orewatch.ReferenceStore) error {
	_, err := SeedResult(ctx, s)
	return err
}

// SeedResult is Seed that also reports, per source ID, what each import
// changed; sources already stored are absent.
func SeedResult(ctx context.Context, s orewatch.ReferenceStore) (map[string]orewatch.ImportResult, error) {
	stored, err := s.FindSources(ctx)
	if err != nil {
		return nil, fmt.Errorf("refdata: seed: %w", err)
	}
	have := make(map[string]bool, len(stored))
	for _, src := range stored {
		have[src.ID] = true
	}
	out := map[string]orewatch.ImportResult{}
	if !slices.ContainsFunc(embeddedSourceIDs, func(id string) bool { return !have[id] }) {
		return out, nil // everything is stored: no need to parse the releases
	}
	releases, err := Releases()
	if err != nil {
		return nil, err
	}
	for _, r := range releases {
		if have[r.Source.ID] {
			continue
		}
		res, err := s.ImportRelease(ctx, r)
		if err != nil {
			return out, fmt.Errorf("refdata: seed %s: %w", r.Source.ID, err)
		}
		out[r.Source.ID] = res
	}
	return out, nil
}

// ProcessingShares returns each country's share of world mining and refining
// output of the IEA minerals in 2024: country kt over the IEA world total.
func ProcessingShares() ([]iea.Share, error) {
	p, err := load()
	if err != nil {
		return nil, err
	}
	return iea.Shares(p.iea.Release), nil
}

// Skipped reports, per embedded USGS and IEA file, the cells and rows that
// carry no figure, by reason.
func Skipped() (map[string]map[string]int, error) {
	p, err := load()
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]int{}
	for _, f := range p.usgs {
		out[f.Name] = f.Skipped
	}
	out[p.iea.Name] = p.iea.Skipped
	return out, nil
}

// SourcesText returns data/SOURCES.md: where each embedded file comes from
// and its licence.
func SourcesText() string {
	b, _ := files.ReadFile("data/SOURCES.md")
	return string(b)
}

func cloneRelease(r *orewatch.Release) *orewatch.Release {
	out := &orewatch.Release{Source: r.Source}
	out.Figures = make([]*orewatch.Figure, len(r.Figures))
	for i, f := range r.Figures {
		c := *f
		if f.Quantity != nil {
			q := *f.Quantity
			c.Quantity = &q
		}
		out.Figures[i] = &c
	}
	out.ImportReliance = make([]*orewatch.ImportReliance, len(r.ImportReliance))
	for i, ir := range r.ImportReliance {
		c := *ir
		if ir.Percent != nil {
			p := *ir.Percent
			c.Percent = &p
		}
		c.Sources = make([]orewatch.ImportShare, len(ir.Sources))
		for j, s := range ir.Sources {
			if s.Percent != nil {
				p := *s.Percent
				s.Percent = &p
			}
			c.Sources[j] = s
		}
		out.ImportReliance[i] = &c
	}
	return out
}

// Complete returns the given USGS release files followed by the embedded
// files of the same editions in the formats the given ones lack, each parsed
// afresh, so that usgs.Merge sees whole releases. An edition is published as
// several files that settle one another (the MCS 2026 commodities file names
// import shares by product category, and only its Figure 2 table tells which
// category the chapter summarises): importing one file alone would otherwise
// store a lesser release over the full one. added names the embedded files
// used. Editions orewatch does not embed are returned as given.
func Complete(given []*usgs.File, res usgs.Resolver) (files []*usgs.File, added []string, err error) {
	have := map[string]bool{}
	editions := map[string]bool{}
	for _, f := range given {
		editions[f.Release.Source.ID] = true
		have[f.Release.Source.ID+"\x00"+string(f.Format)] = true
	}
	files = append(files, given...)
	if len(editions) == 0 {
		return files, nil, nil
	}
	for _, name := range USGSFiles {
		b, err := File(name)
		if err != nil {
			return nil, nil, err
		}
		f, err := usgs.ParseBytes(name, b, res)
		if err != nil {
			return nil, nil, fmt.Errorf("refdata: %w", err)
		}
		id := f.Release.Source.ID
		if !editions[id] || have[id+"\x00"+string(f.Format)] {
			continue
		}
		files = append(files, f)
		added = append(added, name)
	}
	return files, added, nil
}
