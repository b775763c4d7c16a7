package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"orewatch"
)

// Dates outside these years are taken for noise (ids, prices, phone numbers).
const (
	minYear = 1900
	maxYear = 2100
)

// monthNames maps lower-case month names and abbreviations in English,
// French, German, Spanish, Portuguese, Italian and Dutch to their month.
var monthNames = map[string]time.Month{}

func init() {
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	}
	for _, l := range lists {
		for i, name := range l {
			monthNames[name] = time.Month(i + 1)
		}
	}
	for name, m := range map[string]time.Month{
		"sept": 9, "fevrier": 2, "aout": 8, "decembre": 12, "jänner": 1, "maerz": 3, "setiembre": 9,
		"janv": 1, "févr": 2, "avr": 4, "juil": 7, "déc": 12, "okt": 10, "dez": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
	} {
		monthNames[name] = m
	}
}

// isoPrefix matches a date at the start of a machine-readable value:
// 2025-10-09, 2025-10-09T08:00:00+08:00, 2025/10/09, 2025.10.09 or 2025-10.
var isoPrefix = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})(?:([-/.])(\d{1,2}))?(?:$|[T\s_]|[^\d])`)

// compactDate matches 20251009, alone or followed by a time.
var compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:$|[T\s])`)

// parseDate reads a date from a metadata value: ISO 8601 and its common
// variants, RFC 1123, or any form findDate knows. A month-only value gives a
// month-precision Date. It reports false when s holds no plausible date.
func parseDate(s string) (orewatch.Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 200 {
		s = s[:200]
	}
	if m := isoPrefix.FindStringSubmatch(s); m != nil {
		if m[5] == "" || m[2] == m[4] {
			return makeDate(m[1], m[3], m[5])
		}
	}
	if m := compactDate.FindStringSubmatch(s); m != nil {
		return makeDate(m[1], m[2], m[3])
	}
	d, _, _, ok := findDate(s, true)
	return d, ok
}

// findDate returns the first date written out in s and where it is:
// 2025-10-09, October 9, 2025, Oct. 9th 2025, 9 October 2025, 9. Oktober
// 2025, 9 de octubre de 2025, 2025年10月9日, and, when monthOnly is set,
// October 2025. It scans tokens rather than running a regular expression
// with every month name, which made it the slowest step of text extraction.
func findDate(s string, monthOnly bool) (d orewatch.Date, start, end int, ok bool) {
	toks := dateTokens(s)
	for i, t := range toks {
		switch {
		case t.num && len(t.text) == 4:
			if d, end, ok := isoAt(s, toks, i); ok {
				return d, t.start, end, true
			}
		case t.num && len(t.text) <= 2:
			// 9 October 2025, 9th October 2025, 9. Oktober 2025, 9 de octubre de 2025
			j := i + 1
			if j < len(toks) && isOrdinal(toks[j]) && toks[j].start == t.end {
				j++
			}
			if j < len(toks) && toks[j].text == "de" && gapOK(s, toks[j-1].end, toks[j].start, ".") {
				j++
			}
			if j+1 < len(toks) && toks[j].month != 0 && gapOK(s, toks[j-1].end, toks[j].start, ".") {
				k := j + 1
				if toks[k].text == "de" && k+1 < len(toks) && gapOK(s, toks[j].end, toks[k].start, ".") {
					k++
				}
				if y := toks[k]; y.num && len(y.text) == 4 && gapOK(s, toks[k-1].end, y.start, ".,") {
					if d, ok := makeDate(y.text, strconv.Itoa(int(toks[j].month)), t.text); ok {
						return d, t.start, y.end, true
					}
				}
			}
		case t.month != 0:
			// October 9, 2025, Oct. 9th 2025, and October 2025
			j := i + 1
			if j < len(toks) && toks[j].num && len(toks[j].text) <= 2 && gapOK(s, t.end, toks[j].start, ".") {
				k := j + 1
				if k < len(toks) && isOrdinal(toks[k]) && toks[k].start == toks[j].end {
					k++
				}
				if k < len(toks) && toks[k].num && len(toks[k].text) == 4 && gapOK(s, toks[k-1].end, toks[k].start, ",") {
					if d, ok := makeDate(toks[k].text, strconv.Itoa(int(t.month)), toks[j].text); ok {
						return d, t.start, toks[k].end, true
					}
				}
			}
			if monthOnly && j < len(toks) && toks[j].num && len(toks[j].text) == 4 && gapOK(s, t.end, toks[j].start, ".,") {
				if d, ok := makeDate(toks[j].text, strconv.Itoa(int(t.month)), ""); ok {
					return d, t.start, toks[j].end, true
				}
			}
		}
	}
	return orewatch.Date{}, 0, 0, false
}

// dateToken is a run of letters or of ASCII digits.
type dateToken struct {
	text       string
	start, end int
	num        bool
	month      time.Month // set when text names a month
}

// dateTokens splits s into runs of letters and runs of digits, noting the
// month names among the letters.
func dateTokens(s string) []dateToken {
	var toks []dateToken
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		isDigit := r >= '0' && r <= '9'
		if !isDigit && (!unicode.IsLetter(r) || unicode.Is(unicode.Han, r)) {
			i += n // Han characters are words of their own: 年, 月 and 日 separate numbers
			continue
		}
		j := i + n
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if (r2 >= '0' && r2 <= '9') != isDigit || !isDigit && (!unicode.IsLetter(r2) || unicode.Is(unicode.Han, r2)) {
				break
			}
			j += n2
		}
		t := dateToken{text: s[i:j], start: i, end: j, num: isDigit}
		if !isDigit && j-i >= 3 && j-i <= 10 {
			t.month = monthNames[strings.ToLower(t.text)]
		}
		toks = append(toks, t)
		i = j
	}
	return toks
}

