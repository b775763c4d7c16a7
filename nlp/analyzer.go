// Package nlp turns an article's text into what orewatch stores about it:
// the countries, organizations and materials it names, the events it
// reports (export controls, bans, suspensions, quotas, supply agreements,
// tariffs) linked to the registry's measures, its share claims checked
// against the reference figures, and the dates it states for registry
// measures checked against the registry.
//
// Everything is compiled once by New: one gazetteer automaton for entities,
// one for cue words; Analyze then makes a few linear passes over the text.
package nlp

import (
	"slices"
	"sort"
	"strings"

	"orewatch"
	"orewatch/claims"
	"orewatch/nlp/entity"
	"orewatch/nlp/lex"
	"orewatch/nlp/match"
)

// Analyzer extracts entities, events, claims and date checks. It is
// immutable after New and safe for concurrent use.
type Analyzer struct {
	cat      orewatch.CatalogService
	g        *entity.Gazetteer
	cues     *match.Matcher
	cueOf    []cue
	checker  *claims.Checker
	measures []*orewatch.Measure
	byID     map[string]*orewatch.Measure
	// under[a] holds every catalogue entry below a; above is the reverse.
	under map[string]map[string]bool
	above map[string]map[string]bool
	// sibling holds the pairs of entries that share a parent.
	sibling map[[2]string]bool
	// suspendedBy maps a measure id to the suspensions that name it.
	suspendedBy map[string][]*orewatch.Measure
}

// New compiles the analyzer from the catalogue, the reference figures
// claims are checked against, and the registry measures events are linked
// to. figures and measures may be nil.
func New(cat orewatch.CatalogService, figures []*orewatch.Figure, measures []*orewatch.Measure) *Analyzer {
	an := &Analyzer{
		cat:         cat,
		g:           entity.New(cat, materialAliases),
		measures:    measures,
		byID:        map[string]*orewatch.Measure{},
		under:       map[string]map[string]bool{},
		above:       map[string]map[string]bool{},
		suspendedBy: map[string][]*orewatch.Measure{},
	}
	an.checker = claims.NewCheckerWith(figures, cat, an.g)
	pats, cues := cuePatterns()
	an.cues, an.cueOf = match.New(pats), cues
	for _, m := range cat.Materials() {
		for _, d := range cat.Expand(m.Name)[1:] {
			if an.under[m.Name] == nil {
				an.under[m.Name] = map[string]bool{}
			}
			an.under[m.Name][d] = true
			if an.above[d] == nil {
				an.above[d] = map[string]bool{}
			}
			an.above[d][m.Name] = true
		}
	}
	an.sibling = map[[2]string]bool{}
	for a, ps := range an.above {
		for p := range ps {
			for b := range an.under[p] {
				if b != a {
					an.sibling[[2]string{a, b}] = true
				}
			}
		}
	}
	for _, m := range measures {
		an.byID[m.ID] = m
		for _, id := range m.Suspends {
			an.suspendedBy[id] = append(an.suspendedBy[id], m)
		}
	}
	return an
}

// Checker returns the claim checker the analyzer uses.
func (an *Analyzer) Checker() *claims.Checker { return an.checker }

// doc is one article being analysed: its text (title and body), tokens,
// sentences, and everything found in it, indexed by sentence.
type doc struct {
	text  string
	title int // end of the title in text (0 without one)
	pub   orewatch.Date
	ref   orewatch.Date // pub, or the latest date the text states
	x     *lex.Text
	sents []lex.Span
	ents  [][]entity.Mention
	cues  [][]cueHit
	dates [][]lex.DateMention
}

type cueHit struct {
	start, end int
	c          cue
}

// Analyze fills a.Countries, a.Organizations, a.Materials, a.Events,
// a.Claims and a.DateChecks from a.Title, a.Body and a.Published (the
// reference date for relative and month-only dates).
func (an *Analyzer) Analyze(a *orewatch.Article) {
	d := an.scan(a.Title, a.Body, a.Published)
	a.Countries, a.Organizations, a.Materials = an.entities(d)
	evs := an.events(d)
	a.Events = make([]*orewatch.Event, 0, len(evs))
	a.DateChecks = nil
	for _, e := range evs {
		a.Events = append(a.Events, e.ev)
		a.DateChecks = append(a.DateChecks, an.dateChecks(e)...)
	}
	a.Claims = an.claims(d)
}

