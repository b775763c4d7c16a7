package registry

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"orewatch"
)

// End uses a query may name.
const (
	EndUseCivil    = "civil"
	EndUseMilitary = orewatch.EndUseMilitary
)

// query is a CheckQuery with its names resolved.
type query struct {
	item     string
	info     *itemInfo
	from, to string
	madeIn   string
	share    float64
	date     orewatch.Date
	military bool
}

// normalise validates q and resolves its item and countries.
func (e *Engine) normalise(q orewatch.CheckQuery) (*query, error) {
	nq := &query{item: q.Item, date: q.Date, share: q.ContentShare}
	switch q.EndUse {
	case "", EndUseCivil:
	case EndUseMilitary:
		nq.military = true
	default:
		return nil, orewatch.Errorf(orewatch.EINVALID, "unknown end use %q: want civil or military", q.EndUse)
	}
	if q.Date.IsZero() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "date is required (YYYY-MM-DD)")
	}
	if q.Date.MonthOnly() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "date %s names a month: want a day (YYYY-MM-DD)", q.Date)
	}
	if math.IsNaN(q.ContentShare) || q.ContentShare < 0 || q.ContentShare > 100 {
		return nil, orewatch.Errorf(orewatch.EINVALID, "content share %v is not a percentage between 0 and 100", q.ContentShare)
	}
	from, err := e.country(q.From, "exporting country (from)")
	if err != nil {
		return nil, err
	}
	to, err := e.country(q.To, "destination country (to)")
	if err != nil {
		return nil, err
	}
	nq.from, nq.to = from.iso, to.iso
	if q.MadeIn != "" {
		c, err := e.country(q.MadeIn, "country of manufacture (made in)")
		if err != nil {
			return nil, err
		}
		nq.madeIn = c.iso
	} else if q.ContentShare > 0 {
		// A content share without a place of manufacture describes an
		// item made where it is exported from.
		nq.madeIn = nq.from
	}
	if nq.info, err = e.resolveItem(q.Item); err != nil {
		return nil, err
	}
	return nq, nil
}

// Check answers a licence question from the snapshot. q.Date must be a day;
// q.From, q.To and q.MadeIn are country codes or names; q.EndUse is "",
// "civil" or "military". An item that names nothing the catalogue or the
// registry knows is an ENOTFOUND error with suggestions.
func (e *Engine) Check(q orewatch.CheckQuery) (*orewatch.Determination, error) {
	nq, err := e.normalise(q)
	if err != nil {
		return nil, err
	}
	return e.determine(nq, true), nil
}

// memoKey identifies a query for the determination cache used when
// screening bills of materials, where the same lines repeat.
type memoKey struct {
	item, from, to, madeIn string
	date                   orewatch.Date
	share                  float64
	endUse                 string
}

// answer is a cached bill-of-materials answer with its encodings, made
// once: the same answer repeats for every line with the same item,
// countries, date and end use.
type answer struct {
	d *orewatch.Determination
	// jsonTail is the JSON of the answer's fields, from ,"materials" to the
	// closing brace and newline.
	jsonTail []byte
	// csvTail is the CSV of the fields from "from" to the empty "error".
	csvTail []byte
	// textTail is the plain-text result after the part and item.
	textTail []byte
}

// checkShared is Check through a bounded cache, without the explanation
// (a bill-of-materials result does not carry one). The answer it returns
// is shared: callers must not change it.
func (e *Engine) checkShared(q orewatch.CheckQuery) (*answer, error) {
	k := memoKey{q.Item, q.From, q.To, q.MadeIn, q.Date, q.ContentShare, q.EndUse}
	e.mu.Lock()
	a, ok := e.memo.get(k)
	e.mu.Unlock()
	if ok {
		return a, nil
	}
	nq, err := e.normalise(q)
	if err != nil {
		return nil, err
	}
	d := e.determine(nq, false)
	a = &answer{d: d, jsonTail: encodeTail(d), csvTail: csvTail(d), textTail: textTail(d)}
	e.mu.Lock()
	e.memo.put(k, a)
	e.mu.Unlock()
	return a, nil
}

// maxMemo bounds each generation of the answer cache.
const maxMemo = 1 << 15

// memo is a two-generation cache: when the current generation is full it
// becomes the old one and the oldest is dropped, so that answers in use
// survive while memory stays bounded.
type memo struct {
	cur, old map[memoKey]*answer
}

func (m *memo) get(k memoKey) (*answer, bool) {
	if a, ok := m.cur[k]; ok {
		return a, true
	}
	if a, ok := m.old[k]; ok {
		m.put(k, a)
		return a, true
	}
	return nil, false
}

