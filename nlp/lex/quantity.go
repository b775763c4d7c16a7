package lex

import (
	"strconv"
	"strings"
)

// Quantity is a number with its unit found in text: a percentage ("over 60%
// of production"), a mass ("18,125 tonnes") or money ("$500 million").
type Quantity struct {
	Start, End int
	// Value is the number with any scale word applied ("500 million" is 5e8).
	Value float64
	// Hi is the upper end of a range ("60-70%"), else 0.
	Hi float64
	// Unit is "%", "t", "kg", "lb", or an ISO 4217 currency code.
	Unit string
	// Qualifier is the word that hedges or bounds the number, as written,
	// lower-cased: "over", "more than", "about", "nearly", "up to", ...
	Qualifier string
	// Of is what the number measures when a phrase "of ..." follows it
	// ("production", "the world's refining capacity"), else "".
	Of string
	// Head is the noun the number is "of" when it follows one ("a quota of
	// 18,125 tonnes": "quota"), else "".
	Head string
}

var scales = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
	"billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}

var massUnits = map[string]string{
	"tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "t": "t", "mt": "t",
	"kilograms": "kg", "kilogram": "kg", "kg": "kg", "pounds": "lb", "lbs": "lb", "lb": "lb",
}

// massScale is for units that carry their own scale.
var massScale = map[string]float64{"kt": 1e3, "kilotonnes": 1e3, "kilotons": 1e3}

var currencyWords = map[string]string{
	"USD": "USD", "US$": "USD", "$": "USD", "dollars": "USD", "EUR": "EUR", "€": "EUR", "euros": "EUR",
	"yuan": "CNY", "RMB": "CNY", "CNY": "CNY", "A$": "AUD", "AUD": "AUD", "C$": "CAD", "CAD": "CAD",
	"£": "GBP", "GBP": "GBP", "yen": "JPY", "¥": "CNY",
}

// qualifiers are read backwards from the number: the longest first.
var qualifiers = []string{
	"more than", "less than", "fewer than", "greater than", "at least", "at most", "up to",
	"close to", "just over", "just under", "well over", "nearly", "almost", "about", "around",
	"roughly", "approximately", "some", "over", "above", "under", "below", "exceeding", "only",
	"an estimated", "estimated", "circa", "approx",
}

// ParseNumber reads a number as news prints it: "18,125", "3.5", "1,000.25".
func ParseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(s, ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// Quantities finds percentages, masses and amounts of money.
func (t *Text) Quantities() []Quantity {
	var out []Quantity
	toks := t.Toks
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != Number {
			continue
		}
		q, last, ok := t.quantityAt(i)
		if !ok {
			continue
		}
		first := i
		// Currency before the number: "$500 million", "USD 400m", "US$ 1.2bn".
		if q.Unit == "" {
			if cur, n := t.currencyBefore(i); cur != "" {
				q.Unit, first = cur, i-n
			}
		}
		if q.Unit == "" {
			continue
		}
		q.Start = toks[first].Start
		q.End = toks[last].End
		q.Qualifier = t.qualifierBefore(first)
		q.Of = t.ofAfter(last + 1)
		q.Head = t.headBefore(first, q.Qualifier)
		out = append(out, q)
		i = last
	}
	return out
}

// quantityAt reads the number at i with a range, scale and unit after it.
func (t *Text) quantityAt(i int) (Quantity, int, bool) {
	v, ok := ParseNumber(t.Tok(i))
	if !ok {
		return Quantity{}, 0, false
	}
	q := Quantity{Value: v}
	j := i + 1
	// "60-70%", "60 to 70 percent"
	if (t.isPunct(j, "-") || t.isPunct(j, "–") || t.word(j) == "to") && j+1 < len(t.Toks) && t.Toks[j+1].Kind == Number {
		if hi, ok := ParseNumber(t.Tok(j + 1)); ok && hi > v {
			if u := t.unitAt(j + 2); u != "" {
				q.Hi = hi
				j += 2
			}
		}
	}
	scale := 1.0
	if w := t.word(j); w != "" {
		if s, ok := scales[strings.ToLower(w)]; ok && (len(w) > 2 || t.adjacent(j) || w == "mn" || w == "bn") {
			scale = s
			j++
		}
	}
	unit := t.unitAt(j)
	n := 1
	switch unit {
	case "":
		// Money may carry its currency before the number instead.
		q.Value *= scale
		q.Hi *= scale
		return q, j - 1, true
	case "%":
		if t.word(j) == "per" {
			n = 2
		}
	case "t3": // metric tons
		unit, n = "t", 2
	}
	if s, ok := massScale[strings.ToLower(t.word(j))]; ok {
		scale *= s
	}
	if unit == "t" && t.word(j) == "Mt" {
		scale *= 1e6
	}
	q.Value *= scale
	q.Hi *= scale
	q.Unit = unit
	return q, j + n - 1, true
}

