package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"orewatch"
)

// Dates outside these years are taken for noise (ids, prices, phone numbers).
const (
	minYear = 1900
	maxYear = 2100
)

// monthNames maps lower-case month names and abbreviations in English,
// French, German and Spanish to their month.
var monthNames = map[string]time.Month{}

func init() {
	lists := [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
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
	var names []string
	for n := range monthNames {
		names = append(names, regexp.QuoteMeta(n))
	}
	// Longest first, so that "september" wins over "sep".
	sortByLenDesc(names)
	month := `(` + strings.Join(names, "|") + `)`
	day := `(\d{1,2})(?:st|nd|rd|th|er|\.)?`
	year := `(\d{4})`
	datePattern = regexp.MustCompile(`(?i)` +
		`\b(\d{4})-(\d{2})-(\d{2})(?:T|\b)` + // 1-3: ISO 2025-10-09
		`|\b` + month + `\.?\s+` + day + `,?\s+` + year + `\b` + // 4-6: October 9, 2025
		`|\b` + day + `\s+(?:de\s+)?` + month + `\.?,?\s+(?:de\s+)?` + year + `\b` + // 7-9: 9 October 2025, 9 de octubre de 2025
		`|(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + // 10-12: 2025年10月9日
		`|\b` + month + `\.?,?\s+` + year + `\b`) // 13-14: October 2025
}

var datePattern *regexp.Regexp

func sortByLenDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && (len(s[j]) > len(s[j-1]) || len(s[j]) == len(s[j-1]) && s[j] < s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
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

// findDate returns the first date written out in s and where it is. Dates
// known only to the month count when monthOnly is set.
func findDate(s string, monthOnly bool) (d orewatch.Date, start, end int, ok bool) {
	for off := 0; off < len(s); {
		loc := datePattern.FindStringSubmatchIndex(s[off:])
		if loc == nil {
			return orewatch.Date{}, 0, 0, false
		}
		g := func(i int) string {
			if loc[2*i] < 0 {
				return ""
			}
			return s[off+loc[2*i] : off+loc[2*i+1]]
		}
		switch {
		case g(1) != "":
			d, ok = makeDate(g(1), g(2), g(3))
		case g(4) != "":
			d, ok = makeNamed(g(6), g(4), g(5))
		case g(8) != "":
			d, ok = makeNamed(g(9), g(8), g(7))
		case g(10) != "":
			d, ok = makeDate(g(10), g(11), g(12))
		case g(13) != "" && monthOnly:
			d, ok = makeNamed(g(14), g(13), "")
		}
		if ok {
			return d, off + loc[0], off + loc[1], true
		}
		off += loc[0] + 1
		for off < len(s) && !isBoundary(s, off) {
			off++
		}
	}
	return orewatch.Date{}, 0, 0, false
}

// isBoundary reports whether a match may start at byte i of s (the start of
// a UTF-8 character).
func isBoundary(s string, i int) bool { return s[i]&0xC0 != 0x80 }

func makeNamed(y, month, d string) (orewatch.Date, bool) {
	m, ok := monthNames[strings.ToLower(month)]
	if !ok {
		return orewatch.Date{}, false
	}
	return makeDate(y, strconv.Itoa(int(m)), d)
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

// urlDate matches dates in a URL path: /2025/10/09/, /2025-10-09-, /20251009/
// and /2025/10/ (month only).
var urlDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:[/_.-]|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)`)

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
			d, ok = makeDate(m[1], m[2], m[3])
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
func dateFromText(lines []string) (orewatch.Date, bool) {
	for i, line := range lines {
		if i >= 6 {
			break
		}
		d, start, end, ok := findDate(line, false)
		if !ok {
			continue
		}
		rest := len(line) - (end - start)
		switch {
		case len(line) <= 80 && rest <= 50:
			return d, true
		case datelineCue.MatchString(line) && start <= 40:
			return d, true
		case start <= 40 && end < len(line) && datelineDash(line[end:]):
			return d, true
		}
	}
	return orewatch.Date{}, false
}

// datelineDash reports whether s begins a dateline's separator.
func datelineDash(s string) bool {
	s = strings.TrimLeft(s, " \t(")
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "-") ||
		strings.HasPrefix(s, "/") || strings.HasPrefix(s, "(") || strings.HasPrefix(s, ":")
}
