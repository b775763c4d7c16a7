package nlp

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"orewatch"
)

// mergeMentions folds the mentions of one event into one: same type and
// actor, compatible counterparty and dates, the same background/primary
// standing. A mention with no date of its own joins the event whose
// materials it shares, else the primary one.
func mergeMentions(d *doc, ms []*mention) []*event {
	var evs []*event
	for _, m := range ms {
		var best *event
		bestScore := -1
		for _, e := range evs {
			if s := fits(e, m); s > bestScore {
				best, bestScore = e, s
			}
		}
		if best == nil {
			best = &event{doc: d, counts: map[string]int{}}
			evs = append(evs, best)
		}
		best.mentions = append(best.mentions, m)
		for _, mat := range m.materials {
			best.counts[mat]++
		}
	}
	return evs
}

// fits scores how well mention m belongs to event e; -1 when it cannot.
func fits(e *event, m *mention) int {
	f := e.mentions[0]
	if f.typ != m.typ || !samePair(f, m) {
		return -1
	}
	score := 1
	for _, o := range e.mentions {
		if !o.announced.IsZero() && !m.announced.IsZero() && !sameMonth(o.announced, m.announced) {
			return -1
		}
		if !o.effective.IsZero() && !m.effective.IsZero() && !sameMonth(o.effective, m.effective) {
			return -1
		}
	}
	primary := !e.mentions[0].background
	if m.dated || m.background {
		if primary == m.background {
			return -1
		}
	} else if primary {
		score++
	}
	for _, mat := range m.materials {
		if e.counts[mat] > 0 {
			score += 2
			break
		}
	}
	return score
}

// samePair reports whether two mentions have the same parties: the same
// actor, and the same counterparty when both name one. Agreements are
// symmetric.
func samePair(a, b *mention) bool {
	if a.typ == orewatch.EventSupplyAgreement {
		pa := []string{a.actor, a.counterparty}
		pb := []string{b.actor, b.counterparty}
		if pa[0] == pb[0] || pa[0] == pb[1] && pb[1] != "" {
			return pa[1] == "" || pb[1] == "" || pa[1] == pb[1] || pa[1] == pb[0]
		}
		return false
	}
	return a.actor == b.actor && (a.counterparty == "" || b.counterparty == "" || a.counterparty == b.counterparty)
}

func sameMonth(a, b orewatch.Date) bool { return a.Year == b.Year && a.Month == b.Month }

// finish builds the orewatch.Event: dates, materials by how often they are
// named, the most informative sentence as evidence, and a confidence.
func (e *event) finish() {
	d := e.doc
	ev := &orewatch.Event{Type: e.mentions[0].typ, Materials: []string{}, Primary: !e.mentions[0].background}
	var best *mention
	bestInfo := -1
	strong, explicit := false, false
	for _, m := range e.mentions {
		if ev.Actor == "" {
			ev.Actor = m.actor
		}
		if ev.Counterparty == "" && m.counterparty != "" && m.counterparty != ev.Actor {
			ev.Counterparty = m.counterparty
		}
		if ev.Announced.IsZero() || m.announced.Day != 0 && ev.Announced.Day == 0 && sameMonth(m.announced, ev.Announced) {
			if !m.announced.IsZero() {
				ev.Announced = m.announced
			}
		}
		if ev.Effective.IsZero() || m.effective.Day != 0 && ev.Effective.Day == 0 && sameMonth(m.effective, ev.Effective) {
			if !m.effective.IsZero() {
				ev.Effective = m.effective
			}
		}
		info := len(m.materials)
		if m.explicit {
			info += 2
		}
		if m.dated {
			info += 2
		}
		if m.strong {
			info++
		}
		if info > bestInfo {
			best, bestInfo = m, info
		}
		strong = strong || m.strong
		explicit = explicit || m.explicit
	}
	// Materials: most often named first, then in order of first mention.
	for _, m := range e.mentions {
		for _, mat := range m.materials {
			ev.Materials = appendNew(ev.Materials, mat)
		}
	}
	slices.SortStableFunc(ev.Materials, func(a, b string) int { return cmp.Compare(e.counts[b], e.counts[a]) })
	s := d.sents[best.sent]
	ev.Evidence = strings.TrimLeft(strings.TrimSpace(d.text[s.Start:s.End]), "-–—•*· ")
	conf := 0.45
	if strong {
		conf += 0.15
	}
	if explicit {
		conf += 0.1
	}
	if len(ev.Materials) > 0 {
		conf += 0.05
	}
	if !ev.Announced.IsZero() || !ev.Effective.IsZero() {
		conf += 0.05
	}
	conf += 0.05 * math.Min(float64(len(e.mentions)-1), 2)
	if e.measure != nil {
		ev.Measure = e.measure.ID
		conf += 0.05
	}
	ev.Confidence = math.Round(math.Min(conf, 0.95)*100) / 100
	e.ev = ev
}

