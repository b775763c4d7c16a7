// Package metric scores main-text extraction the way the public article
// extraction benchmark does: 4-token shingles of \w+ tokens compared as
// multisets per page, each page's tp/fp/fn normalised to sum to one,
// precision and recall averaged over pages, and F1 taken of the two means.
package metric

import (
	"slices"
	"strings"
	"unicode"
)

// N is the shingle length the benchmark uses.
const N = 4

// Counts is one page's normalised true positives, false positives and false
// negatives; when any shingle exists they sum to one.
type Counts struct {
	TP, FP, FN float64
}

// Tokens returns the maximal runs of word characters in s, case kept. A word
// character is what Python's Unicode \w matches: a letter, a number or '_'.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Shingles counts the runs of n consecutive tokens of s. A text with fewer
// than n tokens (but at least one) is a single shingle; an empty one has none.
func Shingles(s string, n int) map[string]int {
	toks := Tokens(s)
	m := make(map[string]int)
	if len(toks) == 0 {
		return m
	}
	if len(toks) < n {
		m[strings.Join(toks, "\x00")]++
		return m
	}
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], "\x00")]++
	}
	return m
}

// Match compares the predicted text with the true one.
func Match(truth, pred string) Counts {
	ts, ps := Shingles(truth, N), Shingles(pred, N)
	var c Counts
	for k, t := range ts {
		p := ps[k]
		c.TP += float64(min(t, p))
		c.FN += float64(max(0, t-p))
		c.FP += float64(max(0, p-t))
	}
	for k, p := range ps {
		if _, ok := ts[k]; !ok {
			c.FP += float64(p)
		}
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// Precision of one page: 1 when nothing is wrong, 0 when nothing was
// predicted right, tp/(tp+fp) otherwise.
func (c Counts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall of one page, defined like Precision.
func (c Counts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Score is the benchmark's summary of a set of pages.
type Score struct {
	Precision, Recall, F1 float64
	Accuracy              float64 // share of pages whose tokens equal the truth's exactly
	Pages                 int
}

// Scorer accumulates pages.
type Scorer struct {
	precs, recs []float64
	exact, n    int
}

// Add scores one page and returns its counts.
func (s *Scorer) Add(truth, pred string) Counts {
	c := Match(truth, pred)
	if c.TP+c.FP > 0 {
		s.precs = append(s.precs, c.Precision())
	}
	if c.TP+c.FN > 0 {
		s.recs = append(s.recs, c.Recall())
	}
	if slices.Equal(Tokens(truth), Tokens(pred)) {
		s.exact++
	}
	s.n++
	return c
}

// Score returns the means so far.
func (s *Scorer) Score() Score {
	sc := Score{Precision: mean(s.precs), Recall: mean(s.recs), Pages: s.n}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	if s.n > 0 {
		sc.Accuracy = float64(s.exact) / float64(s.n)
	}
	return sc
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	var t float64
	for _, x := range v {
		t += x
	}
	return t / float64(len(v))
}
