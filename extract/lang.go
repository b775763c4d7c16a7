package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords holds frequent function words of the Latin-script languages the
// detector knows. Overlaps between lists are fine: the counts decide.
var stopWords = map[string][]string{
	"en": strings.Fields("the and of to is in that it for was with on as are by this from have has be which said will not its were been would their they"),
	"fr": strings.Fields("le la les des et est une du dans que qui pour pas sur au avec sont ce cette par ont été aux il elle mais leur nous vous"),
	"de": strings.Fields("der die und das ist nicht mit den dem ein eine auf für sich von auch wird zu im es sind wurde aus bei dass werden nach"),
	"es": strings.Fields("el los las del y en que es por una con para se al lo como más su sus fue ha pero este esta han entre sobre"),
	"it": strings.Fields("il di che e è la le gli per non una del della dei sono con si da nel alla questo ha anche più delle"),
	"pt": strings.Fields("o os as de e que não uma um para com do da dos das em no na por mais foi são ao à também pelo"),
	"nl": strings.Fields("de het een en van is dat niet op met zijn voor ook aan er bij om werd naar wordt heeft door maar deze"),
}

var stopIndex = map[string][]string{}

func init() {
	for lang, words := range stopWords {
		for _, w := range words {
			stopIndex[w] = append(stopIndex[w], lang)
		}
	}
}

// detectLanguage guesses the ISO 639-1 code of text from its script, and for
// Latin script from counts of function words. It returns "" when unsure.
func detectLanguage(text string) string {
	if len(text) > 3000 {
		text = text[:3000] // plenty for function words; a split rune only ends a word
	}
	var latin, han, kana, hangul, cyrillic, ukr, arabic, persian, greek, hebrew, deva, thai int
	for _, r := range text {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				latin++
			}
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
			if strings.ContainsRune("іїєґІЇЄҐ", r) {
				ukr++
			}
		case unicode.Is(unicode.Arabic, r):
			arabic++
			if strings.ContainsRune("پچژگ", r) {
				persian++
			}
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.IsLetter(r):
			latin++ // accented Latin letters
		}
	}
	total := latin + han + kana + hangul + cyrillic + arabic + greek + hebrew + deva + thai
	if total < 20 {
		return ""
	}
	// Han characters carry a word each, so they weigh more than letters.
	switch {
	case kana > 0 && (kana+han)*3 > total:
		return "ja"
	case hangul*2 > total:
		return "ko"
	case han*3 > total:
		return "zh"
	case cyrillic*2 > total:
		if ukr*50 > cyrillic {
			return "uk"
		}
		return "ru"
	case arabic*2 > total:
		if persian*50 > arabic {
			return "fa"
		}
		return "ar"
	case greek*2 > total:
		return "el"
	case hebrew*2 > total:
		return "he"
	case deva*2 > total:
		return "hi"
	case thai*2 > total:
		return "th"
	case latin*2 <= total:
		return ""
	}
	counts := map[string]int{}
	words := 0
	// Lower-case each word into a small buffer: looking up string(buf) in a
	// map does not allocate.
	var buf []byte
	flush := func() {
		if len(buf) == 0 {
			return
		}
		words++
		for _, l := range stopIndex[string(buf)] {
			counts[l]++
		}
		buf = buf[:0]
	}
	for _, r := range text {
		if unicode.IsLetter(r) || r == '\'' {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		} else {
			flush()
		}
	}
	flush()
	best, second, bestLang := 0, 0, ""
	for l, c := range counts {
		switch {
		case c > best || c == best && l < bestLang:
			second, best, bestLang = best, c, l
		case c > second:
			second = c
		}
	}
	// Require a real share of function words and a clear winner.
	if best < 3 || best*10 < words || best*4 < second*5 {
		return ""
	}
	return bestLang
}