func (m *memo) put(k memoKey, a *answer) {
	if m.cur == nil || len(m.cur) >= maxMemo {
		m.old, m.cur = m.cur, make(map[memoKey]*answer, maxMemo)
	}
	m.cur[k] = a
}

// coverage says whether and how a measure's items cover a query item.
type coverage struct {
	full, partial bool
	effect        orewatch.Decision
	// members are the entries below a group query that the measure covers.
	members []string
	// lines are the measure's tariff lines a tariff-line query matched.
	lines []string
	// via are the dual-use measures through which an "all dual-use items"
	// measure covers the item.
	via []string
}

func (c coverage) any() bool { return c.full || c.partial }

func maxDecision(a, b orewatch.Decision) orewatch.Decision {
	if b.Rank() > a.Rank() || a == "" {
		return b
	}
	return a
}

// hit is a measure whose items cover a query item, whatever the day.
type hit struct {
	en  *entry
	cov coverage
}

// coverStatic matches a query item against a measure's own items and
// tariff lines; it does not depend on the day.
func coverStatic(en *entry, info *itemInfo) coverage {
	var c coverage
	var partialEffect orewatch.Decision
	for _, it := range en.items {
		switch {
		case it.folded == info.folded:
			c.full = true
			c.effect = maxDecision(c.effect, it.effect)
		case it.material == nil || it.cls&info.cls == 0:
		case info.full[it.material.Name]:
			c.full = true
			c.effect = maxDecision(c.effect, it.effect)
		case info.partial[it.material.Name]:
			c.partial = true
			partialEffect = maxDecision(partialEffect, it.effect)
			if !slices.Contains(c.members, it.material.Name) {
				c.members = append(c.members, it.material.Name)
			}
		}
	}
	if info.tariff != "" {
		for _, l := range en.m.TariffLines {
			if prefixEither(info.tariff, l) {
				c.full = true
				c.effect = maxDecision(c.effect, en.effect)
				c.lines = append(c.lines, l)
			}
		}
	}
	if !c.full && c.partial {
		c.effect = partialEffect
	}
	return c
}

// coverWide matches a query item against a measure on "all dual-use
// items": it covers what its state's dual-use licence measures cover and
// apply to on the day.
func (e *Engine) coverWide(en *entry, q *query) coverage {
	var c coverage
	for _, h := range q.info.hits {
		d := h.en
		if d.m.Jurisdiction != en.m.Jurisdiction || d.m.Type != orewatch.MeasureLicence ||
			d.reexport != reexportNone || d.hasDeMin {
			continue
		}
		if dateState(d.m, q.date) != stInForce {
			continue
		}
		if s, _ := activeSuspension(d, q.date); s != nil {
			continue
		}
		switch {
		case h.cov.full:
			c.full = true
			c.via = append(c.via, d.m.ID)
		case h.cov.partial:
			c.partial = true
			c.via = append(c.via, d.m.ID)
			for _, mem := range h.cov.members {
				if !slices.Contains(c.members, mem) {
					c.members = append(c.members, mem)
				}
			}
		}
	}
	if c.any() {
		c.effect = en.effect
	}
	return c
}

// state is where a record stands on a day.
type state uint8

const (
	stNotAnnounced     state = iota // not yet announced (or its announcement date unknown) and not in force
	stUpcoming                      // announced, effective date still ahead
	stUnknownEffective              // announced, effective date not known: not treated as in force
	stInForce
	stEnded
)

func dateState(m *orewatch.Measure, d orewatch.Date) state {
	switch {
	case m.Effective.IsZero():
		if !m.Announced.IsZero() && !d.Before(m.Announced) {
			return stUnknownEffective
		}
		return stNotAnnounced
	case d.Before(m.Effective):
		if !m.Announced.IsZero() && !d.Before(m.Announced) {
			return stUpcoming
		}
		return stNotAnnounced
	case !m.Ends.IsZero() && !d.Before(m.Ends):
		return stEnded
	}
	return stInForce
}

// activeSuspension returns the suspension in force on d that names en (the
// one lasting longest when several do) or, when none is, the last one that
// has lapsed by d.
func activeSuspension(en *entry, d orewatch.Date) (active, lapsed *entry) {
	for _, s := range en.suspendedBy {
		switch dateState(s.m, d) {
		case stInForce:
			if active == nil || laterEnd(s.m.Ends, active.m.Ends) {
				active = s
			}
		case stEnded:
			if lapsed == nil || s.m.Ends.After(lapsed.m.Ends) {
				lapsed = s
			}
		}
	}
	return active, lapsed
}

// laterEnd reports whether end a is later than b, an unknown end being
// the latest.
func laterEnd(a, b orewatch.Date) bool {
	switch {
	case a.IsZero():
		return !b.IsZero()
	case b.IsZero():
		return false
	}
	return a.After(b)
}