// typesFor are the registry measure types an event type can report.
var typesFor = map[orewatch.EventType][]orewatch.MeasureType{
	orewatch.EventExportControl:   {orewatch.MeasureLicence, orewatch.MeasureTechBan, orewatch.MeasureOther},
	orewatch.EventExportBan:       {orewatch.MeasureExportBan, orewatch.MeasureTechBan, orewatch.MeasureOther},
	orewatch.EventSuspension:      {orewatch.MeasureSuspension, orewatch.MeasureOther, orewatch.MeasureAgreement},
	orewatch.EventQuota:           {orewatch.MeasureQuota},
	orewatch.EventSupplyAgreement: {orewatch.MeasureAgreement},
	orewatch.EventOther:           {orewatch.MeasureOther},
}

// link picks the registry measure the event reports: same jurisdiction (or
// party, for agreements), a matching type, overlapping materials and
// agreeing dates. The best score wins; ties go to the lower id.
func (an *Analyzer) link(e *event) {
	var firstM = e.mentions[0]
	var best *orewatch.Measure
	bestScore := 0.0
	for _, ms := range an.measures {
		if !slices.Contains(typesFor[firstM.typ], ms.Type) {
			continue
		}
		if !an.partiesMatch(e, ms) {
			continue
		}
		s, ok := an.score(e, ms)
		if !ok {
			continue
		}
		if s > bestScore || s == bestScore && best != nil && ms.ID < best.ID {
			best, bestScore = ms, s
		}
	}
	e.measure = best
}

func (an *Analyzer) partiesMatch(e *event, ms *orewatch.Measure) bool {
	m := e.mentions[0]
	dest := func(c string) bool {
		return c == "" || slices.Contains(ms.Destinations, c) || slices.Contains(ms.Destinations, "all")
	}
	if m.typ == orewatch.EventSupplyAgreement {
		cp := counterpartyOf(e)
		return ms.Jurisdiction == m.actor && dest(cp) || ms.Jurisdiction == cp && dest(m.actor) && cp != ""
	}
	return ms.Jurisdiction == m.actor && dest(counterpartyOf(e))
}

func counterpartyOf(e *event) string {
	for _, m := range e.mentions {
		if m.counterparty != "" {
			return m.counterparty
		}
	}
	return ""
}

// score rates a measure for an event: materials weighted by how often the
// document names them and how closely they match, plus dates. ok is false
// when the measure cannot be the one reported: nothing in common, or
// announced in another month, or after the document.
func (an *Analyzer) score(e *event, ms *orewatch.Measure) (float64, bool) {
	mat := 0.0
	for name, n := range e.counts {
		w := an.relation(name, ms.Materials)
		mat += w * (1 + math.Log(float64(n)))
	}
	var announced, effective orewatch.Date
	for _, m := range e.mentions {
		if announced.IsZero() {
			announced = m.announced
		}
		if effective.IsZero() {
			effective = m.effective
		}
	}
	date := 0.0
	if !announced.IsZero() && !ms.Announced.IsZero() {
		switch {
		case sameMonth(announced, ms.Announced):
			date += 2
			if announced.Day != 0 && announced == ms.Announced {
				date++
			}
		case !ms.Effective.IsZero() && sameMonth(announced, ms.Effective):
			date++ // "required licences in December": the month it applied
		default:
			return 0, false
		}
	}
	if !effective.IsZero() && !ms.Effective.IsZero() {
		switch {
		case effective == ms.Effective:
			date += 1
		case sameMonth(effective, ms.Effective):
			date += 0.5
		}
	}
	ref := e.doc.ref
	if !ref.IsZero() && !ms.Announced.IsZero() && ms.Announced.After(ref.AddDays(2)) {
		return 0, false // not yet announced when the document was written
	}
	if mat == 0 && (len(ms.Materials) > 0 || date == 0) {
		return 0, false
	}
	if announced.IsZero() && effective.IsZero() && !e.mentions[0].background && !ref.IsZero() && !ms.Announced.IsZero() && ms.Announced.Before(ref.AddDays(-120)) {
		return 0, false // an undated new event is not a measure from long ago
	}
	return mat + date, true
}

