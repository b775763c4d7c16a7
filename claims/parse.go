package claims

import (
	"slices"
	"strings"

	"orewatch"
	"orewatch/nlp/entity"
	"orewatch/nlp/lex"
)

// shareWords are the worded shares: comparator and value.
var shareWords = []struct {
	words string
	cmp   string
	value float64
}{
	{"the overwhelming majority of", ">=", 75},
	{"the vast majority of", ">=", 75},
	{"vast majority of", ">=", 75},
	{"the majority of", ">", 50},
	{"a majority of", ">", 50},
	{"majority of", ">", 50},
	{"more than half", ">", 50},
	{"over half", ">", 50},
	{"less than half", "<", 50},
	{"more than a third", ">", 100.0 / 3},
	{"nearly all", ">=", 90},
	{"almost all", ">=", 90},
	{"virtually all", ">=", 90},
	{"practically all", ">=", 90},
	{"essentially all", ">=", 90},
	{"nearly the entire", ">=", 90},
	{"almost the entire", ">=", 90},
	{"nearly half", "~", 50},
	{"almost half", "~", 50},
	{"about half", "~", 50},
	{"roughly half", "~", 50},
	{"around half", "~", 50},
	{"half of", "~", 50},
	{"half the", "~", 50},
	{"two thirds of", "~", 200.0 / 3},
	{"two thirds", "~", 200.0 / 3},
	{"a third of", "~", 100.0 / 3},
	{"one third of", "~", 100.0 / 3},
	{"a third", "~", 100.0 / 3},
	{"three quarters of", "~", 75},
	{"a quarter of", "~", 25},
	{"one quarter of", "~", 25},
	{"most of", ">", 50},
	{"most", ">", 50},
}

// comparators maps the lex qualifiers to comparators.
var comparators = map[string]string{
	"more than": ">", "greater than": ">", "over": ">", "above": ">", "exceeding": ">", "just over": ">", "well over": ">",
	"at least":  ">=",
	"less than": "<", "fewer than": "<", "under": "<", "below": "<", "just under": "<",
	"at most": "<=", "up to": "<=",
	"about": "~", "around": "~", "roughly": "~", "approximately": "~", "some": "~", "circa": "~", "approx": "~",
	"nearly": "~", "almost": "~", "close to": "~", "an estimated": "~", "estimated": "~",
}

// stageWords name a supply-chain stage.
var stageWords = map[string]orewatch.Stage{
	"production": orewatch.StageMining, "produce": orewatch.StageMining, "produces": orewatch.StageMining,
	"produced": orewatch.StageMining, "producing": orewatch.StageMining, "output": orewatch.StageMining,
	"mined": orewatch.StageMining, "mining": orewatch.StageMining, "mine": orewatch.StageMining, "mines": orewatch.StageMining,
	"supply": orewatch.StageMining, "supplies": orewatch.StageMining, "extraction": orewatch.StageMining,
	"refining": orewatch.StageRefining, "refined": orewatch.StageRefining, "refines": orewatch.StageRefining,
	"refinery": orewatch.StageRefining, "refineries": orewatch.StageRefining, "processing": orewatch.StageRefining,
	"processed": orewatch.StageRefining, "processes": orewatch.StageRefining, "separation": orewatch.StageRefining,
	"smelting": orewatch.StageRefining, "smelted": orewatch.StageRefining, "refine": orewatch.StageRefining,
	"process": orewatch.StageRefining, "chemical": orewatch.StageRefining, "chemicals": orewatch.StageRefining,
	"reserves": orewatch.StageReserves, "deposits": orewatch.StageReserves,
}

// changeWords before a percentage make it a change, not a share.
var changeWords = map[string]bool{
	"by": true, "rose": true, "fell": true, "up": true, "down": true, "increased": true, "decreased": true,
	"jumped": true, "gained": true, "lost": true, "cut": true, "raised": true, "grew": true, "dropped": true,
	"surged": true, "climbed": true, "slumped": true, "declined": true, "plunged": true, "soared": true,
	"rising": true, "falling": true, "rise": true, "fall": true, "of": false,
}

