package dedup_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"orewatch"
	"orewatch/dedup"
)

func TestCanonicalURL(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"Plain", "https://example.com/news/story", "https://example.com/news/story"},
		{"CaseSchemeHost", "HTTPS://News.Example.COM/Story", "https://news.example.com/Story"},
		{"DefaultHTTPSPort", "https://example.com:443/a", "https://example.com/a"},
		{"DefaultHTTPPort", "http://example.com:80/a", "http://example.com/a"},
		{"OtherPortKept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"HTTPPortOnHTTPS", "https://example.com:80/a", "https://example.com:80/a"},
		{"Fragment", "https://example.com/a#comments", "https://example.com/a"},
		{"UserInfo", "https://user:secret@example.com/a", "https://example.com/a"},
		{"UTM", "https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a"},
		{"UTMUpper", "https://example.com/a?UTM_Source=rss", "https://example.com/a"},
		{"ClickIDs", "https://example.com/a?fbclid=IwAR0&gclid=abc&msclkid=1", "https://example.com/a"},
		{"Mailchimp", "https://example.com/a?mc_cid=1&mc_eid=2", "https://example.com/a"},
		{"RefOcidCmpid", "https://example.com/a?ref=home&ocid=msn&cmpid=rss", "https://example.com/a"},
		{"KeepsMeaningful", "https://example.com/search?q=cobalt&page=2", "https://example.com/search?page=2&q=cobalt"},
		{"SortsAndFilters", "https://example.com/a?z=1&utm_term=x&b=2&a=3", "https://example.com/a?a=3&b=2&z=1"},
		{"RepeatedKeyOrderKept", "https://example.com/a?tag=b&id=1&tag=a", "https://example.com/a?id=1&tag=b&tag=a"},
		{"EmptyQuery", "https://example.com/a?", "https://example.com/a"},
		{"EmptyPairs", "https://example.com/a?&&x=1&", "https://example.com/a?x=1"},
		{"EncodedKept", "https://example.com/a?q=rare%20earths", "https://example.com/a?q=rare%20earths"},
		{"TrailingSlash", "https://example.com/news/story/", "https://example.com/news/story"},
		{"RootSlash", "https://example.com", "https://example.com/"},
		{"RootSlashKept", "https://example.com/", "https://example.com/"},
		{"DotSegments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"WWW", "https://www.example.com/a", "https://example.com/a"},
		{"Mobile", "https://m.example.com/a", "https://example.com/a"},
		{"AMPHost", "https://amp.example.com/a", "https://example.com/a"},
		{"ShortHostKept", "https://m.co/a", "https://m.co/a"},
		{"TrailingDotHost", "https://example.com./a", "https://example.com/a"},
		{"AMPSuffix", "https://example.com/news/story/amp", "https://example.com/news/story"},
		{"AMPSuffixSlash", "https://example.com/news/story/amp/", "https://example.com/news/story"},
		{"AMPPrefix", "https://example.com/amp/news/story", "https://example.com/news/story"},
		{"AMPExtension", "https://example.com/news/story.amp.html", "https://example.com/news/story.html"},
		{"AMPDot", "https://example.com/news/story.amp", "https://example.com/news/story"},
		{"AMPParam", "https://example.com/news/story?amp=1", "https://example.com/news/story"},
		{"AMPParamBare", "https://example.com/news/story?amp", "https://example.com/news/story"},
		{"OutputTypeAMP", "https://example.com/news/story?outputType=amp", "https://example.com/news/story"},
		{"OutputTypeOther", "https://example.com/news/story?outputType=print", "https://example.com/news/story?outputType=print"},
		{"AMPCache", "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story/amp", "https://example.com/news/story"},
		{"AMPCacheHTTP", "https://example-com.cdn.ampproject.org/c/example.com/news/story", "http://example.com/news/story"},
		{"AMPViewer", "https://www.google.com/amp/s/example.com/news/story", "https://example.com/news/story"},
		{"IPv6", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"IPv6Port", "http://[2001:db8::1]:8080/a", "http://[2001:db8::1]:8080/a"},
		{"Spaces", "  https://example.com/a \n", "https://example.com/a"},
		{"NotHTTP", "mailto:desk@example.com", "mailto:desk@example.com"},
		{"FTPUnchanged", "ftp://Example.com/a#x", "ftp://Example.com/a#x"},
		{"Relative", "/news/story", "/news/story"},
		{"Empty", "", ""},
		{"Unparsable", "https://exa mple.com/%zz", "https://exa mple.com/%zz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dedup.CanonicalURL(tc.in)
			if got != tc.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := dedup.CanonicalURL(got); again != got {
				t.Errorf("not idempotent: CanonicalURL(%q) = %q", got, again)
			}
		})
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{
		"https://www.example.com/a/b/?utm_source=x&b=2&a=1#frag",
		"https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/story/amp",
		"http://[2001:db8::1]:80/a",
		"https://www.google.com/amp/s/www.google.com/amp/s/example.com/x",
		"https://example.com/a?%zz=1&q=%41",
		"mailto:x@example.com",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := dedup.CanonicalURL(raw)
		if again := dedup.CanonicalURL(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, got, again)
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || strings.Trim(u.Hostname(), ".") == "" {
			return // not a web URL: returned as given
		}
		if u.Fragment != "" || u.User != nil {
			t.Fatalf("fragment or user info kept: %q -> %q", raw, got)
		}
		for _, p := range strings.Split(u.RawQuery, "&") {
			k, _, _ := strings.Cut(p, "=")
			if strings.HasPrefix(strings.ToLower(k), "utm_") {
				t.Fatalf("tracking parameter kept: %q -> %q", raw, got)
			}
		}
	})
}

