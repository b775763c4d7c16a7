package orewatch_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"orewatch"
)

func TestFeedJSON(t *testing.T) {
	checked := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		feed orewatch.Feed
		want string
	}{
		{
			name: "NeverChecked",
			feed: orewatch.Feed{ID: 1, URL: "https://example.org/feed", CreatedAt: checked},
			want: `{"id":1,"url":"https://example.org/feed","title":"","last_checked_at":null,"next_check_at":null,"error_count":0,"created_at":"2026-03-02T09:30:00Z"}`,
		},
		{
			name: "Checked",
			feed: orewatch.Feed{ID: 2, URL: "https://example.org/rss", Title: "News", ETag: `"x"`, LastCheckedAt: checked, NextCheckAt: checked.Add(time.Hour), ErrorCount: 1, LastError: "timeout", CreatedAt: checked},
			want: `{"id":2,"url":"https://example.org/rss","title":"News","etag":"\"x\"","last_checked_at":"2026-03-02T09:30:00Z","next_check_at":"2026-03-02T10:30:00Z","error_count":1,"last_error":"timeout","created_at":"2026-03-02T09:30:00Z"}`,
		},
		{
			name: "Unstored",
			feed: orewatch.Feed{URL: "https://example.org/atom"},
			want: `{"id":0,"url":"https://example.org/atom","title":"","last_checked_at":null,"next_check_at":null,"error_count":0,"created_at":null}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(&tc.feed)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got  %s\nwant %s", b, tc.want)
			}
			var back orewatch.Feed
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.feed, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}