// notShare after a percentage make it a rate, not a share.
var notShare = map[string]bool{
	"tariff": true, "tariffs": true, "duty": true, "duties": true, "tax": true, "stake": true, "interest": true,
	"royalty": true, "royalties": true, "levy": true, "increase": true, "rise": true, "jump": true, "drop": true,
	"fall": true, "discount": true, "premium": true, "growth": true, "decline": true, "cut": true, "rate": true,
	"purity": true, "pure": true, "content": true, "grade": true, "owned": true, "stakes": true, "equity": true,
}

// notShareHeads before "of" make a percentage a rate ("a tariff of 25%").
var notShareHeads = map[string]bool{
	"tariff": true, "duty": true, "tax": true, "stake": true, "royalty": true, "levy": true, "rate": true,
	"purity": true, "increase": true, "rise": true, "growth": true, "discount": true, "premium": true, "grade": true,
}

// shareVerbs before a share say it is one.
var shareVerbs = map[string]orewatch.Stage{
	"controls": "", "control": "", "controlling": "", "controlled": "", "holds": "", "hold": "", "holding": "",
	"accounts": "", "account": "", "accounting": "", "accounted": "", "represents": "", "makes": "", "make": "",
	"dominates": "", "commands": "", "has": "", "had": "", "share": "", "supplies": orewatch.StageMining,
	"supplied": orewatch.StageMining, "produces": orewatch.StageMining, "produced": orewatch.StageMining,
	"producing": orewatch.StageMining, "mines": orewatch.StageMining, "mined": orewatch.StageMining,
	"refines": orewatch.StageRefining, "refined": orewatch.StageRefining, "refining": orewatch.StageRefining,
	"processes": orewatch.StageRefining, "processed": orewatch.StageRefining, "processing": orewatch.StageRefining,
	"provides": "", "provided": "", "delivers": "", "is": "", "was": "", "at": "", "for": "",
}

// expr is a share expression in a sentence: its token span and meaning.
type expr struct {
	first, last int // token indices
	cmp         string
	value       float64
}

// Parse finds the share claims in one sentence: subject (ISO3), material,
// stage, comparator and value. Subject, material or stage stay empty when
// the sentence does not say; Check then finds the claim unverifiable. A
// percentage that is a change ("rose by 5%") or a rate ("a 25% tariff") is
// not a claim.
func (c *Checker) Parse(sentence string) []*orewatch.Claim {
	x := lex.Scan(sentence)
	words := lowerWords(x)
	var exprs []expr
	for _, q := range x.Quantities() {
		if q.Unit != "%" {
			continue
		}
		first, last := tokenAt(x, q.Start), tokenAt(x, q.End-1)
		cmpr := "="
		if q.Qualifier != "" {
			cmpr = comparators[q.Qualifier]
			first -= len(strings.Fields(q.Qualifier))
		}
		if q.Hi > 0 {
			continue // a range is not checked
		}
		if notShareHeads[q.Head] || changeWords[at(words, first-1)] || notShare[at(words, last+1)] {
			continue
		}
		exprs = append(exprs, expr{first, last, cmpr, q.Value})
	}
	for i := 0; i < len(x.Toks); i++ {
		if e, ok := shareWordAt(words, i); ok {
			overlaps := false
			for _, o := range exprs {
				if e.first <= o.last && o.first <= e.last {
					overlaps = true
				}
			}
			if !overlaps {
				exprs = append(exprs, e)
			}
			i = e.last
		}
	}
	if len(exprs) == 0 {
		return nil
	}
	slices.SortFunc(exprs, func(a, b expr) int { return a.first - b.first })
	ents := c.g.Find(sentence)
	var out []*orewatch.Claim
	for _, e := range exprs {
		if cl := c.claimFor(x, words, ents, e); cl != nil {
			out = append(out, cl)
		}
	}
	return out
}

// shareWordsByFirst indexes shareWords by their first word, split.
var shareWordsByFirst = func() map[string][]int {
	m := map[string][]int{}
	for i, sw := range shareWords {
		f, _, _ := strings.Cut(sw.words, " ")
		m[f] = append(m[f], i)
	}
	return m
}()

var shareWordFields = func() [][]string {
	out := make([][]string, len(shareWords))
	for i, sw := range shareWords {
		out[i] = strings.Fields(sw.words)
	}
	return out
}()

