package catalog_test

import (
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
)

var materialInputs = []struct{ name, in string }{
	{"Canonical", "dysprosium"},
	{"Symbol", "Dy"},
	{"AliasPunctuation", "Rare-Earth Elements"},
	{"Plural", "NdFeB magnet"},
	{"Qualified", "antimony oxides (purity>=99.99%)"},
	{"NonASCII", "Ｄｙｓｐｒｏｓｉｕｍ"},
	{"MissWithSuggestions", "dysprosum"},
}

// BenchmarkMaterial measures Material on the kinds of input it meets.
func BenchmarkMaterial(b *testing.B) {
	c := catalog.New()
	for _, in := range materialInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Material(in.in)
			}
		})
	}
}

// BenchmarkMaterialLinearScan is the peer: the obvious implementation that
// compares the input with every name, alias and symbol, case-insensitively
// (without folding punctuation, plurals or qualifiers, so it does less).
func BenchmarkMaterialLinearScan(b *testing.B) {
	ms := catalog.New().Materials()
	find := func(s string) *orewatch.Material {
		s = strings.TrimSpace(s)
		for _, m := range ms {
			if strings.EqualFold(m.Name, s) || strings.EqualFold(m.Symbol, s) {
				return m
			}
			for _, a := range m.Aliases {
				if strings.EqualFold(a, s) {
					return m
				}
			}
		}
		return nil
	}
	for _, in := range materialInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				find(in.in)
			}
		})
	}
}

func BenchmarkCountry(b *testing.B) {
	c := catalog.New()
	for _, in := range []struct{ name, in string }{
		{"Name", "Indonesia"},
		{"Code", "IDN"},
		{"DataRelease", "Congo, Dem. Rep."},
		{"Typographic", "Côte d’Ivoire"},
		{"Qualified", "Brazil (beneficiated)"},
		{"MissWithSuggestions", "Indonesai"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Country(in.in)
			}
		})
	}
}

func BenchmarkMaterialsByTariff(b *testing.B) {
	c := catalog.New()
	b.ReportAllocs()
	for b.Loop() {
		c.MaterialsByTariff("2846.90")
	}
}

func BenchmarkFold(b *testing.B) {
	for _, in := range []struct{ name, in string }{
		{"Folded", "rare earth elements"},
		{"ASCII", "Rare-Earth Elements"},
		{"NonASCII", "Côte d’Ivoire"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				catalog.Fold(in.in)
			}
		})
	}
}
