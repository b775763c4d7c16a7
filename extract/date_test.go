package extract

import (
	"testing"
	"unicode/utf8"

	"orewatch"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" means no date
	}{
		{"ISO", "2025-10-09", "2025-10-09"},
		{"ISODateTime", "2025-10-09T21:15:00+08:00", "2025-10-09"},
		{"ISOSpaceTime", "2025-10-09 08:00:00", "2025-10-09"},
		{"ISOShortParts", "2025-1-9", "2025-01-09"},
		{"Slashes", "2025/10/09", "2025-10-09"},
		{"Dots", "2025.10.09", "2025-10-09"},
		{"MixedSeparators", "2025-10/09", ""},
		{"MonthOnly", "2025-10", "2025-10"},
		{"Compact", "20251009", "2025-10-09"},
		{"CompactTime", "20251009T101500Z", "2025-10-09"},
		{"RFC1123", "Thu, 09 Oct 2025 13:15:00 GMT", "2025-10-09"},
		{"EnglishLong", "October 9, 2025", "2025-10-09"},
		{"EnglishAbbrev", "Oct. 9th 2025, 10:04 AM EDT", "2025-10-09"},
		{"Sept", "Sept 30, 2025", "2025-09-30"},
		{"DayFirst", "9 October 2025", "2025-10-09"},
		{"DayFirstOrdinal", "1st May, 2024", "2024-05-01"},
		{"German", "9. Oktober 2025", "2025-10-09"},
		{"French", "le 23 mai 2024", "2024-05-23"},
		{"FrenchAccent", "1er décembre 2024", "2024-12-01"},
		{"Spanish", "9 de octubre de 2025", "2025-10-09"},
		{"Portuguese", "sexta-feira, 22 de outubro de 2010 às 20:13", "2010-10-22"},
		{"Italian", "9 ottobre 2025", "2025-10-09"},
		{"Dutch", "9 oktober 2025", "2025-10-09"},
		{"Chinese", "2025年10月9日", "2025-10-09"},
		{"ChineseSpaced", "2025 年 10 月 9 日", "2025-10-09"},
		{"MonthYear", "October 2025", "2025-10"},
		{"NoSuchDay", "2025-02-30", ""},
		{"NoSuchMonth", "2025-13-01", ""},
		{"YearTooEarly", "1800-01-01", ""},
		{"Words", "yesterday", ""},
		{"Empty", "", ""},
		{"NumberOnly", "12345", ""},
		{"DayTooBig", "October 32, 2025", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := parseDate(tt.in)
			if got := d.String(); got != tt.want || ok != (tt.want != "") {
				t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		monthOnly bool
		want      string
		match     string
	}{
		{"InSentence", "The rules take effect on November 8, 2025, the ministry said.", false, "2025-11-08", "November 8, 2025"},
		{"FirstOfTwo", "From 1 August 2023 to 2 September 2024", false, "2023-08-01", "1 August 2023"},
		{"MonthOnlyOff", "announced in October 2025", false, "", ""},
		{"MonthOnlyOn", "announced in October 2025", true, "2025-10", "October 2025"},
		{"SkipsInvalid", "on February 30, 2025 or March 1, 2025", false, "2025-03-01", "March 1, 2025"},
		{"ISOInText", "Filed 2025-10-09.", false, "2025-10-09", "2025-10-09"},
		{"ISOInsideNumber", "ref 12025-10-091", false, "", ""},
		{"MayAsVerb", "Prices may 2025 rise", false, "", ""},
		{"Chinese", "商务部于2025年11月7日发布公告", false, "2025-11-07", "2025年11月7日"},
		{"NoDate", "No date here at all.", true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, start, end, ok := findDate(tt.in, tt.monthOnly)
			if d.String() != tt.want || ok != (tt.want != "") {
				t.Fatalf("findDate(%q) = %q, %v; want %q", tt.in, d, ok, tt.want)
			}
			if ok && tt.in[start:end] != tt.match {
				t.Errorf("matched %q, want %q", tt.in[start:end], tt.match)
			}
		})
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"Slashes", "https://example.com/news/2025/10/09/china-rare-earths/", "2025-10-09"},
		{"Dashes", "https://example.com/2025-10-09-china-rare-earths", "2025-10-09"},
		{"Compact", "https://example.com/news/20251009/story.html", "2025-10-09"},
		{"MonthOnly", "https://example.com/2025/10/china-rare-earths", "2025-10"},
		{"MonthName", "https://example.com/statements/2019/nov/18/claim/", "2019-11-18"},
		{"WordNotMonth", "https://example.com/2019/news/18/claim/", ""},
		{"HostIgnored", "https://2025.example.com/a", ""},
		{"QueryIgnored", "https://example.com/a?d=/2025/10/09/", ""},
		{"InvalidMonth", "https://example.com/2025/13/01/a", ""},
		{"ArticleID", "https://example.com/news/471033-governor", ""},
		{"YearOnly", "https://example.com/2025/a", ""},
		{"NoScheme", "/2019/09/03/nickel", "2019-09-03"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := dateFromURL(tt.url)
			if d.String() != tt.want || ok != (tt.want != "") {
				t.Errorf("dateFromURL(%q) = %q, %v; want %q", tt.url, d, ok, tt.want)
			}
		})
	}
}