// shareWordAt reads a worded share starting at token i.
func shareWordAt(words []string, i int) (expr, bool) {
	for _, n := range shareWordsByFirst[words[i]] {
		sw, ws := shareWords[n], shareWordFields[n]
		j, k := i, 0
		for ; k < len(ws) && j < len(words); j++ {
			if words[j] == "-" {
				continue
			}
			if words[j] != ws[k] {
				break
			}
			k++
		}
		if k < len(ws) {
			continue
		}
		if sw.words == "most" {
			// "most" alone is a share only before "of" or a stage word:
			// "most of the world's cobalt", "most processing".
			next := at(words, j)
			if _, ok := stageWords[next]; !ok && next != "of" {
				return expr{}, false
			}
		}
		return expr{i, j - 1, sw.cmp, sw.value}, true
	}
	return expr{}, false
}

// claimFor builds the claim around a share expression, or nil when nothing
// marks it as a share of something.
func (c *Checker) claimFor(x *lex.Text, words []string, ents []entity.Mention, e expr) *orewatch.Claim {
	// The region the share is "of": up to eight tokens after it, to the end
	// of the clause.
	end := e.last + 1
	for n := 0; end < len(x.Toks) && n < 8; end, n = end+1, n+1 {
		w := words[end]
		if w == "," || w == ";" || w == "." || w == "and" && n > 0 || w == "while" || w == "but" || w == "which" {
			break
		}
	}
	var stage orewatch.Stage
	for i := e.last + 1; i < end; i++ {
		if s, ok := stageWords[words[i]]; ok {
			stage = s
			break
		}
	}
	// Before the share: a verb that makes it a share, and may name the stage.
	verb := -1
	for i := e.first - 1; i >= 0 && i >= e.first-3; i-- {
		if s, ok := shareVerbs[words[i]]; ok {
			verb = i
			if stage == "" {
				stage = s
			}
			break
		}
	}
	hasOf := at(words, e.last+1) == "of" || words[e.last] == "of"
	_, stageNext := stageWords[at(words, e.last+1)]
	if !hasOf && verb < 0 && !stageNext && !strings.Contains(strings.Join(words, " "), "share") {
		return nil
	}
	if stage == "" {
		for i := e.first - 1; i >= 0 && i >= e.first-8; i-- {
			if s, ok := stageWords[words[i]]; ok {
				stage = s
				break
			}
		}
	}
	startByte, endByte := x.Toks[e.first].Start, x.Toks[max(end-1, e.last)].End
	cl := &orewatch.Claim{
		Comparator: e.cmp,
		Value:      round1(e.value),
		Unit:       "%",
		Stage:      stage,
	}
	// Material: inside the "of" region first, else the nearest in the sentence.
	best := -1
	for _, m := range ents {
		if m.Kind != entity.KindMaterial {
			continue
		}
		if m.Start >= x.Toks[e.last].End && m.Start < endByte {
			cl.Material = m.Value
			break
		}
		d := distance(m, startByte, endByte)
		if best < 0 || d < best {
			best, cl.Material = d, m.Value
		}
	}
	// Subject: the nearest country before the share, else after it.
	for _, m := range ents {
		if m.Country == "" || m.Kind == entity.KindMaterial {
			continue
		}
		if m.End <= startByte {
			cl.Subject = m.Country
		} else if cl.Subject == "" && m.Start >= x.Toks[e.last].End {
			cl.Subject = m.Country
			break
		}
	}
	if verb >= 0 {
		startByte = x.Toks[verb].Start
	}
	cl.Text = strings.TrimSpace(x.S[startByte:endByte])
	return cl
}

func distance(m entity.Mention, start, end int) int {
	switch {
	case m.End <= start:
		return start - m.End
	case m.Start >= end:
		return m.Start - end
	}
	return 0
}

func round1(v float64) float64 {
	return float64(int(v*10+0.5)) / 10
}

// at returns words[i], or "" out of range.
func at(words []string, i int) string {
	if i < 0 || i >= len(words) {
		return ""
	}
	return words[i]
}

// lowerWords returns each token lower-cased.
func lowerWords(x *lex.Text) []string {
	out := make([]string, len(x.Toks))
	for i := range x.Toks {
		out[i] = strings.ToLower(x.Tok(i))
	}
	return out
}

// tokenAt returns the index of the token containing byte offset off.
func tokenAt(x *lex.Text, off int) int {
	for i, t := range x.Toks {
		if off < t.End {
			return i
		}
	}
	return len(x.Toks) - 1
}
