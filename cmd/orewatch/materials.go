package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"orewatch"
)

func init() {
	register(&command{name: "materials", summary: "list the materials catalogue", run: runMaterials})
	register(&command{name: "material", summary: "show a material: kind, symbol, groups, aliases, tariff lines, data held", run: runMaterial})
}

// materialKinds are the kinds --kind accepts.
var materialKinds = []orewatch.MaterialKind{
	orewatch.KindElement, orewatch.KindGroup, orewatch.KindProduct, orewatch.KindTechnology, orewatch.KindEquipment,
}

func runMaterials(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("materials", "materials [--kind KIND] [--json] [--db DSN]",
		`List the materials catalogue: canonical name, kind, element symbol and the
groups each belongs to. --json prints an array of materials with every
field (name, kind, symbol, parents, aliases, tariff_lines, usgs_commodity,
note).`)
	kind := fs.String("kind", "", "only this kind: element, group, product, technology or equipment")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addIgnoredDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("materials takes no arguments, got %q (to show one material: orewatch material %s)", pos[0], pos[0])
	}
	var want orewatch.MaterialKind
	if *kind != "" {
		for _, k := range materialKinds {
			if strings.EqualFold(*kind, string(k)) {
				want = k
			}
		}
		if want == "" {
			return usagef("materials: unknown kind %q (want element, group, product, technology or equipment)", *kind)
		}
	}
	list := []*orewatch.Material{}
	for _, mat := range m.Catalog().Materials() {
		if want == "" || mat.Kind == want {
			list = append(list, mat)
		}
	}
	if *asJSON {
		return m.printJSON(list)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tSYMBOL\tGROUPS")
	for _, mat := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", mat.Name, mat.Kind, mat.Symbol, strings.Join(mat.Parents, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%d materials\n", len(list))
	return nil
}

func runMaterial(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("material", "material NAME [--json] [--db DSN]",
		`Resolve NAME (a name, alias or element symbol, any case: "Dy", "REE",
"natural graphite") in the catalogue and show the material: kind, symbol,
groups, aliases, tariff lines, the entries below it, and which reference
figures and US import-reliance data the store holds for it.

--json prints one object: the material's fields (name, kind, symbol,
parents, aliases, tariff_lines, usgs_commodity, note), then "members"
(catalogue entries below it), "figures" (per stage and source: the years,
the number of countries and whether a world total is held) and
"import_reliance" (US net import reliance, newest source per year, with
its import sources).

An unknown name fails with suggestions of close names.`)
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("material takes one NAME (quote names with spaces: orewatch material \"rare earths\")")
	}
	cat := m.Catalog()
	if _, err := cat.Material(pos[0]); err != nil {
		return err
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	d, err := orewatch.FindMaterialDetail(ctx, cat, store, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(d)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s (%s)\n", d.Name, d.Kind)
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "  %-15s %s\n", label+":", value)
		}
	}
	line("symbol", d.Symbol)
	line("groups", strings.Join(d.Parents, ", "))
	line("aliases", strings.Join(d.Aliases, ", "))
	line("USGS commodity", d.USGSCommodity)
	line("members", strings.Join(d.Members, ", "))
	line("note", d.Note)
	if len(d.TariffLines) > 0 {
		fmt.Fprintln(w, "  tariff lines:")
		for _, t := range d.TariffLines {
			desc := t.Label
			if t.Source != "" {
				desc += " [" + t.Source + "]"
			}
			fmt.Fprintf(w, "    %-4s %-10s %s\n", t.Scheme, t.Code, strings.TrimSpace(desc))
		}
	}
	if len(d.Figures) == 0 {
		fmt.Fprintln(w, "  figures:        none held")
	} else {
		fmt.Fprintln(w, "  figures:")
		for _, c := range d.Figures {
			world := ""
			if c.World {
				world = " + world total"
			}
			fmt.Fprintf(w, "    %-9s %-14s %s: %d countries%s\n", c.Stage, c.Source, yearList(c.Years), c.Countries, world)
		}
	}
	if len(d.ImportReliance) > 0 {
		fmt.Fprintln(w, "  US net import reliance (% of consumption; E = net exporter):")
		for _, ir := range d.ImportReliance {
			basis := ""
			if ir.Basis != "" {
				basis = " (" + ir.Basis + ")"
			}
			fmt.Fprintf(w, "    %d  %-4s%s [%s]\n", ir.Year, ir.Value, basis, ir.SourceID)
		}
	}
	return nil
}

// yearList prints years compactly: "2023", "2023–2025", "2021, 2024".
func yearList(ys []int) string {
	if len(ys) == 0 {
		return ""
	}
	contiguous := true
	for i := 1; i < len(ys); i++ {
		if ys[i] != ys[i-1]+1 {
			contiguous = false
		}
	}
	if len(ys) > 1 && contiguous {
		return fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
	}
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = fmt.Sprint(y)
	}
	return strings.Join(s, ", ")
}

// addIgnoredDBFlag adds --db to a command that reads only the embedded
// catalogue: every command takes --db, so that a script or alias can pass it
// to all of them, and here it is accepted and has no effect.
func (m *Main) addIgnoredDBFlag(fs *flag.FlagSet) {
	fs.Var(&dbFlag{&m.Config.DB, false}, "db", "store `DSN`: accepted for uniformity; this command does not use the store")
}
