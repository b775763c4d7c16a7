package lex

import (
	"strconv"
	"strings"
	"time"

	"orewatch"
)

// DateMention is a date found in text.
type DateMention struct {
	Start, End int
	// Date is the date meant, to the day or to the month; zero for a bare
	// year (see Year) or when a relative form had no reference date.
	Date orewatch.Date
	// Year is the year of a bare-year mention ("in 2023"), else Date.Year.
	Year int
	// Relative is set when the date was worked out from the reference date
	// (a weekday, "last month", a day or month given without its year).
	Relative bool
}

var months = map[string]time.Month{
	"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
	"August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
	"Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
	"JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "MAY": 5, "JUNE": 6, "JULY": 7,
	"AUGUST": 8, "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// monthPreps may stand before a month named without day or year ("in
// October", "since March"); without one, "March" or "May" could be a verb.
var monthPreps = map[string]bool{
	"in": true, "since": true, "from": true, "until": true, "till": true, "by": true, "during": true,
	"early": true, "late": true, "mid": true, "last": true, "this": true, "next": true, "before": true,
	"after": true, "through": true, "of": true, "In": true, "Since": true, "From": true, "Until": true,
	"By": true, "During": true, "Early": true, "Late": true, "Last": true, "This": true, "Next": true,
	"Before": true, "After": true, "Through": true, "Mid": true,
	"the": true, "The": true, // "the April restrictions"
}

// yearPreps may stand before a bare year ("in 2023").
var yearPreps = map[string]bool{
	"in": true, "since": true, "from": true, "until": true, "by": true, "during": true, "of": true,
	"for": true, "through": true, "before": true, "after": true, "In": true, "Since": true, "From": true,
	"Until": true, "By": true, "During": true, "Before": true, "After": true, "early": true, "late": true,
	"mid": true,
}

// Dates finds the dates in the text. ref is the publication date: it
// resolves weekdays, "yesterday", "last month", and days or months given
// without a year (to the year that puts them closest to ref). With a zero
// ref those forms are skipped.
func (t *Text) Dates(ref orewatch.Date) []DateMention {
	var out []DateMention
	toks := t.Toks
	for i := 0; i < len(toks); i++ {
		if m, n, ok := t.dateAt(i, ref); ok {
			out = append(out, m)
			i += n - 1
		}
	}
	return out
}

// dateAt tries to read a date starting at token i; n is the tokens used.
func (t *Text) dateAt(i int, ref orewatch.Date) (DateMention, int, bool) {
	tok := t.Toks[i]
	switch tok.Kind {
	case Number:
		if d, n, ok := t.isoDate(i); ok {
			return DateMention{tok.Start, t.Toks[i+n-1].End, d, d.Year, false}, n, true
		}
		if d, n, rel, ok := t.dayMonth(i, ref); ok {
			return DateMention{tok.Start, t.Toks[i+n-1].End, d, d.Year, rel}, n, true
		}
		if y, ok := t.year(i); ok && yearPreps[t.word(i-1)] && !t.isPunct(i+1, "%") {
			return DateMention{tok.Start, tok.End, orewatch.Date{}, y, false}, 1, true
		}
	case Word:
		w := t.Tok(i)
		if mo, ok := months[w]; ok {
			return t.monthFirst(i, mo, ref)
		}
		if wd, ok := weekdays[w]; ok {
			return t.weekday(i, wd, ref)
		}
		return t.relative(i, w, ref)
	}
	return DateMention{}, 0, false
}

// isoDate reads 2025-11-08 or 2025/11/08.
func (t *Text) isoDate(i int) (orewatch.Date, int, bool) {
	if i+4 >= len(t.Toks) {
		return orewatch.Date{}, 0, false
	}
	sep := t.Tok(i + 1)
	if (sep != "-" && sep != "/") || !t.isPunct(i+3, sep) {
		return orewatch.Date{}, 0, false
	}
	for k := 1; k <= 4; k++ {
		if !t.adjacent(i + k) {
			return orewatch.Date{}, 0, false
		}
	}
	y, m, d := t.Tok(i), t.Tok(i+2), t.Tok(i+4)
	if len(y) != 4 || len(m) != 2 || len(d) != 2 || t.Toks[i+2].Kind != Number || t.Toks[i+4].Kind != Number {
		return orewatch.Date{}, 0, false
	}
	date, err := orewatch.ParseDate(y + "-" + m + "-" + d)
	if err != nil {
		return orewatch.Date{}, 0, false
	}
	return date, 5, true
}

// year reads a plausible four-digit year.
func (t *Text) year(i int) (int, bool) {
	if i < 0 || i >= len(t.Toks) || t.Toks[i].Kind != Number {
		return 0, false
	}
	s := t.Tok(i)
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// day reads a day of the month, with an ordinal suffix; n is tokens used.
func (t *Text) day(i int) (int, int, bool) {
	if i < 0 || i >= len(t.Toks) || t.Toks[i].Kind != Number {
		return 0, 0, false
	}
	s := t.Tok(i)
	if len(s) > 2 {
		return 0, 0, false
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	n := 1
	if w := t.word(i + 1); t.adjacent(i+1) && (w == "st" || w == "nd" || w == "rd" || w == "th") {
		n = 2
	}
	return d, n, true
}

// dayMonth reads "8 November 2025", "8th of November", "8 Nov".
func (t *Text) dayMonth(i int, ref orewatch.Date) (orewatch.Date, int, bool, bool) {
	d, n, ok := t.day(i)
	if !ok {
		return orewatch.Date{}, 0, false, false
	}
	j := i + n
	if t.word(j) == "of" {
		j++
	}
	mo, ok := months[t.word(j)]
	if !ok {
		return orewatch.Date{}, 0, false, false
	}
	j++
	if t.isPunct(j, ".") && t.adjacent(j) {
		j++
	}
	k := j
	if t.isPunct(k, ",") {
		k++
	}
	if y, ok := t.year(k); ok {
		date, ok := validDay(y, mo, d)
		return date, k + 1 - i, false, ok
	}
	if ref.IsZero() {
		return orewatch.Date{}, 0, false, false
	}
	date, ok := closestDay(ref, mo, d)
	return date, j - i, true, ok
}

// monthFirst reads "November 8, 2025", "Nov. 8", "October 2025", "in October".
func (t *Text) monthFirst(i int, mo time.Month, ref orewatch.Date) (DateMention, int, bool) {
	start := t.Toks[i].Start
	j := i + 1
	if t.isPunct(j, ".") && t.adjacent(j) {
		j++
	}
	if d, n, ok := t.day(j); ok && !t.isPunct(j+n, "%") {
		k := j + n
		// "October 25-27": keep the first day, skip the range.
		if t.isPunct(k, "-") || t.isPunct(k, "–") {
			if _, n2, ok := t.day(k + 1); ok {
				k += 1 + n2
			}
		}
		m := k
		if t.isPunct(m, ",") {
			m++
		}
		if y, ok := t.year(m); ok {
			if date, ok := validDay(y, mo, d); ok {
				return DateMention{start, t.Toks[m].End, date, y, false}, m + 1 - i, true
			}
			return DateMention{}, 0, false
		}
		if ref.IsZero() {
			return DateMention{}, 0, false
		}
		if date, ok := closestDay(ref, mo, d); ok {
			return DateMention{start, t.Toks[k-1].End, date, date.Year, true}, k - i, true
		}
		return DateMention{}, 0, false
	}
	k := j
	if t.isPunct(k, ",") || t.word(k) == "of" {
		k++
	}
	if y, ok := t.year(k); ok {
		date := orewatch.Date{Year: y, Month: mo}
		return DateMention{start, t.Toks[k].End, date, y, false}, k + 1 - i, true
	}
	prev := t.word(i - 1)
	if prev == "" && t.isPunct(i-1, "-") && t.adjacent(i) {
		prev = t.word(i - 2) // "mid-October"
	}
	if !monthPreps[prev] || ref.IsZero() {
		return DateMention{}, 0, false
	}
	var date orewatch.Date
	switch strings.ToLower(prev) {
	case "last", "since":
		date = orewatch.Date{Year: ref.Year, Month: mo}
		if mo >= ref.Month {
			date.Year--
		}
	case "next":
		date = orewatch.Date{Year: ref.Year, Month: mo}
		if mo <= ref.Month {
			date.Year++
		}
	default:
		date = closestMonth(ref, mo)
	}
	end := t.Toks[i].End
	if j > i+1 {
		end = t.Toks[j-1].End
	}
	return DateMention{start, end, date, date.Year, true}, j - i, true
}

// weekday reads "Thursday" or "on Thursday": the latest such day on or
// before ref ("last Thursday": strictly before; "next Thursday": after).
// "Thursday, November 6, 2025" leaves the weekday to the full date.
func (t *Text) weekday(i int, wd time.Weekday, ref orewatch.Date) (DateMention, int, bool) {
	j := i + 1
	if t.isPunct(j, ",") {
		j++
	}
	if _, ok := months[t.word(j)]; ok {
		return DateMention{}, 0, false
	}
	if _, _, ok := t.day(j); ok {
		return DateMention{}, 0, false
	}
	if ref.IsZero() {
		return DateMention{}, 0, false
	}
	rt := ref.Time()
	delta := (int(rt.Weekday()) - int(wd) + 7) % 7
	switch t.word(i - 1) {
	case "last", "Last":
		if delta == 0 {
			delta = 7
		}
	case "next", "Next":
		delta = -((int(wd) - int(rt.Weekday()) + 7) % 7)
		if delta == 0 {
			delta = -7
		}
	}
	d := ref.AddDays(-delta)
	return DateMention{t.Toks[i].Start, t.Toks[i].End, d, d.Year, true}, 1, true
}

// relative reads yesterday, today, tomorrow, and last/this/next month,
// week or year.
func (t *Text) relative(i int, w string, ref orewatch.Date) (DateMention, int, bool) {
	if ref.IsZero() || len(w) < 4 || len(w) > 9 {
		return DateMention{}, 0, false
	}
	switch w[0] | 0x20 { // the first letter, lower-cased
	case 'y', 't', 'l', 'n':
	default:
		return DateMention{}, 0, false
	}
	tok := t.Toks[i]
	mention := func(d orewatch.Date, n int) (DateMention, int, bool) {
		if d.IsZero() {
			return DateMention{}, 0, false
		}
		return DateMention{tok.Start, t.Toks[i+n-1].End, d, d.Year, true}, n, true
	}
	step := 0
	switch {
	case ref.Day != 0 && strings.EqualFold(w, "yesterday"):
		return mention(ref.AddDays(-1), 1)
	case ref.Day != 0 && strings.EqualFold(w, "today"):
		return mention(ref, 1)
	case ref.Day != 0 && strings.EqualFold(w, "tomorrow"):
		return mention(ref.AddDays(1), 1)
	case strings.EqualFold(w, "last"):
		step = -1
	case strings.EqualFold(w, "this"):
		step = 0
	case strings.EqualFold(w, "next"):
		step = 1
	default:
		return DateMention{}, 0, false
	}
	switch unit := t.word(i + 1); {
	case strings.EqualFold(unit, "month"):
		first := orewatch.Date{Year: ref.Year, Month: ref.Month, Day: 1}
		m := first.Time().AddDate(0, step, 0)
		return mention(orewatch.Date{Year: m.Year(), Month: m.Month()}, 2)
	case strings.EqualFold(unit, "week"):
		if ref.Day == 0 {
			return DateMention{}, 0, false
		}
		// A week is known only to the month, and only when it lies within
		// one month.
		rt := ref.Time()
		mon := rt.AddDate(0, 0, -((int(rt.Weekday())+6)%7)+7*step)
		sun := mon.AddDate(0, 0, 6)
		if mon.Month() != sun.Month() {
			return DateMention{}, 0, false
		}
		return mention(orewatch.Date{Year: mon.Year(), Month: mon.Month()}, 2)
	case strings.EqualFold(unit, "year"):
		return DateMention{tok.Start, t.Toks[i+1].End, orewatch.Date{}, ref.Year + step, true}, 2, true
	}
	return DateMention{}, 0, false
}

func validDay(y int, m time.Month, d int) (orewatch.Date, bool) {
	date := orewatch.Date{Year: y, Month: m, Day: d}
	if date.Time().Day() != d {
		return orewatch.Date{}, false
	}
	return date, true
}

// closestDay gives a day stated without its year a year: news mostly
// speaks of the recent past, so the last such day on or before ref when it
// is at most eight months back, else the next one after ref.
func closestDay(ref orewatch.Date, m time.Month, d int) (orewatch.Date, bool) {
	rt := ref.Time()
	var past, future orewatch.Date
	for _, y := range []int{ref.Year - 1, ref.Year, ref.Year + 1} {
		date, ok := validDay(y, m, d)
		if !ok {
			continue
		}
		if !date.Time().After(rt) {
			past = date
		} else if future.IsZero() {
			future = date
		}
	}
	if !past.IsZero() && rt.Sub(past.Time()) <= 243*24*time.Hour {
		return past, true
	}
	if !future.IsZero() {
		return future, true
	}
	return past, !past.IsZero()
}

// closestMonth is closestDay for a month stated alone: the last such month
// up to ref's when at most eight months back, else the next.
func closestMonth(ref orewatch.Date, m time.Month) orewatch.Date {
	back := (int(ref.Month) - int(m) + 12) % 12
	if back <= 8 {
		y := ref.Year
		if m > ref.Month {
			y--
		}
		return orewatch.Date{Year: y, Month: m}
	}
	y := ref.Year
	if m < ref.Month {
		y++
	}
	return orewatch.Date{Year: y, Month: m}
}
