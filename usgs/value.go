package usgs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// valueKind says what a printed table cell holds.
type valueKind int

const (
	valueNumber     valueKind = iota // a number, possibly with thousands separators
	valueLowerBound                  // ">x": more than x
	valueWithheld                    // "W": withheld to avoid disclosing company data
	valueNone                        // no figure: "", "—", "NA", "XX", "s", a word, a range, "<x"
)

// value is a parsed table cell. For valueNone, why says which kind of blank
// it was, so that an import can report what it left out.
type value struct {
	kind valueKind
	num  float64
	why  string
}

// parseValue reads a USGS table cell. It never turns a blank into zero:
// "—" (zero or negligible in USGS tables), "NA", "XX" (not applicable), "s"
// (less than half a unit), qualitative reserves ("Large", "Moderate to
// large"), ranges and upper bounds ("<1,000") all become valueNone, because
// a Figure holds one number or none. A cell that looks numeric but is not a
// number is an error.
func parseValue(s string) (value, error) {
	s = trimSpace(s)
	switch s {
	case "":
		return value{kind: valueNone, why: "blank"}, nil
	case "—", "–", "-", "--":
		return value{kind: valueNone, why: "dash (zero or negligible)"}, nil
	case "NA", "na", "N/A", "n/a":
		return value{kind: valueNone, why: "NA (not available)"}, nil
	case "XX", "xx":
		return value{kind: valueNone, why: "XX (not applicable)"}, nil
	case "s", "S":
		return value{kind: valueNone, why: "s (less than half a unit)"}, nil
	case "W", "w":
		return value{kind: valueWithheld}, nil
	}
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		for _, r := range s {
			if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != ',' && r != '.' {
				return value{}, fmt.Errorf("unreadable value %q", s)
			}
		}
		return value{kind: valueNone, why: "qualitative (" + s + ")"}, nil
	}
	switch s[0] {
	case '>':
		n, err := parseNumber(s[1:])
		if err != nil {
			return value{}, err
		}
		return value{kind: valueLowerBound, num: n}, nil
	case '<':
		if _, err := parseNumber(s[1:]); err != nil {
			return value{}, err
		}
		return value{kind: valueNone, why: "upper bound (<x)"}, nil
	}
	if lo, hi, ok := cutRange(s); ok {
		if _, err := parseNumber(lo); err != nil {
			return value{}, err
		}
		if _, err := parseNumber(hi); err != nil {
			return value{}, err
		}
		return value{kind: valueNone, why: "range"}, nil
	}
	n, err := parseNumber(s)
	if err != nil {
		return value{}, err
	}
	return value{kind: valueNumber, num: n}, nil
}

// cutRange splits "50–300", "10,000 - 15,000" or "890–1,000".
func cutRange(s string) (lo, hi string, ok bool) {
	for _, sep := range []string{"–", "—", " - "} {
		if lo, hi, ok := strings.Cut(s, sep); ok && lo != "" && hi != "" {
			return trimSpace(lo), trimSpace(hi), true
		}
	}
	return "", "", false
}

// parseNumber reads a non-negative decimal number with optional comma
// thousands separators ("1,500", "0.5", "45,500"). Separators must group
// digits by three.
func parseNumber(s string) (float64, error) {
	s = trimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("missing number")
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, fmt.Errorf("bad number %q: misplaced thousands separator", s)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, fmt.Errorf("bad number %q: misplaced thousands separator", s)
			}
		}
		intPart = strings.Join(groups, "")
	}
	if intPart == "" || !allDigits(intPart) || (hasFrac && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("bad number %q", s)
	}
	t := intPart
	if hasFrac {
		t += "." + frac
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q", s)
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// trimSpace trims Unicode white space, including the no-break spaces the
// releases carry ("68\u00a0").
func trimSpace(s string) string {
	// Most cells are plain ASCII with nothing to trim.
	if s == "" || (s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff' }

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	if plainText(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// plainText reports whether s is ASCII with single spaces between words and
// none at either end, the common case, which needs no rewriting.
func plainText(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80 || c < ' ':
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return true
}
