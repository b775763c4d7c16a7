package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"orewatch"
)

// Words returns the lower-cased words of text: maximal runs of letters,
// digits and combining marks. Punctuation, symbols and white space only
// separate words, so re-wrapping, re-quoting or re-punctuating a text leaves
// its words unchanged.
func Words(text string) []string {
	norm, _ := normalize(text, false)
	if len(norm) == 0 {
		return nil
	}
	return strings.Split(string(norm), " ")
}

// alnum marks the ASCII letters and digits.
var alnum = func() (t [128]bool) {
	for c := range 128 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// normalize returns text's words, lower-cased and joined by single spaces,
// and, when hashes is true, the hash of each word. It makes one pass and
// one allocation for the text, as it runs on every ingested body.
func normalize(text string, hashes bool) (norm []byte, words []uint64) {
	norm = make([]byte, 0, len(text))
	if hashes {
		words = make([]uint64, 0, len(text)/6)
	}
	start := -1 // where the current word starts in norm
	end := func() {
		if start >= 0 {
			if hashes {
				words = append(words, wordHash(norm[start:]))
			}
			start = -1
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			if !alnum[c] {
				end()
				continue
			}
			if start < 0 {
				if len(norm) > 0 {
					norm = append(norm, ' ')
				}
				start = len(norm)
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			norm = append(norm, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			end()
			continue
		}
		if start < 0 {
			if len(norm) > 0 {
				norm = append(norm, ' ')
			}
			start = len(norm)
		}
		norm = utf8.AppendRune(norm, unicode.ToLower(r))
	}
	end()
	return norm, words
}

// ContentHash returns the hex SHA-256 of the text's words joined by single
// spaces: two texts that differ only in white space, letter case or
// punctuation hash alike.
func ContentHash(text string) string {
	norm, _ := normalize(text, false)
	sum := sha256.Sum256(norm)
	return hex.EncodeToString(sum[:])
}

// ShingleSize is the number of consecutive words SimHash hashes together.
const ShingleSize = 3

// SimHash returns a 64-bit fingerprint of text (Charikar's SimHash over its
// word 3-shingles): texts that share most of their shingles have
// fingerprints that differ in few bits. A text of fewer than three words is
// one shingle; the empty text is 0.
func SimHash(text string) uint64 {
	_, words := normalize(text, true)
	return simhash(words)
}

// Fingerprint returns ContentHash(text) and SimHash(text) in one pass.
func Fingerprint(text string) (contentHash string, simHash uint64) {
	norm, words := normalize(text, true)
	sum := sha256.Sum256(norm)
	return hex.EncodeToString(sum[:]), simhash(words)
}

func simhash(words []uint64) uint64 {
	if len(words) == 0 {
		return 0
	}
	var c bitCounter
	if len(words) < ShingleSize {
		c.add(shingleHash(words))
	}
	for i := 0; i+ShingleSize <= len(words); i++ {
		c.add(shingleHash(words[i : i+ShingleSize]))
	}
	return c.majority()
}

// spread maps a byte to eight one-byte lanes, lane j holding bit j.
var spread = func() (t [256]uint64) {
	for v := range 256 {
		for j := range 8 {
			if v>>j&1 == 1 {
				t[v] |= 1 << (8 * j)
			}
		}
	}
	return t
}()

// bitCounter counts, for each of 64 bit positions, how many added hashes
// have the bit set. It adds eight positions at a time in byte lanes (lane j
// of packed[k] counts bit 8k+j) and moves the lanes to ones before they
// can overflow: SimHash runs over every shingle of every body, and this is
// several times faster than 64 separate additions.
type bitCounter struct {
	ones    [64]int32
	packed  [8]uint64
	pending int // hashes in packed, at most 255
	n       int32
}

func (c *bitCounter) add(h uint64) {
	for k := range 8 {
		c.packed[k] += spread[byte(h>>(8*k))]
	}
	c.n++
	if c.pending++; c.pending == 255 {
		c.flush()
	}
}

func (c *bitCounter) flush() {
	for k := range 8 {
		for j := range 8 {
			c.ones[8*k+j] += int32(c.packed[k] >> (8 * j) & 0xff)
		}
		c.packed[k] = 0
	}
	c.pending = 0
}

// majority sets each bit that more than half the hashes have set.
func (c *bitCounter) majority() uint64 {
	c.flush()
	var fp uint64
	for b := range 64 {
		if 2*c.ones[b] > c.n {
			fp |= 1 << b
		}
	}
	return fp
}

// wordHash is 64-bit FNV-1a over a word's bytes.
func wordHash(w []byte) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, c := range w {
		h ^= uint64(c)
		h *= prime
	}
	return h
}

// shingleHash combines the hashes of a shingle's words, each rotated by its
// position so that order matters, and ends with the SplitMix64 finaliser:
// FNV alone leaves its high bits poorly mixed for short inputs, and SimHash
// needs every bit to be a fair coin. Fingerprints are stored, so the hash
// must not depend on a per-process seed (hash/maphash).
func shingleHash(words []uint64) uint64 {
	var h uint64
	for i, w := range words {
		h ^= bits.RotateLeft64(w, 21*i)
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
// count as copies of one story. Measured on the stories in testdata/near
// (bodies of about 200 words) under 200 hash functions of the family
// (TestNearThreshold): a copy with one edit of the kind a second outlet
// makes (a paragraph dropped, a sentence added, two words changed) is 4.6
// to 8.5 bits away on average and within 12 bits 92% of the time, while
// different stories on the same subjects are 26 to 40 bits apart and never
// within 16. Two unrelated fingerprints fall within 12 bits with
// probability 2e-7. Longer texts change fewer bits for the same edit; a
// threshold of 3 would cluster only about 10% of these copies.
const NearDistance = 12

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
