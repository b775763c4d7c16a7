// Package claims reads quantitative share statements in text ("China
// controls over 60% of rare earth production", "nearly all processing") and
// checks them against the reference figures: the share of the world total
// that the country's figure makes, for the material and stage, in the
// latest year the data has before the statement's date.
package claims

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"orewatch"
	"orewatch/nlp/entity"
	"orewatch/nlp/lex"
)

// Tolerances, in percentage points. A plain number in the news ("70%") is
// taken as rounded, so it holds within plainTolerance; a hedged one ("about
// 70%", "nearly 70%", "a third") within approxTolerance; an "at least" or
// "over" bound holds as written, with boundSlack for figures that are
// themselves rounded.
const (
	plainTolerance  = 2.5
	approxTolerance = 5.0
	boundSlack      = 0.5
)

// Checker parses and checks claims. It is immutable after NewChecker and
// safe for concurrent use.
type Checker struct {
	g    *entity.Gazetteer
	cat  orewatch.CatalogService
	figs map[figKey][]*orewatch.Figure // (material, stage) → figures
	has  map[string]bool               // materials with any figure
}

type figKey struct {
	material string
	stage    orewatch.Stage
}

// NewChecker indexes the figures (as FindFigures returns them) for checking.
func NewChecker(figures []*orewatch.Figure, cat orewatch.CatalogService) *Checker {
	return NewCheckerWith(figures, cat, entity.New(cat, nil))
}

// NewCheckerWith is NewChecker with a gazetteer built already, so that an
// analyzer and its checker share one.
func NewCheckerWith(figures []*orewatch.Figure, cat orewatch.CatalogService, g *entity.Gazetteer) *Checker {
	c := &Checker{g: g, cat: cat, figs: map[figKey][]*orewatch.Figure{}, has: map[string]bool{}}
	for _, f := range figures {
		if f == nil || f.Quantity == nil {
			continue
		}
		k := figKey{f.Material, f.Stage}
		c.figs[k] = append(c.figs[k], f)
		c.has[f.Material] = true
	}
	return c
}

// Verify finds the claims in text, sentence by sentence, and checks each as
// of asOf (zero: the latest data).
func (c *Checker) Verify(text string, asOf orewatch.Date) []*orewatch.Claim {
	x := lex.Scan(text)
	var out []*orewatch.Claim
	for _, s := range x.Sentences() {
		for _, cl := range c.Parse(text[s.Start:s.End]) {
			c.Check(cl, asOf)
			out = append(out, cl)
		}
	}
	return Dedup(out)
}

// Dedup drops claims that repeat an earlier one's subject, material, stage,
// comparator and value.
func Dedup(cls []*orewatch.Claim) []*orewatch.Claim {
	type key struct {
		s, m string
		st   orewatch.Stage
		c    string
		v    float64
	}
	seen := map[key]bool{}
	out := cls[:0]
	for _, cl := range cls {
		k := key{cl.Subject, cl.Material, cl.Stage, cl.Comparator, cl.Value}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, cl)
	}
	return out
}

// Check sets the claim's Verdict, Reference and Note. The reference is the
// subject's share of the world total for the material and stage, in the
// latest year with both figures that ended before asOf (any year when asOf
// is zero), from the newest source that has both.
func (c *Checker) Check(cl *orewatch.Claim, asOf orewatch.Date) {
	cl.Verdict, cl.Reference = orewatch.VerdictUnverifiable, nil
	switch {
	case cl.Subject == "":
		cl.Note = "no country named as the subject"
		return
	case cl.Material == "":
		cl.Note = "no material named"
		return
	case cl.Stage == "":
		cl.Note = "no supply-chain stage named (production, refining, reserves)"
		return
	case cl.Unit != "%":
		cl.Note = "only shares in percent are checked"
		return
	}
	stage, stageNote := c.stageFor(cl)
	ref, note, ok := c.share(cl.Subject, cl.Material, stage, asOf)
	if !ok {
		cl.Note = note
		if stageNote == "" && cl.Stage == orewatch.StageMining && !c.hasStage(cl.Material, orewatch.StageMining) && c.hasStage(cl.Material, orewatch.StageRefining) {
			cl.Note += fmt.Sprintf(" (the claim says mining; the data has only primary or refinery production of %s)", cl.Material)
		}
		return
	}
	if stageNote != "" {
		cl.Stage = stage
		note = stageNote + "; " + note
	}
	cl.Reference = &orewatch.ClaimReference{Value: math.Round(ref.share*10) / 10, Year: ref.year, Source: ref.source}
	if holds(cl.Comparator, cl.Value, ref.share) {
		cl.Verdict = orewatch.VerdictSupported
	} else {
		cl.Verdict = orewatch.VerdictContradicted
	}
	cl.Note = note
}