// neverApplied reports whether suspension s began on or before m's own
// effective date, so that m never applied while s lasted.
func neverApplied(m *orewatch.Measure, s *entry) bool {
	return !m.Effective.IsZero() && !s.m.Effective.IsZero() && !m.Effective.Before(s.m.Effective)
}

// reach says whether a measure governs an export from q.from of an item
// made in q.madeIn.
type reach uint8

const (
	reachNo reach = iota
	reachYes
	// reachUnscreened: an extraterritorial rule that could reach a
	// re-export, not screened for lack of --made-in/--content-share.
	reachUnscreened
	// reachBelowDeMinimis: the stated content share is below the rule's
	// threshold.
	reachBelowDeMinimis
)

func reachOf(en *entry, q *query) reach {
	j := en.m.Jurisdiction
	switch {
	case q.from == j:
		if en.reexport == reexportOnly || en.hasDeMin {
			return reachNo
		}
		return reachYes
	case en.reexport != reexportNone && q.madeIn == j:
		return reachYes
	case en.hasDeMin && q.madeIn != "" && q.madeIn != j:
		if q.share >= en.deMinimis && q.share > 0 {
			return reachYes
		}
		return reachBelowDeMinimis
	case (en.reexport != reexportNone || en.hasDeMin) && q.madeIn == "":
		return reachUnscreened
	}
	return reachNo
}

func destinationMatches(en *entry, to string) bool {
	return en.allDest || slices.Contains(en.m.Destinations, to)
}

// finding is one measure's part in an answer, kept for the explanation.
type finding struct {
	en       *entry
	cov      coverage
	kind     findingKind
	susp     *entry // the suspension in force, or the one that lapsed
	upcoming []*entry
}

type findingKind uint8

const (
	fApplied findingKind = iota
	fSuspended
	fUpcoming
	fUnknownEffective
	fEnded
	fMilitaryOnly
	fUnscreened
	fBelowDeMinimis
	fInformation
)

// staticHits returns the measures (other than those on every dual-use
// item) whose items or tariff lines cover the query item, in registry
// order, found through the material, wording and tariff-line indexes.
func (e *Engine) staticHits(info *itemInfo) []hit {
	seen := make(map[*entry]bool, 16)
	for name := range info.full {
		for _, r := range e.byMaterial[name] {
			seen[r.e] = true
		}
	}
	for name := range info.partial {
		for _, r := range e.byMaterial[name] {
			seen[r.e] = true
		}
	}
	for _, r := range e.byWording[info.folded] {
		seen[r.e] = true
	}
	if info.tariff != "" {
		cmpLine := func(l lineRef, t string) int { return strings.Compare(l.line, t) }
		// Lines are sorted: those the code prefixes start at its position;
		// those that prefix the code are found by looking up each prefix.
		i, _ := slices.BinarySearchFunc(e.lines, info.tariff, cmpLine)
		for ; i < len(e.lines) && strings.HasPrefix(e.lines[i].line, info.tariff); i++ {
			seen[e.lines[i].e] = true
		}
		for n := 6; n < len(info.tariff); n++ {
			p := info.tariff[:n]
			j, found := slices.BinarySearchFunc(e.lines, p, cmpLine)
			for ; found && j < len(e.lines) && e.lines[j].line == p; j++ {
				seen[e.lines[j].e] = true
			}
		}
	}
	var out []hit
	for _, en := range e.entries {
		if !seen[en] || en.allDualUse {
			continue
		}
		if c := coverStatic(en, info); c.any() {
			out = append(out, hit{en, c})
		}
	}
	return out
}

