package entity_test

import (
	"slices"
	"testing"

	"orewatch/catalog"
	"orewatch/nlp/entity"
)

func TestFind(t *testing.T) {
	g := entity.New(catalog.New(), map[string][]string{"rare earth": {"rare earths"}})
	type hit struct {
		text  string
		kind  entity.Kind
		value string
		cty   string
	}
	tests := []struct {
		name string
		in   string
		want []hit
	}{
		{"CountryForms", "Beijing said Chinese firms in China", []hit{
			{"Beijing", entity.KindCountry, "CHN", "CHN"}, {"Chinese", entity.KindCountry, "CHN", "CHN"}, {"China", entity.KindCountry, "CHN", "CHN"}}},
		{"USForms", "the U.S. and the US, but not us", []hit{{"U.S.", entity.KindCountry, "USA", "USA"}, {"US", entity.KindCountry, "USA", "USA"}}},
		{"MediaIsNotChina", "China Daily reported", nil},
		{"OrgAlias", "MOFCOM and the Chinese Commerce Ministry", []hit{
			{"MOFCOM", entity.KindOrg, "Ministry of Commerce", "CHN"}, {"Chinese Commerce Ministry", entity.KindOrg, "Ministry of Commerce", "CHN"}}},
		{"GenericOrgTakesCountry", "India's commerce ministry said", []hit{
			{"India", entity.KindCountry, "IND", "IND"}, {"commerce ministry", entity.KindOrg, "Ministry of Commerce (IND)", "IND"}}},
		{"GenericOrgDefault", "The commerce ministry said", []hit{{"commerce ministry", entity.KindOrg, "Ministry of Commerce", "CHN"}}},
		{"PersonName", "Michael Jordan visited Chad, and Chad Smith stayed", []hit{{"Chad", entity.KindCountry, "TCD", "TCD"}}},
		{"CountryJordan", "exports from Jordan rose", []hit{{"Jordan", entity.KindCountry, "JOR", "JOR"}}},
		{"Lowercase", "a turkey in china", nil},
		{"Materials", "Rare-earth elements, REEs and lithium-ion batteries", []hit{
			{"Rare-earth elements", entity.KindMaterial, "rare earths", ""}, {"REEs", entity.KindMaterial, "rare earths", ""}, {"lithium-ion batteries", entity.KindMaterial, "lithium-ion batteries", ""}}},
		{"OrgSwallowsMaterial", "China Northern Rare Earth and MP Materials", []hit{
			{"China Northern Rare Earth", entity.KindOrg, "China Northern Rare Earth", "CHN"}, {"MP Materials", entity.KindOrg, "MP Materials", "USA"}}},
		{"Sino", "Sino-US talks", []hit{{"Sino", entity.KindCountry, "CHN", "CHN"}, {"US", entity.KindCountry, "USA", "USA"}}},
		{"Congo", "cobalt from Congo", []hit{{"cobalt", entity.KindMaterial, "cobalt", ""}, {"Congo", entity.KindCountry, "COD", "COD"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []hit
			for _, m := range g.Find(tt.in) {
				got = append(got, hit{tt.in[m.Start:m.End], m.Kind, m.Value, m.Country})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestActs(t *testing.T) {
	g := entity.New(catalog.New(), nil)
	for _, tt := range []struct {
		in   string
		acts bool
	}{{"MOFCOM", true}, {"China", true}, {"Beijing", true}, {"MP Materials", false}, {"IEA", false}} {
		ms := g.Find(tt.in)
		if len(ms) != 1 || ms[0].Acts() != tt.acts {
			t.Errorf("%s: mentions %+v, want one with Acts() = %v", tt.in, ms, tt.acts)
		}
	}
}