// genericWords say "production" without saying mined or refined; the parser
// reads them as mining, the stage most sources mean by it.
var genericWords = map[string]bool{
	"production": true, "produce": true, "produces": true, "produced": true, "producing": true,
	"producer": true, "producers": true, "output": true, "supply": true, "supplies": true, "supplied": true,
}

// miningWords say mining explicitly: such a claim is checked against mine
// production only.
var miningWords = map[string]bool{
	"mined": true, "mining": true, "mine": true, "mines": true, "extraction": true, "extracted": true,
}

// stageFor is the stage to check a claim against. A claim about
// "production" in general is read as mine production; when the data has no
// mine production of the material but has the primary or refinery
// production that USGS reports for some materials (gallium is reported only
// as "Primary production"), that is what "production" means for it, and the
// note says so. A claim that says mining stays with mining.
func (c *Checker) stageFor(cl *orewatch.Claim) (orewatch.Stage, string) {
	if cl.Stage != orewatch.StageMining || c.hasStage(cl.Material, orewatch.StageMining) || !c.hasStage(cl.Material, orewatch.StageRefining) {
		return cl.Stage, ""
	}
	generic := false
	for _, w := range strings.FieldsFunc(strings.ToLower(cl.Text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if miningWords[w] {
			return cl.Stage, ""
		}
		generic = generic || genericWords[w]
	}
	if !generic {
		return cl.Stage, ""
	}
	detail := "primary or refinery production"
	for _, m := range c.candidates(cl.Material) {
		if figs := c.figs[figKey{m, orewatch.StageRefining}]; len(figs) > 0 {
			best := figs[0]
			for _, f := range figs[1:] {
				if better(f, best) {
					best = f
				}
			}
			if best.Detail != "" {
				detail = fmt.Sprintf("%q (%s)", best.Detail, best.SourceID)
			}
			break
		}
	}
	return orewatch.StageRefining, fmt.Sprintf("the claim says production, and the data has no mine production of %s, only %s: checked against that (stage refining)", cl.Material, detail)
}

// candidates are the material itself, then the entries below it, in the
// order share tries them.
func (c *Checker) candidates(material string) []string {
	var cands []string
	if c.cat != nil {
		cands = c.cat.Expand(material)
	}
	if len(cands) == 0 {
		cands = []string{material}
	}
	return cands
}

// hasStage reports whether the material (or an entry below it) has any
// figure at the stage.
func (c *Checker) hasStage(material string, stage orewatch.Stage) bool {
	for _, m := range c.candidates(material) {
		if len(c.figs[figKey{m, stage}]) > 0 {
			return true
		}
	}
	return false
}

// holds compares a reference share with a claimed value.
func holds(comparator string, v, share float64) bool {
	switch comparator {
	case ">":
		return share > v-boundSlack
	case ">=":
		return share >= v-boundSlack
	case "<":
		return share < v+boundSlack
	case "<=":
		return share <= v+boundSlack
	case "~":
		return math.Abs(share-v) <= approxTolerance
	}
	return math.Abs(share-v) <= plainTolerance
}

type reference struct {
	share  float64
	year   int
	source string
}

// share computes a country's share of the world figure. The base is the
// larger of the world total and the sum of the country rows of the same
// table: a rounded world total can be below its own rows (USGS prints
// gallium 2025 as 900,000 kg against 909,000 kg of listed countries), and
// dividing by it would give shares above 100%.
func (c *Checker) share(country, material string, stage orewatch.Stage, asOf orewatch.Date) (reference, string, bool) {
	// The material itself, else the first entry below it with figures
	// ("graphite" production is USGS "natural graphite").
	for _, m := range c.candidates(material) {
		figs := c.figs[figKey{m, stage}]
		if len(figs) == 0 {
			continue
		}
		type table struct {
			c, w *orewatch.Figure
			sum  float64 // the country rows
		}
		byKey := map[string]*table{} // source|year|detail
		for _, f := range figs {
			if !asOf.IsZero() && f.Year >= asOf.Year {
				continue // a year's figures are published after it ends
			}
			k := fmt.Sprintf("%s|%d|%s", f.SourceID, f.Year, f.Detail)
			p := byKey[k]
			if p == nil {
				p = &table{}
				byKey[k] = p
			}
			switch {
			case f.Country == orewatch.WorldCode:
				p.w = f
			case *f.Quantity > 0 && !math.IsInf(*f.Quantity, 0):
				p.sum += *f.Quantity
			}
			if f.Country == country {
				p.c = f
			}
		}
		var best *table
		for _, p := range byKey {
			if p.c == nil || p.w == nil || *p.w.Quantity <= 0 {
				continue
			}
			if best == nil || better(p.c, best.c) {
				best = p
			}
		}
		if best == nil {
			return reference{}, fmt.Sprintf("no %s figure for %s and the world total for %s%s", stage, country, m, before(asOf)), false
		}
		world := *best.w.Quantity
		base := max(world, best.sum)
		share := *best.c.Quantity / base * 100
		note := fmt.Sprintf("%s %s of world %s %s of %s %s in %d (%s): %.1f%%",
			name(best.c), num(*best.c.Quantity), num(world), best.c.Unit, m, stageWord(stage), best.c.Year, best.c.SourceID, share)
		if base > world {
			note = fmt.Sprintf("%s %s of %s %s of %s %s in %d (%s): %.1f%%; the listed countries add up to more than the rounded world total (%s), so the share is of their sum",
				name(best.c), num(*best.c.Quantity), num(base), best.c.Unit, m, stageWord(stage), best.c.Year, best.c.SourceID, share, num(world))
		}
		if best.c.Estimated || best.w.Estimated {
			note += " (estimated figures)"
		}
		if best.c.LowerBound || best.w.LowerBound {
			note += " (a figure is a lower bound)"
		}
		return reference{share, best.c.Year, best.c.SourceID}, note, true
	}
	return reference{}, fmt.Sprintf("no %s figures for %s", stage, material), false
}

// better orders candidate figures: the latest year, then the source id that
// sorts last (the newer edition: usgs-mcs-2026 after usgs-mcs-2025), then
// the USGS over others for mining, then the detail.
func better(a, b *orewatch.Figure) bool {
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	ua, ub := strings.HasPrefix(a.SourceID, "usgs"), strings.HasPrefix(b.SourceID, "usgs")
	if ua != ub && a.Stage == orewatch.StageMining {
		return ua
	}
	if c := cmp.Compare(a.SourceID, b.SourceID); c != 0 {
		return c > 0
	}
	return a.Detail < b.Detail
}

func before(d orewatch.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf(" before %d", d.Year)
}

func name(f *orewatch.Figure) string {
	if f.CountryName != "" {
		return f.CountryName
	}
	return f.Country
}

func stageWord(s orewatch.Stage) string {
	switch s {
	case orewatch.StageMining:
		return "mine production"
	case orewatch.StageRefining:
		return "refining"
	}
	return string(s)
}

// num formats a quantity with thousands separators, dropping a zero
// fraction.
func num(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Materials returns the materials that have figures, sorted; for messages.
func (c *Checker) Materials() []string {
	out := make([]string, 0, len(c.has))
	for m := range c.has {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}
