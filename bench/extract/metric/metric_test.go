package metric_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"orewatch/bench/extract/metric"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"Empty", "", nil},
		{"Punctuation", "Hello, world! It's 2025-10-09.", []string{"Hello", "world", "It", "s", "2025", "10", "09"}},
		{"Underscore", "snake_case and-dash", []string{"snake_case", "and", "dash"}},
		{"Unicode", "Dépêche: 稀土 Ünïcode", []string{"Dépêche", "稀土", "Ünïcode"}},
		{"CaseKept", "MOFCOM mofcom", []string{"MOFCOM", "mofcom"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, metric.Tokens(tt.in)); diff != "" {
				t.Errorf("Tokens(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]int
	}{
		{"Empty", " ,. ", map[string]int{}},
		{"Short", "a b", map[string]int{"a\x00b": 1}},
		{"Exact", "a b c d", map[string]int{"a\x00b\x00c\x00d": 1}},
		{"Repeated", "a b c d a b c d", map[string]int{
			"a\x00b\x00c\x00d": 2, "b\x00c\x00d\x00a": 1, "c\x00d\x00a\x00b": 1, "d\x00a\x00b\x00c": 1,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, metric.Shingles(tt.in, metric.N)); diff != "" {
				t.Errorf("Shingles(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestMatch(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		want        metric.Counts
		p, r        float64
	}{
		// 5 tokens: shingles "one two three four", "two three four five".
		{"Identical", "one two three four five", "one. two; three four five", metric.Counts{TP: 1}, 1, 1},
		// pred adds a sixth token: 2 tp, 1 fp.
		{"ExtraTail", "one two three four five", "one two three four five six", metric.Counts{TP: 2.0 / 3, FP: 1.0 / 3}, 2.0 / 3, 1},
		// pred misses the last token: 1 tp, 1 fn.
		{"MissingTail", "one two three four five", "one two three four", metric.Counts{TP: 0.5, FN: 0.5}, 1, 0.5},
		{"Disjoint", "one two three four", "five six seven eight", metric.Counts{FP: 0.5, FN: 0.5}, 0, 0},
		{"EmptyPred", "one two three four", "", metric.Counts{FN: 1}, 0, 0},
		{"EmptyTruth", "", "one two three four", metric.Counts{FP: 1}, 0, 0},
		{"BothEmpty", "", "", metric.Counts{}, 1, 1},
		// Multiset: the truth repeats a shingle once, the prediction three times.
		{"Multiset", "a b c d", "a b c d a b c d a b c d",
			metric.Counts{TP: 1.0 / 9, FP: 8.0 / 9}, 1.0 / 9, 1},
		{"CaseMatters", "One two three four", "one two three four", metric.Counts{FP: 0.5, FN: 0.5}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metric.Match(tt.truth, tt.pred)
			if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
				t.Errorf("Match = %+v, want %+v", got, tt.want)
			}
			if p := got.Precision(); !near(p, tt.p) {
				t.Errorf("Precision = %v, want %v", p, tt.p)
			}
			if r := got.Recall(); !near(r, tt.r) {
				t.Errorf("Recall = %v, want %v", r, tt.r)
			}
		})
	}
}

func TestScorer(t *testing.T) {
	var s metric.Scorer
	s.Add("one two three four five", "one two three four five")     // P 1, R 1, exact
	s.Add("one two three four five", "one two three four five six") // P 2/3, R 1
	s.Add("one two three four five", "")                            // P left out, R 0
	s.Add("", "")                                                   // left out of both, counts as exact
	got := s.Score()
	wantP := (1 + 2.0/3) / 2
	wantR := (1 + 1 + 0) / 3.0
	if !near(got.Precision, wantP) || !near(got.Recall, wantR) {
		t.Errorf("P, R = %v, %v; want %v, %v", got.Precision, got.Recall, wantP, wantR)
	}
	if wantF := 2 * wantP * wantR / (wantP + wantR); !near(got.F1, wantF) {
		t.Errorf("F1 = %v, want %v (F1 of the means)", got.F1, wantF)
	}
	if got.Accuracy != 0.5 || got.Pages != 4 {
		t.Errorf("Accuracy, Pages = %v, %d; want 0.5, 4", got.Accuracy, got.Pages)
	}
}

func TestScorerEmpty(t *testing.T) {
	var s metric.Scorer
	if got := s.Score(); got != (metric.Score{}) {
		t.Errorf("empty Score = %+v, want zero", got)
	}
}
