package orewatch_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"orewatch"
	"orewatch/catalog"
	"orewatch/sqlite"
)

func TestFindEventList(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cat := catalog.New()
	d := orewatch.MustParseDate

	// Evidence names each event so the test can refer to it.
	articles := []*orewatch.Article{
		{URL: "https://example.org/1", Published: d("2025-10-10"), Body: "one", ContentHash: "h1", Events: []*orewatch.Event{
			{Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"dysprosium", "terbium"}, Announced: d("2025-10-09"), Evidence: "dy-tb"},
			{Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"rare earths"}, Evidence: "re-undated-1"},
		}},
		{URL: "https://example.org/2", Published: d("2025-02-22"), Body: "two", ContentHash: "h2", Events: []*orewatch.Event{
			{Type: orewatch.EventSuspension, Actor: "COD", Materials: []string{"cobalt"}, Evidence: "cobalt"},
		}},
		{URL: "https://example.org/3", Published: d("2025-11-02"), Body: "three", ContentHash: "h3", Events: []*orewatch.Event{
			{Type: orewatch.EventSupplyAgreement, Actor: "PAK", Counterparty: "USA", Materials: []string{"rare earths"}, Evidence: "pak-usa"},
			{Type: orewatch.EventExportControl, Actor: "CHN", Materials: []string{"NdFeB magnets"}, Announced: d("2025-04"), Evidence: "magnets"},
		}},
		{URL: "https://example.org/4", Body: "four", ContentHash: "h4", Events: []*orewatch.Event{
			{Type: orewatch.EventOther, Actor: "CHN", Materials: []string{"neodymium"}, Evidence: "nd-undated"},
		}},
	}
	for _, a := range articles {
		if _, err := db.SaveArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name string
		q    orewatch.EventQuery
		want string // evidences in order
	}{
		{"All", orewatch.EventQuery{}, "pak-usa re-undated-1 dy-tb magnets cobalt nd-undated"},
		{"GroupIncludesMembers", orewatch.EventQuery{Material: "Rare Earths"}, "pak-usa re-undated-1 dy-tb magnets nd-undated"},
		{"Element", orewatch.EventQuery{Material: "Dy"}, "dy-tb"},
		{"Country", orewatch.EventQuery{Country: "United States"}, "pak-usa"},
		{"CountryActor", orewatch.EventQuery{Country: "DRC"}, "cobalt"},
		{"Type", orewatch.EventQuery{Type: "export-control"}, "re-undated-1 dy-tb magnets"},
		{"Since", orewatch.EventQuery{Material: "rare earths", Since: d("2025-10-10")}, "pak-usa re-undated-1"},
		{"Until", orewatch.EventQuery{Material: "rare earths", Until: d("2025-06")}, "magnets"},
		{"Limit", orewatch.EventQuery{Material: "rare earths", Limit: 2}, "pak-usa re-undated-1"},
		{"Nothing", orewatch.EventQuery{Material: "gallium"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			if err := q.Resolve(cat); err != nil {
				t.Fatal(err)
			}
			es, err := orewatch.FindEventList(ctx, cat, db, q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.Evidence)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}

	for _, tc := range []struct {
		name     string
		q        orewatch.EventQuery
		code     string
		msg      string
		suggests string
	}{
		{"UnknownMaterial", orewatch.EventQuery{Material: "dysprosum"}, orewatch.ENOTFOUND, "dysprosum", "dysprosium"},
		{"UnknownCountry", orewatch.EventQuery{Country: "Chinaa"}, orewatch.ENOTFOUND, "Chinaa", ""},
		{"UnknownType", orewatch.EventQuery{Type: "ban"}, orewatch.EINVALID, `unknown event type "ban"`, "export_ban"},
		{"SinceAfterUntil", orewatch.EventQuery{Since: d("2025-11-01"), Until: d("2025-10-01")}, orewatch.EINVALID, "since 2025-11-01 is after until 2025-10-01", ""},
		{"NegativeLimit", orewatch.EventQuery{Limit: -1}, orewatch.EINVALID, "negative", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.q.Resolve(cat)
			if orewatch.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error = %v (%s), want %s saying %q", err, orewatch.ErrorCode(err), tc.code, tc.msg)
			}
			var e *orewatch.Error
			if tc.suggests != "" && (!errors.As(err, &e) || !slices.Contains(e.Suggestions, tc.suggests)) {
				t.Errorf("suggestions of %v lack %q", err, tc.suggests)
			}
		})
	}
}