func TestContentHash(t *testing.T) {
	base := dedup.ContentHash("China's Ministry of Commerce said exports need a licence from 1 August.")
	for _, tc := range []struct {
		name string
		text string
		same bool
	}{
		{"Identical", "China's Ministry of Commerce said exports need a licence from 1 August.", true},
		{"Rewrapped", "China's Ministry of Commerce\nsaid exports need\n\n  a licence from 1 August.", true},
		{"Case", "CHINA'S MINISTRY OF COMMERCE SAID EXPORTS NEED A LICENCE FROM 1 AUGUST.", true},
		{"CurlyQuote", "China’s Ministry of Commerce said exports need a licence from 1 August", true},
		{"Punctuation", "China's Ministry of Commerce said: exports need a licence -- from 1 August!", true},
		{"LeadingSpace", "\t China's Ministry of Commerce said exports need a licence from 1 August. ", true},
		{"WordChanged", "China's Ministry of Commerce said exports need a licence from 1 September.", false},
		{"DigitChanged", "China's Ministry of Commerce said exports need a licence from 2 August.", false},
		{"WordsJoined", "China's Ministry of Commerce said exports need a licencefrom 1 August.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := dedup.ContentHash(tc.text)
			if len(got) != 64 {
				t.Fatalf("hash %q is not 64 hex digits", got)
			}
			if (got == base) != tc.same {
				t.Errorf("same hash = %v, want %v", got == base, tc.same)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := strings.Join(dedup.Words("Kinshasa — ARECOMS’ 4-month ban; cobalt (Co) déjà-vu 2025"), "|")
	want := "kinshasa|arecoms|4|month|ban|cobalt|co|déjà|vu|2025"
	if got != want {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestSimHash(t *testing.T) {
	if got := dedup.SimHash(""); got != 0 {
		t.Errorf("SimHash(\"\") = %x, want 0", got)
	}
	if got := dedup.SimHash("?!"); got != 0 {
		t.Errorf("SimHash of punctuation = %x, want 0", got)
	}
	if dedup.SimHash("cobalt") == 0 || dedup.SimHash("cobalt ban") == 0 {
		t.Error("a text shorter than a shingle has no fingerprint")
	}
	a := "Congo suspended cobalt exports for four months on Saturday."
	if dedup.SimHash(a) != dedup.SimHash(strings.ToUpper(a)+"\n") {
		t.Error("case and white space change the fingerprint")
	}
	// Stored fingerprints must not change between runs or releases.
	if got, want := dedup.SimHash(a), uint64(0x167f26627ced25bc); got != want {
		t.Errorf("SimHash(%q) = %#x, want %#x", a, got, want)
	}
}

func TestNear(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b uint64
		max  int
		want bool
	}{
		{"Equal", 0xdeadbeef, 0xdeadbeef, 0, true},
		{"OneBit", 0b1010, 0b1000, 1, true},
		{"ThreeBits", 0, 0b111, 3, true},
		{"FourBits", 0, 0b1111, 3, false},
		{"AllBits", 0, ^uint64(0), 63, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dedup.Near(tc.a, tc.b, tc.max); got != tc.want {
				t.Errorf("Near(%b, %b, %d) = %v, want %v", tc.a, tc.b, tc.max, got, tc.want)
			}
		})
	}
}

func TestCluster(t *testing.T) {
	stored := []orewatch.Fingerprint{
		{ArticleID: 1, SimHash: 0b0000_0000, ClusterID: 1},
		{ArticleID: 2, SimHash: 0b1111_0000, ClusterID: 2},
		{ArticleID: 3, SimHash: 0b1111_0001, ClusterID: 2}, // a copy of 2
		{ArticleID: 4, SimHash: 0b0000_0111},               // cluster not recorded
		{ArticleID: 6, SimHash: 0b1100_0000_0000, ClusterID: 6},
		{ArticleID: 5, SimHash: 0b0011_0000_0000, ClusterID: 5},
	}
	for _, tc := range []struct {
		name   string
		fp     uint64
		want   int64
		wantOK bool
	}{
		{"Exact", 0b0000_0000, 1, true},
		{"NearestWins", 0b0000_0001, 1, true},         // 1 bit from #1, 2 from #4
		{"NearestCopy", 0b1111_0011, 2, true},         // 1 bit from #3, in cluster 2
		{"TieEarliest", 0b1111_0000_0000, 5, true},    // 2 bits from #5 and #6
		{"OwnArticleAsCluster", 0b0000_1111, 4, true}, // 1 bit from #4
		{"TooFar", 0b1010_1010_1010_1010, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := dedup.Cluster(tc.fp, stored, 3)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Cluster(%b) = %d, %v; want %d, %v", tc.fp, got, ok, tc.want, tc.wantOK)
			}
		})
	}
	if _, ok := dedup.Cluster(0, nil, 3); ok {
		t.Error("clustered against nothing")
	}
}

func readText(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "near", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// body drops the headline (the first line): ingestion fingerprints an
// article's body, not its title.
func body(tb testing.TB, name string) string {
	_, b, _ := strings.Cut(readText(tb, name), "\n")
	return b
}

// TestNearPairs checks the production fingerprint on the test pairs: copies
// of one story republished by a second outlet (a new dateline, a changed or
// added sentence, a dropped paragraph) should cluster, different stories on
// the same subjects must not, and an independent rewrite of the same facts
// is a different text. A single hash function misses some copies (see
// TestNearThreshold for the rate), so three of the four must cluster.
func TestNearPairs(t *testing.T) {
	stories := []string{"gallium", "cobalt", "nickel", "graphite"}
	clustered := 0
	for _, s := range stories {
		d := dedup.Distance(dedup.SimHash(body(t, s+"-a.txt")), dedup.SimHash(body(t, s+"-b.txt")))
		t.Logf("copy %-9s distance %2d", s, d)
		if d <= dedup.NearDistance {
			clustered++
		}
	}
	if clustered < 3 {
		t.Errorf("%d of 4 copies cluster, want at least 3", clustered)
	}
	for i, s := range stories {
		for _, o := range stories[i+1:] {
			for _, va := range []string{"-a.txt", "-b.txt"} {
				d := dedup.Distance(dedup.SimHash(body(t, s+va)), dedup.SimHash(body(t, o+"-a.txt")))
				t.Logf("different %s%s/%s-a distance %2d", s, va, o, d)
				if d <= dedup.NearDistance+4 {
					t.Errorf("%s%s and %s-a are different stories but only %d bits apart", s, va, o, d)
				}
			}
		}
	}
	d := dedup.Distance(dedup.SimHash(body(t, "gallium-a.txt")), dedup.SimHash(body(t, "gallium-rewrite.txt")))
	t.Logf("rewrite gallium distance %2d", d)
	if d <= dedup.NearDistance {
		t.Errorf("an independent rewrite is %d bits from the original: expected it to stay apart", d)
	}
}

func TestFingerprint(t *testing.T) {
	for _, text := range []string{"", "?!", "cobalt", "Ünïcode Straße — 90% of ΣΊΣΥΦΟΣ", readText(t, "gallium-a.txt")} {
		h, s := dedup.Fingerprint(text)
		if h != dedup.ContentHash(text) || s != dedup.SimHash(text) {
			t.Errorf("Fingerprint(%.20q) = %s, %x; want %s, %x", text, h, s, dedup.ContentHash(text), dedup.SimHash(text))
		}
	}
	// The empty text hashes as the empty string.
	if h, _ := dedup.Fingerprint(""); h != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("hash of the empty text = %s", h)
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("China's Ministry of Commerce — 1 August")
	f.Add("\xff\xfe ΣΊΣΥΦΟΣ déjà-vu")
	f.Fuzz(func(t *testing.T, text string) {
		// Words agree with the definition: runs of letters, digits and
		// marks, lower-cased rune by rune.
		var want []string
		var cur []rune
		for _, r := range text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				cur = append(cur, unicode.ToLower(r))
				continue
			}
			if len(cur) > 0 {
				want = append(want, string(cur))
				cur = nil
			}
		}
		if len(cur) > 0 {
			want = append(want, string(cur))
		}
		got := dedup.Words(text)
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("Words(%q) = %q, want %q", text, got, want)
		}
		if dedup.ContentHash(text) != dedup.ContentHash(strings.Join(want, " ")) {
			t.Fatalf("ContentHash(%q) differs from the hash of its words", text)
		}
	})
}