// unitAt names the unit at token j: "%", "t", "kg", "lb", a currency, "t3"
// for the two-word "metric tons", or "".
func (t *Text) unitAt(j int) string {
	if j >= len(t.Toks) {
		return ""
	}
	if t.isPunct(j, "%") {
		return "%"
	}
	w := t.word(j)
	if w == "" {
		return ""
	}
	lw := strings.ToLower(w)
	switch lw {
	case "percent", "pct":
		return "%"
	case "per":
		if strings.EqualFold(t.word(j+1), "cent") {
			return "%"
		}
		return ""
	case "metric":
		if u := massUnits[strings.ToLower(t.word(j+1))]; u == "t" {
			return "t3"
		}
		return ""
	case "kt", "kilotonnes", "kilotons":
		return "t"
	case "mt":
		if w == "Mt" {
			return "t"
		}
		return "" // "mt" alone is too ambiguous (metric or million tonnes)
	}
	if u, ok := massUnits[lw]; ok {
		if lw == "t" && !t.adjacent(j) && t.word(j+1) != "" {
			return "" // "5 t" before a word is likely not tonnes
		}
		return u
	}
	if c, ok := currencyWords[w]; ok && lw != "$" {
		return c
	}
	return ""
}

func (t *Text) currencyBefore(i int) (string, int) {
	if i == 0 {
		return "", 0
	}
	p := t.Tok(i - 1)
	if i >= 2 && p == "$" && t.adjacent(i-1) && (t.word(i-2) == "US" || t.word(i-2) == "A" || t.word(i-2) == "C") {
		return currencyWords[t.word(i-2)+"$"], 2
	}
	if c, ok := currencyWords[p]; ok {
		return c, 1
	}
	return "", 0
}

func (t *Text) qualifierBefore(i int) string {
	for _, q := range qualifiers {
		words := strings.Fields(q)
		k := i - len(words)
		if k < 0 {
			continue
		}
		ok := true
		for n, w := range words {
			if !strings.EqualFold(t.word(k+n), w) {
				ok = false
				break
			}
		}
		if ok {
			return q
		}
	}
	return ""
}

// ofStops end the phrase an "of" introduces.
var ofStops = map[string]bool{
	"and": true, "or": true, "but": true, "which": true, "that": true, "in": true, "to": true,
	"from": true, "by": true, "for": true, "with": true, "while": true, "as": true, "is": true,
	"was": true, "are": true, "were": true, "has": true, "have": true, "will": true, "at": true,
	"on": true, "than": true, "according": true, "last": true, "this": true, "into": true,
}

// ofAfter returns the phrase after "of" at token j: up to six words,
// stopping at punctuation other than an apostrophe or hyphen, or at a word
// that starts a new clause.
func (t *Text) ofAfter(j int) string {
	if !strings.EqualFold(t.word(j), "of") {
		return ""
	}
	j++
	start, end := -1, -1
	words := 0
	for ; j < len(t.Toks) && words < 6; j++ {
		tok := t.Toks[j]
		if tok.Line {
			break
		}
		if tok.Kind == Punct {
			p := t.Tok(j)
			if (p == "'" || p == "’" || p == "-") && t.adjacent(j) {
				continue
			}
			break
		}
		if tok.Kind == Word && ofStops[strings.ToLower(t.Tok(j))] {
			break
		}
		if start < 0 {
			start = tok.Start
		}
		end = tok.End
		words++
	}
	if start < 0 {
		return ""
	}
	return t.S[start:end]
}

// headBefore returns the noun before "of" ahead of the number: "a quota of
// 18,125 tonnes" gives "quota".
func (t *Text) headBefore(i int, qualifier string) string {
	k := i - len(strings.Fields(qualifier)) - 1
	if !strings.EqualFold(t.word(k), "of") {
		return ""
	}
	return strings.ToLower(t.word(k - 1))
}
