package dedup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nearBody reads a test story without its headline (the first line), as
// ingestion fingerprints bodies, not titles.
func nearBody(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "near", name))
	if err != nil {
		tb.Fatal(err)
	}
	_, body, _ := strings.Cut(string(b), "\n")
	return body
}

// seededSimHash is SimHash under one member of a family of word hashes
// (the word hashes xored with seed and multiplied by an odd constant), so
// that the threshold can be judged on the scheme rather than on the luck of
// one hash function.
func seededSimHash(text string, seed uint64) uint64 {
	_, words := normalize(text, true)
	for i := range words {
		words[i] = (words[i] ^ seed) * 0x9e3779b97f4a7c15
	}
	return simhash(words)
}

// TestNearThreshold measures NearDistance on the test stories: copies made
// by one edit of the kind a second outlet makes (a paragraph dropped, a
// sentence added, two words changed; 200-word bodies) against pairs of
// different stories on the same subjects, each under 200 hash functions of
// the family. The threshold must cluster at least 90% of the copies and
// none of the different stories, with a margin.
func TestNearThreshold(t *testing.T) {
	stories := []string{"gallium", "cobalt", "nickel", "graphite"}
	type pair struct{ a, b string }
	var copies, different []pair
	for _, s := range stories {
		a := nearBody(t, s+"-a.txt")
		copies = append(copies, pair{a, nearBody(t, s+"-b.txt")})
		paras := strings.Split(strings.TrimSpace(a), "\n\n")
		for i := range paras {
			dropped := append(append([]string{}, paras[:i]...), paras[i+1:]...)
			copies = append(copies, pair{a, strings.Join(dropped, "\n\n")})
		}
		copies = append(copies, pair{a, a + "\n\nThe company declined to comment on the decision when asked on Monday."})
		w := strings.Fields(a)
		w[len(w)/3], w[2*len(w)/3] = "changed", "altered"
		copies = append(copies, pair{a, strings.Join(w, " ")})
	}
	for i, s := range stories {
		for _, o := range stories[i+1:] {
			different = append(different, pair{nearBody(t, s+"-a.txt"), nearBody(t, o+"-a.txt")})
		}
	}
	different = append(different, pair{nearBody(t, "gallium-a.txt"), nearBody(t, "gallium-rewrite.txt")})

	const seeds = 200
	within := func(ps []pair, max int) float64 {
		n := 0
		for _, p := range ps {
			for s := range uint64(seeds) {
				if Distance(seededSimHash(p.a, s), seededSimHash(p.b, s)) <= max {
					n++
				}
			}
		}
		return float64(n) / float64(len(ps)*seeds)
	}
	recall := within(copies, NearDistance)
	falseRate := within(different, NearDistance+4)
	t.Logf("copies within %d bits: %.3f (%d pairs x %d hashes); different stories within %d bits: %.4f (%d pairs)",
		NearDistance, recall, len(copies), seeds, NearDistance+4, falseRate, len(different))
	if recall < 0.90 {
		t.Errorf("only %.1f%% of copies cluster at distance %d", 100*recall, NearDistance)
	}
	if falseRate > 0 {
		t.Errorf("%.2f%% of different-story pairs come within %d bits", 100*falseRate, NearDistance+4)
	}
}

// TestBitCounter checks the lane counter against counting each bit.
func TestBitCounter(t *testing.T) {
	for _, n := range []int{1, 2, 254, 255, 256, 600, 1021} {
		var c bitCounter
		var ones [64]int
		h := uint64(n)
		for range n {
			h = h*6364136223846793005 + 1442695040888963407
			c.add(h)
			for b := range 64 {
				ones[b] += int(h >> b & 1)
			}
		}
		var want uint64
		for b := range 64 {
			if 2*ones[b] > n {
				want |= 1 << b
			}
		}
		if got := c.majority(); got != want {
			t.Errorf("%d hashes: majority %064b, want %064b", n, got, want)
		}
	}
}