// isoAt reads 2025-10-09 or 2025年10月9日 starting at token i.
func isoAt(s string, toks []dateToken, i int) (orewatch.Date, int, bool) {
	if i+2 >= len(toks) || !toks[i+1].num || !toks[i+2].num {
		return orewatch.Date{}, 0, false
	}
	y, m, d := toks[i], toks[i+1], toks[i+2]
	if s[y.end:m.start] == "-" && s[m.end:d.start] == "-" && len(m.text) == 2 && len(d.text) == 2 {
		if d.end < len(s) && isWordByte(s[d.end]) && s[d.end] != 'T' {
			return orewatch.Date{}, 0, false
		}
		if y.start > 0 && isWordByte(s[y.start-1]) {
			return orewatch.Date{}, 0, false
		}
		date, ok := makeDate(y.text, m.text, d.text)
		return date, d.end, ok
	}
	if strings.TrimSpace(s[y.end:m.start]) == "年" && strings.TrimSpace(s[m.end:d.start]) == "月" && strings.HasPrefix(strings.TrimLeft(s[d.end:], " "), "日") {
		date, ok := makeDate(y.text, m.text, d.text)
		return date, d.end + strings.Index(s[d.end:], "日") + len("日"), ok
	}
	return orewatch.Date{}, 0, false
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isOrdinal(t dateToken) bool {
	switch strings.ToLower(t.text) {
	case "st", "nd", "rd", "th", "er":
		return true
	}
	return false
}

// gapOK reports whether s[from:to], the text between two tokens, is
// whitespace with at most one of each character in punct.
func gapOK(s string, from, to int, punct string) bool {
	if from > to || to-from > 4 {
		return false
	}
	seen := ""
	for _, r := range s[from:to] {
		switch {
		case unicode.IsSpace(r):
		case strings.ContainsRune(punct, r) && !strings.ContainsRune(seen, r):
			seen += string(r)
		default:
			return false
		}
	}
	return true
}

// makeDate validates decimal year, month and optional day strings.
func makeDate(ys, ms, ds string) (orewatch.Date, bool) {
	y, err1 := strconv.Atoi(ys)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || y < minYear || y > maxYear || m < 1 || m > 12 {
		return orewatch.Date{}, false
	}
	if ds == "" {
		return orewatch.Date{Year: y, Month: time.Month(m)}, true
	}
	d, err := strconv.Atoi(ds)
	if err != nil || d < 1 || d > 31 {
		return orewatch.Date{}, false
	}
	if time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() != d {
		return orewatch.Date{}, false
	}
	return orewatch.NewDate(y, time.Month(m), d), true
}

// urlDate matches dates in a URL path: /2025/10/09/, /2025-10-09-,
// /20251009/, /2025/oct/09/ and /2025/10/ (month only).
var urlDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2}|[A-Za-z]{3,9})(?:[/-](\d{1,2}))?(?:[/_.-]|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)`)

// dateFromURL reads a date from the path of pageURL.
func dateFromURL(pageURL string) (orewatch.Date, bool) {
	if i := strings.IndexAny(pageURL, "?#"); i >= 0 {
		pageURL = pageURL[:i]
	}
	if i := strings.Index(pageURL, "://"); i >= 0 {
		pageURL = pageURL[i+3:]
		if j := strings.IndexByte(pageURL, '/'); j >= 0 {
			pageURL = pageURL[j:]
		} else {
			return orewatch.Date{}, false
		}
	}
	for _, m := range urlDate.FindAllStringSubmatch(pageURL, -1) {
		var d orewatch.Date
		var ok bool
		if m[1] != "" {
			month := m[2]
			if mo, named := monthNames[strings.ToLower(month)]; named {
				month = strconv.Itoa(int(mo))
			}
			d, ok = makeDate(m[1], month, m[3])
		} else {
			d, ok = makeDate(m[4], m[5], m[6])
		}
		if ok {
			return d, true
		}
	}
	return orewatch.Date{}, false
}

// datelineCue starts a line that announces when a text was published.
var datelineCue = regexp.MustCompile(`(?i)^\W*(published|posted|updated|date|dated|first published|released?|issued)\b`)

// dateFromText looks for a publication date in the first lines of a text: a
// short line that is mostly a date ("October 9, 2025", "By A. Writer |
// Oct. 9, 2025"), a line opening with a cue ("Published: ..."), or a
// dateline at the start of a paragraph ("BEIJING, Oct. 9, 2025 — ...").
// Dates inside sentences are not publication dates and are ignored.
//
// It returns the date and the index of its line, and whether the line is a
// dateline or byline and nothing else (so not part of the text proper).
func dateFromText(lines []string) (d orewatch.Date, line int, alone bool, ok bool) {
	for i, l := range lines {
		if i >= 6 {
			break
		}
		// Only a short line or a date near the start counts: the rest of a
		// long paragraph need not be read.
		if len(l) > 160 {
			l = l[:160]
		}
		d, start, end, found := findDate(l, false)
		if !found {
			continue
		}
		short := len(l) <= 80 && len(l)-(end-start) <= 50
		switch {
		case short && !rxSentenceEnd.MatchString(l[end:]):
			return d, i, true, true
		case datelineCue.MatchString(l) && start <= 40:
			return d, i, short, true
		case start <= 40 && end < len(l) && datelineDash(l[end:]):
			return d, i, false, true
		}
	}
	return orewatch.Date{}, 0, false, false
}

// datelineDash reports whether s begins a dateline's separator.
func datelineDash(s string) bool {
	s = strings.TrimLeft(s, " \t(")
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "-") ||
		strings.HasPrefix(s, "/") || strings.HasPrefix(s, "(") || strings.HasPrefix(s, ":")
}
