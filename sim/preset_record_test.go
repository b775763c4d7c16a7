package sim_test

import (
	"slices"
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/registry"
	"orewatch/sim"
)

// The presets' facts must match the registry they cite.
func TestPresetsMatchTheRecord(t *testing.T) {
	ms, err := registry.Embedded(catalog.New())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*orewatch.Measure{}
	for _, m := range ms {
		byID[m.ID] = m
	}
	for _, p := range sim.Presets() {
		for _, id := range p.Measures {
			m := byID[id]
			if m == nil {
				t.Errorf("%s cites %s, which is not in the registry", p.Name, id)
				continue
			}
			if m.Jurisdiction != p.Exporter {
				t.Errorf("%s: %s is a measure of %s, not %s", p.Name, id, m.Jurisdiction, p.Exporter)
			}
		}
	}
	tests := []struct {
		name, id, field, want string
	}{
		{"April licensing in force", "CHN-2025-18", "effective", "2025-04-04"},
		{"April licensing has no end", "CHN-2025-18", "ends", ""},
		{"October package scheduled", "CHN-2025-57", "effective", "2025-11-08"},
		{"Re-export rule in force", "CHN-2025-61-A", "effective", "2025-10-09"},
		{"De minimis scheduled", "CHN-2025-61-B", "effective", "2025-12-01"},
		{"Technologies in force", "CHN-2025-62", "effective", "2025-10-09"},
		{"Suspension starts", "CHN-2025-70", "effective", "2025-11-07"},
		{"Suspension lapses", "CHN-2025-70", "ends", "2026-11-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := byID[tt.id]
			if m == nil {
				t.Fatalf("%s missing", tt.id)
			}
			got := map[string]string{"effective": m.Effective.String(), "ends": m.Ends.String()}[tt.field]
			if got != tt.want {
				t.Errorf("%s %s = %q, want %q (update the preset and docs/scenarios.md)", tt.id, tt.field, got, tt.want)
			}
		})
	}
	if s := byID["CHN-2025-70"]; s == nil || !slices.Contains(s.Suspends, "CHN-2025-57") {
		t.Errorf("CHN-2025-70 should suspend CHN-2025-57: %v", s)
	}
	// The presets' month 1 is the month of those dates.
	apr, _ := sim.PresetByName("apr2025-hree")
	oct, _ := sim.PresetByName("oct2025-package")
	if !strings.HasPrefix(byID["CHN-2025-18"].Effective.String(), apr.Start) || !strings.HasPrefix(byID["CHN-2025-70"].Ends.String(), oct.Start) {
		t.Errorf("starts %s, %s", apr.Start, oct.Start)
	}
}
