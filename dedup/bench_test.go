package dedup_test

import (
	"strings"
	"testing"

	"orewatch/dedup"
)

// benchText is about 6 KB of article text, a typical extracted body.
func benchText(b *testing.B) string {
	b.Helper()
	var parts []string
	for _, n := range []string{"gallium-a.txt", "cobalt-a.txt", "nickel-a.txt", "graphite-a.txt"} {
		parts = append(parts, readText(b, n))
	}
	s := strings.Join(parts, "\n\n")
	b.SetBytes(int64(len(s)))
	return s
}

func BenchmarkContentHash(b *testing.B) {
	s := benchText(b)
	b.ReportAllocs()
	for b.Loop() {
		dedup.ContentHash(s)
	}
}

func BenchmarkSimHash(b *testing.B) {
	s := benchText(b)
	b.ReportAllocs()
	for b.Loop() {
		dedup.SimHash(s)
	}
}

func BenchmarkCanonicalURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		dedup.CanonicalURL("https://www.example.com/news/2025/10/story/amp/?utm_source=rss&id=7&fbclid=x#top")
	}
}