func TestDateFromText(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
		line  int
		alone bool
	}{
		{"Byline", []string{"By A. Writer | October 9, 2025", "Body."}, "2025-10-09", 0, true},
		{"BareDate", []string{"Title", "9 October 2025"}, "2025-10-09", 1, true},
		{"Cue", []string{"Published on 3 July 2023 by the desk, updated later that day with comments"}, "2023-07-03", 0, false},
		{"Dateline", []string{"BEIJING, July 3, 2023 — China said on Monday that exports of gallium will need a licence."}, "2023-07-03", 0, false},
		{"InSentence", []string{"The rules take effect on November 8, 2025, the ministry said, after a review of the list."}, "", 0, false},
		{"ShortSentence", []string{"It ends on May 1, 2026."}, "", 0, false},
		{"TooDeep", []string{"a", "b", "c", "d", "e", "f", "October 9, 2025"}, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, line, alone, ok := dateFromText(tt.lines)
			if d.String() != tt.want || ok != (tt.want != "") {
				t.Fatalf("dateFromText = %q, %v; want %q", d, ok, tt.want)
			}
			if ok && (line != tt.line || alone != tt.alone) {
				t.Errorf("line, alone = %d, %v; want %d, %v", line, alone, tt.line, tt.alone)
			}
		})
	}
}

// FuzzParseDate checks that the date readers never panic, report positions
// inside their input, and only return real calendar dates.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-10-09T21:15:00+08:00", "Oct. 9th 2025", "9 de octubre de 2025", "2025年10月9日",
		"20251009", "October 2025", "2025/10", "1 1 1111", "de de 2025", "9. 2025"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, ok := parseDate(s); ok {
			checkDate(t, d)
		}
		for _, monthOnly := range []bool{false, true} {
			d, start, end, ok := findDate(s, monthOnly)
			if !ok {
				continue
			}
			checkDate(t, d)
			if start < 0 || end > len(s) || start >= end {
				t.Fatalf("findDate(%q) span %d:%d out of range", s, start, end)
			}
			if !monthOnly && d.MonthOnly() {
				t.Fatalf("findDate(%q, false) = month-only %v", s, d)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[start:end]) {
				t.Fatalf("findDate(%q) span %d:%d splits a character", s, start, end)
			}
		}
		if d, ok := dateFromURL(s); ok {
			checkDate(t, d)
		}
	})
}

func checkDate(t *testing.T, d orewatch.Date) {
	t.Helper()
	if d.Year < minYear || d.Year > maxYear {
		t.Fatalf("date %v outside %d..%d", d, minYear, maxYear)
	}
	back, err := orewatch.ParseDate(d.String())
	if err != nil || back != d {
		t.Fatalf("date %v is not a calendar date: %v", d, err)
	}
}