func (an *Analyzer) scan(title, body string, pub orewatch.Date) *doc {
	title = strings.TrimSpace(title)
	text := body
	titleEnd := 0
	if title != "" && !strings.HasPrefix(strings.TrimSpace(body), title) {
		text = title + "\n" + body
		titleEnd = len(title)
	}
	d := &doc{text: text, title: titleEnd, pub: pub, x: lex.Scan(text)}
	d.sents = d.x.Sentences()
	n := len(d.sents)
	d.ents = make([][]entity.Mention, n)
	d.cues = make([][]cueHit, n)
	d.dates = make([][]lex.DateMention, n)
	sentOf := func(off int) int {
		return sort.Search(n, func(i int) bool { return d.sents[i].End > off })
	}
	f := match.Fold(text)
	for _, m := range an.g.FindFolded(f, text) {
		if i := sentOf(m.Start); i < n {
			an.refine(text, &m)
			d.ents[i] = append(d.ents[i], m)
		}
	}
	for _, m := range an.cues.FindFolded(f) {
		if i := sentOf(m.Start); i < n {
			d.cues[i] = append(d.cues[i], cueHit{m.Start, m.End, an.cueOf[m.Pattern]})
		}
	}
	d.ref = pub
	for _, m := range d.x.Dates(pub) {
		if i := sentOf(m.Start); i < n {
			d.dates[i] = append(d.dates[i], m)
		}
		if pub.IsZero() && !m.Date.IsZero() && m.Date.After(d.ref) {
			d.ref = m.Date
		}
	}
	return d
}

// refine narrows a material mention by the words next to it: "rare earth"
// in "technologies for rare earth mining" is rare-earth technology.
func (an *Analyzer) refine(text string, m *entity.Mention) {
	if m.Kind != entity.KindMaterial || m.Value != "rare earths" || an.under["rare earth technology"] == nil {
		return
	}
	lo, hi := max(m.Start-30, 0), min(m.End+30, len(text))
	if strings.Contains(strings.ToLower(text[lo:hi]), "technolog") {
		m.Value = "rare earth technology"
	}
}

// entities lists the countries, organizations and materials, each once,
// in the order first named.
func (an *Analyzer) entities(d *doc) (countries, orgs, materials []string) {
	countries, orgs, materials = []string{}, []string{}, []string{}
	for _, ms := range d.ents {
		for _, m := range ms {
			switch m.Kind {
			case entity.KindCountry:
				countries = appendNew(countries, m.Country)
			case entity.KindOrg:
				orgs = appendNew(orgs, m.Value)
				if m.OrgKind == entity.Government && m.Country != "" {
					countries = appendNew(countries, m.Country)
				}
			case entity.KindMaterial:
				materials = appendNew(materials, m.Value)
			}
		}
	}
	return countries, orgs, materials
}

func appendNew(s []string, v string) []string {
	if v == "" || slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// claims parses each sentence's share claims; a claim whose sentence names
// no material takes the one most recently named before it.
func (an *Analyzer) claims(d *doc) []*orewatch.Claim {
	out := []*orewatch.Claim{}
	lastMaterial := ""
	asOf := d.ref // the publication date, else the latest date stated
	for i, s := range d.sents {
		var cls []*orewatch.Claim
		if has(d.cues[i], cueShare) {
			cls = an.checker.Parse(d.text[s.Start:s.End])
		}
		for _, cl := range cls {
			if cl.Material == "" {
				cl.Material = lastMaterial
			}
			an.checker.Check(cl, asOf)
			out = append(out, cl)
		}
		for _, m := range d.ents[i] {
			if m.Kind == entity.KindMaterial {
				lastMaterial = m.Value
			}
		}
	}
	return claims.Dedup(out)
}
