package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"orewatch"
	"orewatch/iea"
	"orewatch/refdata"
	"orewatch/usgs"
)

func init() {
	register(&command{name: "import", summary: "import USGS or IEA data release files into the store", run: runImport})
}

const importHelp = `Import data release files into the store.

  orewatch import usgs FILE...   USGS Mineral Commodity Summaries data releases:
                                 the world-data table (MCS2025_World_Data.csv),
                                 the long-format commodities file
                                 (MCS2026_Commodities_Data.csv) and the Figure 2
                                 net-import-reliance tables
                                 (MCS20xx_Fig2_Net_Import_Reliance.csv)
  orewatch import iea FILE       the IEA Critical Minerals Dataset supply table
                                 (columns iea_mineral, stage, country, kt_YYYY)

The format of each file is detected from its header; FILE "-" reads standard
input. Every file is read before anything is stored: a malformed file fails
with its name, line and column, and nothing is imported. The files of one
edition are stored as one release, in one transaction; a file of an edition
orewatch embeds is read with the embedded files of that edition it does not
replace, so that one file alone stores the whole release, and import sources
a file cannot settle are kept as stored. Importing the same files again
changes nothing. The embedded releases are loaded on first start,
so this is for newer editions or corrected files.

For each release it prints what was added, updated and unchanged, and, by
reason, the cells that carry no number and were not stored ("—", NA, ranges,
aggregate rows such as "Other countries"). Withheld values (W) are stored,
without a number. --json prints {"releases": [{"source", "added", "updated",
"unchanged"}], "files": [{"file", "format", "source", "rows", "skipped"}]}.`

// importFile is one parsed input file, for the report.
type importFile struct {
	File    string         `json:"file"`
	Format  string         `json:"format"`
	Source  string         `json:"source"`
	Rows    int            `json:"rows"`
	Skipped map[string]int `json:"skipped,omitempty"`
}

// importRelease is what storing one release changed.
type importRelease struct {
	Source string `json:"source"`
	orewatch.ImportResult
}

func runImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("import", "import usgs|iea FILE... [--json] [--db DSN]", importHelp)
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("import needs a kind and at least one FILE: orewatch import usgs FILE... or orewatch import iea FILE")
	}
	kind, names := strings.ToLower(pos[0]), pos[1:]
	if kind != "usgs" && kind != "iea" {
		return usagef("import: unknown kind %q (want usgs or iea)", pos[0])
	}

	var files []importFile
	var releases []*orewatch.Release
	var usgsFiles []*usgs.File
	cat := m.Catalog()
	for _, name := range names {
		b, err := m.readInput(name)
		if err != nil {
			return err
		}
		switch kind {
		case "usgs":
			if isIEA(b) {
				return orewatch.Errorf(orewatch.EINVALID, "%s is the IEA supply table, not a USGS file: use orewatch import iea %s", name, name)
			}
			f, err := usgs.ParseBytes(name, b, cat)
			if err != nil {
				return err
			}
			usgsFiles = append(usgsFiles, f)
			files = append(files, importFile{File: name, Format: string(f.Format), Source: f.Release.Source.ID, Rows: f.Rows, Skipped: f.Skipped})
		case "iea":
			f, err := iea.Parse(name, bytes.NewReader(b), cat)
			if err != nil {
				return err
			}
			releases = append(releases, f.Release)
			files = append(files, importFile{File: name, Format: "iea-cm-supply", Source: f.Release.Source.ID, Rows: f.Rows, Skipped: f.Skipped})
		}
	}
	// The files of an edition settle one another; complete an edition
	// given in part with its embedded files, so that a file imported alone
	// stores the same release as the whole edition.
	var embedded []string
	if len(usgsFiles) > 0 {
		if usgsFiles, embedded, err = refdata.Complete(usgsFiles, cat); err != nil {
			return err
		}
	}
	merged, err := usgs.Merge(usgsFiles...)
	if err != nil {
		return err
	}
	releases = append(merged, releases...)

	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	if err := keepImportSources(ctx, store, usgsFiles); err != nil {
		return err
	}
	var results []importRelease
	for _, r := range releases {
		res, err := store.ImportRelease(ctx, r)
		if err != nil {
			return fmt.Errorf("importing %s: %w", r.Source.ID, err)
		}
		results = append(results, importRelease{Source: r.Source.ID, ImportResult: res})
	}
	if *asJSON {
		return m.printJSON(struct {
			Releases []importRelease `json:"releases"`
			Files    []importFile    `json:"files"`
			Embedded []string        `json:"embedded,omitempty"`
		}{results, files, embedded})
	}
	w := m.Stdout
	for _, f := range files {
		fmt.Fprintf(w, "%s: %s, %d rows (%s)\n", f.File, f.Format, f.Rows, f.Source)
		reasons := make([]string, 0, len(f.Skipped))
		for r := range f.Skipped {
			reasons = append(reasons, r)
		}
		sort.Slice(reasons, func(i, j int) bool {
			if f.Skipped[reasons[i]] != f.Skipped[reasons[j]] {
				return f.Skipped[reasons[i]] > f.Skipped[reasons[j]]
			}
			return reasons[i] < reasons[j]
		})
		for _, r := range reasons {
			fmt.Fprintf(w, "  not stored: %5d  %s\n", f.Skipped[r], r)
		}
	}
	for _, name := range embedded {
		fmt.Fprintf(w, "%s: embedded file of the same edition, read to complete the release\n", name)
	}
	for _, r := range results {
		fmt.Fprintf(w, "%s: %d added, %d updated, %d unchanged\n", r.Source, r.Added, r.Updated, r.Unchanged)
	}
	return nil
}

// keepImportSources gives the reliance rows whose import-source category
// the files could not settle the import sources the store already holds for
// them: a file that cannot tell the sources must not blank them out.
func keepImportSources(ctx context.Context, store orewatch.ReferenceStore, files []*usgs.File) error {
	for _, f := range files {
		for _, ir := range f.Unsettled() {
			material, year := ir.Material, ir.Year
			stored, err := store.FindImportReliance(ctx, orewatch.ImportRelianceFilter{Material: &material, Year: &year})
			if err != nil {
				return err
			}
			for _, s := range stored {
				if s.SourceID == ir.SourceID && s.Commodity == ir.Commodity && s.Basis == ir.Basis && len(s.Sources) > 0 {
					ir.Sources, ir.Period, ir.Product = s.Sources, s.Period, s.Product
					break
				}
			}
		}
	}
	return nil
}

// readInput reads a file, or standard input for "-".
func (m *Main) readInput(name string) ([]byte, error) {
	if name == "-" {
		b, err := io.ReadAll(m.Stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, orewatch.Errorf(orewatch.EINVALID, "cannot read %s: %v", name, err)
	}
	return b, nil
}

// isIEA reports whether the first line of b is the IEA supply table's header.
func isIEA(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	return err == nil && iea.Detect(header)
}
