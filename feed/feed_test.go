package feed_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"orewatch"
	"orewatch/feed"
)

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	d := orewatch.MustParseDate
	for _, tc := range []struct {
		name    string
		file    string
		feedURL string
		want    *feed.Feed
	}{
		{
			name:    "RSS2",
			file:    "rss2.xml",
			feedURL: "https://news.example.org/minerals/feed.xml",
			want: &feed.Feed{
				Title:  "Minerals Desk",
				Link:   "https://news.example.org/minerals/",
				Format: "rss",
				Items: []*feed.Item{
					{
						GUID:      "mdesk-0001",
						URL:       "https://news.example.org/minerals/2023/07/gallium-germanium-licences",
						Title:     "China adds gallium and germanium items to its export licensing list",
						Published: d("2023-07-03"),
						Summary:   "<p>Exporters will need a licence from 1 August 2023.</p>",
					},
					{
						GUID:      "https://news.example.org/minerals/2025/02/drc-cobalt-suspension",
						URL:       "https://news.example.org/minerals/2025/02/drc-cobalt-suspension",
						Title:     "DRC suspends cobalt exports for four months",
						Published: d("2025-02-22"),
						Summary:   "The suspension runs from 22 February 2025.",
					},
					{
						GUID:    "mdesk-0003",
						Title:   "Item without a link",
						Summary: "No link and no date.",
					},
				},
			},
		},
		{
			name:    "Atom",
			file:    "atom.xml",
			feedURL: "https://trade.example.net/atom.xml",
			want: &feed.Feed{
				Title:  "Trade Notices (test)",
				Link:   "https://trade.example.net/",
				Format: "atom",
				Items: []*feed.Item{
					{
						GUID:      "urn:example:notice:2025-62",
						URL:       "https://trade.example.net/notices/2025-62.html",
						Title:     "Rare-earth technology controls announced",
						Published: d("2025-10-09"),
						Summary:   "Extraction and separation technologies need an export licence.",
						Content:   "<p>The notice lists rare-earth mining, smelting and separation technologies.</p>",
					},
					{
						// Updated 23:30 at UTC-5 is the 8th in UTC, but the
						// publisher's date is the 7th.
						GUID:      "urn:example:notice:update-only",
						URL:       "https://trade.example.net/notices/update-only.html",
						Title:     "Only an update date",
						Published: d("2025-11-07"),
						Summary:   "This entry gives no published date.",
					},
				},
			},
		},
		{
			name:    "JSONFeed",
			file:    "jsonfeed.json",
			feedURL: "https://wire.example.com/feed.json",
			want: &feed.Feed{
				Title:  "Battery Metals Wire (test)",
				Link:   "https://wire.example.com/",
				Format: "json",
				Items: []*feed.Item{
					{
						GUID:      "bmw-17",
						URL:       "https://wire.example.com/2020/01/indonesia-nickel-ore",
						Title:     "Indonesia's nickel ore export ban takes effect",
						Published: d("2020-01-01"),
						Content:   "The ban on exporting unprocessed nickel ore applies from 1 January 2020.",
					},
					{
						GUID:    "bmw-18",
						URL:     "https://wire.example.com/archive/2020/01/notes",
						Title:   "Relative link",
						Summary: "Resolved against the feed URL.",
					},
				},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := feed.Parse(readFixture(t, tc.file), tc.feedURL)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(feed.Item{}, "PublishedAt")); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseKeepsInstant(t *testing.T) {
	f, err := feed.Parse(readFixture(t, "rss2.xml"), "https://news.example.org/minerals/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2023, 7, 3, 13, 30, 0, 0, time.UTC)
	if got := f.Items[0].PublishedAt; !got.Equal(want) {
		t.Errorf("PublishedAt = %v, want the instant %v", got, want)
	}
	if _, off := f.Items[0].PublishedAt.Zone(); off != 8*3600 {
		t.Errorf("PublishedAt offset = %ds, want the feed's +0800", off)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    []byte
		wantIs  error
		wantMsg string
	}{
		{name: "Broken", body: readFixture(t, "broken.xml"), wantMsg: "XML syntax error on line 9"},
		{name: "HTML", body: readFixture(t, "notafeed.html"), wantIs: feed.ErrNotFeed},
		{name: "Empty", body: []byte(" \n\t"), wantMsg: "empty document"},
		{name: "BadJSON", body: []byte(`{"version": "https://jsonfeed.org/version/1", "items": [`), wantMsg: "parsing feed"},
		{name: "Plain", body: []byte("rare earths"), wantIs: feed.ErrNotFeed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const src = "https://news.example.org/feed"
			f, err := feed.Parse(tc.body, src)
			if err == nil {
				t.Fatalf("Parse succeeded with %d items, want an error", len(f.Items))
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("error = %v, want %v", err, tc.wantIs)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) || !strings.Contains(err.Error(), src) {
				t.Errorf("error %q should name the feed and say %q", err, tc.wantMsg)
			}
		})
	}
}

func TestParseDropsNonWebLinks(t *testing.T) {
	body := `<rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>javascript:alert(1)</link></item>
<item><title>b</title><link>mailto:desk@example.org</link></item>
<item><title>c</title><link>//cdn.example.org/x</link></item>
</channel></rss>`
	f, err := feed.Parse([]byte(body), "https://news.example.org/feed")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range f.Items {
		got = append(got, it.URL)
	}
	want := []string{"", "", "https://cdn.example.org/x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("URLs (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "jsonfeed.json", "broken.xml", "notafeed.html"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"url":"::"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := feed.Parse(body, "https://news.example.org/feed.xml")
		if err != nil {
			if got != nil {
				t.Fatal("a feed returned with an error")
			}
			return
		}
		for _, it := range got.Items {
			if it == nil {
				t.Fatal("nil item")
			}
			if it.URL != "" && !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Fatalf("item URL %q is not http(s)", it.URL)
			}
			if !it.Published.IsZero() {
				if _, err := orewatch.ParseDate(it.Published.String()); err != nil {
					t.Fatalf("published date %v does not round-trip: %v", it.Published, err)
				}
			}
		}
	})
}
