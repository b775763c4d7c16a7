package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"orewatch"
)

func init() {
	register(&command{name: "countries", summary: "list the countries catalogue (ISO 3166-1)", run: runCountries})
}

func runCountries(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("countries", "countries [NAME] [--json] [--db DSN]",
		`List the ISO 3166-1 countries with their alpha-3, alpha-2 and numeric codes,
ISO short name and the common names the data and the news use. With NAME
(a name, short name, demonym, capital or code: "Burma", "DRC", "Beijing"),
show only the country it resolves to; an unknown name fails with
suggestions.

--json prints an array of countries: iso3, iso2, numeric, name,
short_names, demonyms, capital.`)
	asJSON := fs.Bool("json", false, "print JSON")
	m.addIgnoredDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("countries takes at most one NAME, got %d (quote names with spaces)", len(pos))
	}
	cat := m.Catalog()
	list := cat.Countries()
	if len(pos) == 1 {
		c, err := cat.Country(pos[0])
		if err != nil {
			return err
		}
		list = []*orewatch.Country{c}
	}
	if *asJSON {
		return m.printJSON(list)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ISO3\tISO2\tNUM\tNAME\tALSO")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.ISO3, c.ISO2, c.Numeric, c.Name, strings.Join(c.ShortNames, ", "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(pos) == 0 {
		fmt.Fprintf(m.Stdout, "%d countries\n", len(list))
	}
	return nil
}
