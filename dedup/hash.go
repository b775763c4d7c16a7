package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"

	"orewatch"
)

// Words returns the lower-cased words of text: maximal runs of letters,
// digits and combining marks. Punctuation, symbols and white space only
// separate words, so re-wrapping, re-quoting or re-punctuating a text leaves
// its words unchanged.
func Words(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(text[start:]))
	}
	return words
}

// ContentHash returns the hex SHA-256 of the text's words joined by single
// spaces: two texts that differ only in white space, letter case or
// punctuation hash alike.
func ContentHash(text string) string {
	h := sha256.New()
	for i, w := range Words(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ShingleSize is the number of consecutive words SimHash hashes together.
const ShingleSize = 3

// SimHash returns a 64-bit fingerprint of text (Charikar's SimHash over its
// word 3-shingles): texts that share most of their shingles have
// fingerprints that differ in few bits. A text of fewer than three words is
// one shingle; the empty text is 0.
func SimHash(text string) uint64 {
	words := Words(text)
	if len(words) == 0 {
		return 0
	}
	var votes [64]int
	add := func(h uint64) {
		for b := range 64 {
			if h&(1<<b) != 0 {
				votes[b]++
			} else {
				votes[b]--
			}
		}
	}
	if len(words) < ShingleSize {
		add(shingleHash(words))
	}
	for i := 0; i+ShingleSize <= len(words); i++ {
		add(shingleHash(words[i : i+ShingleSize]))
	}
	var fp uint64
	for b := range 64 {
		if votes[b] > 0 {
			fp |= 1 << b
		}
	}
	return fp
}

// shingleHash is 64-bit FNV-1a over the words (separated by a zero byte)
// followed by the SplitMix64 finaliser. FNV alone leaves its high bits
// poorly mixed for short inputs, and SimHash needs every bit to be a fair
// coin; the finaliser spreads each input bit over all 64. Fingerprints are
// stored, so the hash must not depend on a per-process seed (hash/maphash).
func shingleHash(words []string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i, w := range words {
		if i > 0 {
			h *= prime // a zero byte between words: h ^ 0 is h
		}
		for j := 0; j < len(w); j++ {
			h ^= uint64(w[j])
			h *= prime
		}
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Distance is the number of bits in which two fingerprints differ.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Near reports whether two fingerprints differ in at most maxDist bits.
func Near(a, b uint64, maxDist int) bool { return Distance(a, b) <= maxDist }

// NearDistance is the largest fingerprint distance at which two articles
// count as copies of one story. On the pairs in testdata/near (bodies of
// about 200 words) a second outlet's copy with a changed dateline, a few
// words changed or a sentence added or a paragraph dropped is 5 to 10 bits
// away, while different stories on the same subject are 25 to 37 bits
// apart, like unrelated texts (32 on average). Two unrelated fingerprints
// fall within 10 bits with probability about 1e-8. Longer texts change
// fewer bits for the same edit.
const NearDistance = 10

// Cluster returns the cluster a fingerprint joins: that of the nearest
// stored fingerprint within maxDist bits (the earliest article on a tie),
// or ok false when none is that near and the article starts its own.
func Cluster(fp uint64, stored []orewatch.Fingerprint, maxDist int) (clusterID int64, ok bool) {
	best, bestDist := -1, maxDist+1
	for i, s := range stored {
		d := Distance(fp, s.SimHash)
		if d < bestDist || (d == bestDist && best >= 0 && s.ArticleID < stored[best].ArticleID) {
			best, bestDist = i, d
		}
	}
	if best < 0 {
		return 0, false
	}
	if c := stored[best].ClusterID; c != 0 {
		return c, true
	}
	return stored[best].ArticleID, true
}