// relation says how closely material a matches a measure's materials: 1
// for the same entry, 0.8 when a lies below one (the document is more
// precise; 0.35 when that one is a top-level group, which says little),
// 0.6 when one lies below a (the document names the group), 0.3 for entries
// sharing a parent. The best match is scaled by the fraction of the
// measure's materials that relate to a at all, so that a measure about a
// differs from one that mentions it among other things.
func (an *Analyzer) relation(a string, list []string) float64 {
	best, related := 0.0, 0
	for _, b := range list {
		var w float64
		switch {
		case a == b:
			w = 1
		case an.under[b][a] && an.isBroad(b):
			w = 0.35
		case an.under[b][a]:
			w = 0.8
		case an.under[a][b]:
			w = 0.6
		case an.siblings(a, b):
			w = 0.3
		}
		if w > 0 {
			related++
		}
		best = math.Max(best, w)
	}
	if related == 0 {
		return 0
	}
	return best * float64(related) / float64(len(list))
}

func (an *Analyzer) siblings(a, b string) bool { return an.sibling[[2]string{a, b}] }

// dateChecks compares the effective date a document states for an event
// with the registry: for each specific material of the event, the measure
// of the linked measure's package (same jurisdiction, announced the same
// day) that covers it best. A differing date is contradicted; a matching
// one is supported, with a note when a suspension kept it from applying.
func (an *Analyzer) dateChecks(e *event) []*orewatch.DateCheck {
	if e.measure == nil || e.ev.Effective.IsZero() {
		return nil
	}
	stated := e.ev.Effective
	var pkg []*orewatch.Measure
	for _, ms := range an.measures {
		if ms.Jurisdiction == e.measure.Jurisdiction && ms.Announced == e.measure.Announced && !ms.Announced.IsZero() && ms.Type == e.measure.Type {
			pkg = append(pkg, ms)
		}
	}
	var checked []*orewatch.Measure
	for _, mat := range e.ev.Materials {
		if len(an.under[mat]) > 0 && an.isBroad(mat) {
			continue // "rare earths" says nothing about which measure
		}
		var best *orewatch.Measure
		bestW := 0.0
		for _, ms := range pkg {
			if w := an.relation(mat, ms.Materials); w > bestW {
				best, bestW = ms, w
			}
		}
		if best != nil && !slices.Contains(checked, best) {
			checked = append(checked, best)
		}
	}
	slices.SortFunc(checked, func(a, b *orewatch.Measure) int { return cmp.Compare(a.ID, b.ID) })
	var out []*orewatch.DateCheck
	for _, ms := range checked {
		if ms.Effective.IsZero() {
			continue
		}
		dc := &orewatch.DateCheck{Measure: ms.ID, Field: "effective", Stated: stated, Recorded: ms.Effective}
		matches := stated == ms.Effective || stated.Day == 0 && sameMonth(stated, ms.Effective)
		if matches {
			dc.Verdict = orewatch.VerdictSupported
			dc.Note = fmt.Sprintf("the registry records %s (%s) as effective %s", ms.ID, ms.Title, ms.Effective)
			if s := an.suspensionNote(ms); s != "" {
				dc.Note += "; " + s
			}
		} else {
			dc.Verdict = orewatch.VerdictContradicted
			dc.Note = fmt.Sprintf("the document states %s, but the registry records %s (%s) as effective %s", stated, ms.ID, ms.Title, ms.Effective)
			if s := an.packageNote(pkg, stated); s != "" {
				dc.Note += "; " + s
			}
		}
		out = append(out, dc)
	}
	return out
}

// isBroad reports whether a material is a top-level group ("rare earths",
// "battery materials"), too broad to pick a measure by.
func (an *Analyzer) isBroad(mat string) bool { return len(an.above[mat]) == 0 }

// suspensionNote says whether and how a measure was suspended.
func (an *Analyzer) suspensionNote(ms *orewatch.Measure) string {
	var parts []string
	for _, s := range an.suspendedBy[ms.ID] {
		p := fmt.Sprintf("suspended on %s by %s", s.Effective, s.ID)
		if !s.Ends.IsZero() {
			p += " until " + s.Ends.String()
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// packageNote tells what the registry records for the package's measures
// that do take effect on the stated date.
func (an *Analyzer) packageNote(pkg []*orewatch.Measure, stated orewatch.Date) string {
	var ids []string
	var susp []string
	for _, ms := range pkg {
		if ms.Effective != stated {
			continue
		}
		ids = append(ids, ms.ID)
		for _, s := range an.suspendedBy[ms.ID] {
			note := fmt.Sprintf("%s on %s", s.ID, s.Effective)
			if !s.Ends.IsZero() {
				note += " until " + s.Ends.String()
			}
			susp = appendNew(susp, note)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	n := fmt.Sprintf("the measures of the same package that were to take effect on %s (%s)", stated, strings.Join(ids, ", "))
	if len(susp) > 0 {
		return n + " were suspended by " + strings.Join(susp, ", ")
	}
	return n + " are recorded with that date"
}
