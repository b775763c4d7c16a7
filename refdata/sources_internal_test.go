package refdata

import (
	"slices"
	"testing"
)

// TestEmbeddedSourceIDs checks that the list Seed consults before parsing
// names exactly the sources of the embedded releases.
func TestEmbeddedSourceIDs(t *testing.T) {
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		got = append(got, s.ID)
	}
	want := slices.Clone(embeddedSourceIDs)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("embedded release sources: got %v, want %v", got, want)
	}
}