// determine answers a normalised query; explain says whether to write the
// explanation, which costs more than the rest of the answer.
func (e *Engine) determine(q *query, explain bool) *orewatch.Determination {
	d := &orewatch.Determination{
		Item:      q.item,
		Materials: slices.Clone(q.info.materials),
		From:      q.from,
		To:        q.to,
		Date:      q.date,
		EndUse:    EndUseCivil,
		Decision:  orewatch.DecisionNotControlled,
		Applied:   []orewatch.AppliedMeasure{},
		Suspended: []orewatch.SuspendedRef{},
		Upcoming:  []orewatch.UpcomingRef{},
		Lapsed:    []orewatch.LapsedRef{},
	}
	if q.military {
		d.EndUse = EndUseMilitary
	}
	var fs []finding
	cands := q.info.hits
	for _, en := range e.wide {
		if c := e.coverWide(en, q); c.any() {
			cands = append(cands[:len(cands):len(cands)], hit{en, c})
		}
	}
	for _, h := range cands {
		en, cov := h.en, h.cov
		if en.m.Type == orewatch.MeasureSuspension {
			continue
		}
		if en.effect == "" {
			if e.relevantInformation(en, q) {
				fs = append(fs, finding{en: en, cov: cov, kind: fInformation})
			}
			continue
		}
		if !destinationMatches(en, q.to) {
			continue
		}
		switch reachOf(en, q) {
		case reachNo:
			continue
		case reachUnscreened:
			if st := dateState(en.m, q.date); st != stNotAnnounced && st != stEnded {
				fs = append(fs, finding{en: en, cov: cov, kind: fUnscreened})
			}
			continue
		case reachBelowDeMinimis:
			if st := dateState(en.m, q.date); st != stNotAnnounced && st != stEnded {
				fs = append(fs, finding{en: en, cov: cov, kind: fBelowDeMinimis})
			}
			continue
		}
		f := finding{en: en, cov: cov}
		active, lapsed := activeSuspension(en, q.date)
		switch dateState(en.m, q.date) {
		case stNotAnnounced:
			continue
		case stEnded:
			f.kind = fEnded
		case stUnknownEffective:
			f.kind = fUnknownEffective
		case stUpcoming:
			f.kind = fUpcoming
			if active != nil {
				f.kind, f.susp = fSuspended, active
			}
		case stInForce:
			switch {
			case en.military && !q.military:
				f.kind = fMilitaryOnly
			case active != nil:
				f.kind, f.susp = fSuspended, active
			default:
				f.kind, f.susp = fApplied, lapsed
			}
		}
		if f.kind == fMilitaryOnly && active != nil {
			f.susp = active
		}
		for _, s := range en.suspendedBy {
			if dateState(s.m, q.date) == stUpcoming {
				f.upcoming = append(f.upcoming, s)
			}
		}
		fs = append(fs, f)
	}

	// Most restrictive first, as in Applied, so that the explanation reads
	// in the same order.
	slices.SortStableFunc(fs, func(a, b finding) int {
		return cmp.Or(b.cov.effect.Rank()-a.cov.effect.Rank(), strings.Compare(a.en.m.ID, b.en.m.ID))
	})
	for _, f := range fs {
		switch f.kind {
		case fApplied:
			d.Applied = append(d.Applied, orewatch.AppliedMeasure{
				ID: f.en.m.ID, Type: f.en.m.Type, Effect: f.cov.effect,
				Instrument: f.en.m.Instrument, SourceURL: f.en.m.SourceURL,
			})
			d.Decision = maxDecision(d.Decision, f.cov.effect)
			if f.susp != nil {
				d.Lapsed = append(d.Lapsed, orewatch.LapsedRef{ID: f.en.m.ID, Suspension: f.susp.m.ID, LapsedOn: f.susp.m.Ends})
			}
		case fSuspended:
			d.Suspended = append(d.Suspended, orewatch.SuspendedRef{ID: f.en.m.ID, SuspendedBy: f.susp.m.ID, Until: f.susp.m.Ends})
		case fUpcoming, fUnknownEffective:
			d.Upcoming = append(d.Upcoming, orewatch.UpcomingRef{ID: f.en.m.ID, Effective: f.en.m.Effective})
		}
		for _, s := range f.upcoming {
			if f.kind == fApplied {
				d.Upcoming = append(d.Upcoming, orewatch.UpcomingRef{ID: s.m.ID, Effective: s.m.Effective})
			}
		}
	}
	slices.SortStableFunc(d.Applied, func(a, b orewatch.AppliedMeasure) int {
		return cmp.Or(b.Effect.Rank()-a.Effect.Rank(), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Suspended, func(a, b orewatch.SuspendedRef) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(d.Upcoming, func(a, b orewatch.UpcomingRef) int {
		return cmp.Or(a.Effective.Compare(b.Effective), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.Lapsed, func(a, b orewatch.LapsedRef) int { return strings.Compare(a.ID, b.ID) })
	if explain {
		d.Explanation = e.explain(q, d, fs)
	}
	return d
}

// relevantInformation reports whether an agreement or other act is worth
// naming in an answer: it concerns the item, involves the exporting or
// destination state, and had been announced or taken effect by the day.
func (e *Engine) relevantInformation(en *entry, q *query) bool {
	j := en.m.Jurisdiction
	if j != q.from && j != q.to {
		return false
	}
	if j != q.to && !destinationMatches(en, q.to) {
		return false
	}
	st := dateState(en.m, q.date)
	return st == stInForce || st == stUnknownEffective
}

// describe names a measure with its instrument: "CHN-2023-23 (MOFCOM/GAC
// Announcement No. 23 of 2023)".
func describe(m *orewatch.Measure) string {
	return fmt.Sprintf("%s (%s)", m.ID, m.Instrument)
}
