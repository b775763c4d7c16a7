package catalog_test

import (
	"testing"

	"orewatch/catalog"
)

func TestMaterialDy(t *testing.T) {
	m, err := catalog.New().Material("Dy")
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "dysprosium" || m.Symbol != "Dy" {
		t.Errorf("got %q (%q), want dysprosium (Dy)", m.Name, m.Symbol)
	}
}
