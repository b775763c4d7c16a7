package orewatch_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

func TestEventJSON(t *testing.T) {
	d := orewatch.MustParseDate
	for _, tc := range []struct {
		name  string
		event orewatch.Event
		want  string
	}{
		{
			name:  "Unknowns",
			event: orewatch.Event{Type: orewatch.EventExportControl, Actor: "CHN", Announced: d("2025-10"), Effective: d("2025-11-08"), Evidence: "e", Confidence: 0.8, Primary: true},
			want:  `{"type":"export_control","actor":"CHN","counterparty":null,"materials":[],"announced":"2025-10","effective":"2025-11-08","evidence":"e","confidence":0.8,"primary":true,"measure":null}`,
		},
		{
			name:  "Known",
			event: orewatch.Event{Type: orewatch.EventSupplyAgreement, Actor: "PAK", Counterparty: "USA", Materials: []string{"rare earths"}, Evidence: "e", Confidence: 0.7, Measure: "m1"},
			want:  `{"type":"supply_agreement","actor":"PAK","counterparty":"USA","materials":["rare earths"],"announced":null,"effective":null,"evidence":"e","confidence":0.7,"primary":false,"measure":"m1"}`,
		},
		{
			name:  "Stored",
			event: orewatch.Event{ID: 7, ArticleID: 3, Type: orewatch.EventOther},
			want:  `{"id":7,"article_id":3,"type":"other","actor":null,"counterparty":null,"materials":[],"announced":null,"effective":null,"evidence":"","confidence":0,"primary":false,"measure":null}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.event)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
			// Pointers marshal alike, as in []*Event.
			bp, _ := json.Marshal(&tc.event)
			if string(bp) != string(b) {
				t.Errorf("pointer form differs: %s", bp)
			}
			var back orewatch.Event
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			want := tc.event
			if want.Materials == nil {
				want.Materials = []string{}
			}
			if diff := cmp.Diff(want, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}
