package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normKey reduces text to its word tokens, lower-cased and space-joined, so
// that two renderings of one paragraph compare equal whatever their spacing
// and punctuation.
func normKey(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	inWord := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if !inWord && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteRune(unicode.ToLower(r))
			inWord = true
		} else {
			inWord = false
		}
	}
	return sb.String()
}

// searchBudget bounds, in bytes scanned, the substring searches of combine.
const searchBudget = 32 << 20

// combine merges the paragraphs of two extractions of one page: main, from
// the primary extractor, and second, from an independent one. Paragraphs at
// the head and foot of main that the second extraction does not contain are
// dropped when the two otherwise agree: this is where headlines, standfirsts,
// newsletter boxes and link lists slip in.
func combine(main, second []string) []string {
	if len(main) == 0 || len(second) == 0 {
		return main
	}
	// Most paragraphs match one of second's exactly; the others are looked
	// for inside second's whole text (one extractor may merge or split
	// blocks), within a budget that keeps this linear on huge pages.
	index := make(map[string]bool, len(second))
	for _, k := range normKeys(second) {
		index[k] = true
	}
	all := ""
	budget := searchBudget
	in := make([]bool, len(main))
	total, shared := 0, 0
	for i, p := range main {
		k := normKey(p)
		total += len(k)
		if k == "" {
			continue
		}
		found := index[k]
		if !found && budget > 0 {
			if all == "" {
				all = " " + normKey(strings.Join(second, " ")) + " "
			}
			found = strings.Contains(all, " "+k+" ")
			budget -= len(all)
		}
		if found {
			in[i] = true
			shared += len(k)
		}
	}
	if total == 0 || shared*2 < total {
		// The extractions disagree. trafilatura's last resort dumps the
		// page's text as one block; readability's structured result is then
		// the better guess.
		if mashed(main) && runeLen(second) >= minBody {
			return second
		}
		return main
	}
	lo, hi := 0, len(main)
	for lo < hi && !in[lo] {
		lo++
	}
	for hi > lo && !in[hi-1] {
		hi--
	}
	out := main[lo:hi:hi]
	return extendTail(out, second)
}

// extendTail appends the paragraphs that follow main's last one in second
// while they read as prose: main stopped early, at a widget or an ad break
// inside the article, where second went on.
func extendTail(main, second []string) []string {
	if len(main) == 0 {
		return main
	}
	last := normKey(main[len(main)-1])
	j := -1
	for i, p := range second {
		if k := normKey(p); k == last || len(last) > 40 && strings.Contains(k, last) {
			j = i
		}
	}
	if j < 0 {
		return main
	}
	seen := make(map[string]bool, len(main))
	for _, k := range normKeys(main) {
		seen[k] = true
	}
	for _, p := range second[j+1:] {
		// A paragraph main already has means second runs on into a copy of
		// the article (a print or amp version embedded in the page).
		if classify(p) == classStrong {
			continue // a subscription box or ad break inside the article
		}
		if !isProse(p) || seen[normKey(p)] {
			break
		}
		main = append(main, p)
	}
	return main
}

// isProse reports whether p is a paragraph of running text: a sentence's
// worth of words, ending like a sentence, with no boilerplate cue.
func isProse(p string) bool {
	return countWords(p) >= 8 && rxSentenceEnd.MatchString(p) && classify(p) == classContent
}

// mashed reports whether paras is one block of text, as trafilatura's
// fallback leaves it: a paragraph of over 1,000 characters holding most of it.
func mashed(paras []string) bool {
	longest := 0
	for _, p := range paras {
		longest = max(longest, utf8.RuneCountInString(p))
	}
	return longest >= 1000 && longest*10 >= runeLen(paras)*6
}

func normKeys(paras []string) []string {
	keys := make([]string, len(paras))
	for i, p := range paras {
		keys[i] = normKey(p)
	}
	return keys
}

// dropTitle removes leading paragraphs that repeat the title.
func dropTitle(paras []string, title string) []string {
	t := normKey(title)
	if t == "" {
		return paras
	}
	for len(paras) > 0 && normKey(paras[0]) == t {
		paras = paras[1:]
	}
	return paras
}
