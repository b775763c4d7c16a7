package nlp

import (
	"slices"
	"strings"

	"orewatch"
	"orewatch/nlp/entity"
)

// mention is one sentence's report of an event, before mentions of the same
// event in a document are merged.
type mention struct {
	sent         int
	typ          orewatch.EventType
	actor        string
	counterparty string
	explicit     bool // the actor is named in the sentence
	strong       bool // a cue that names the event by itself
	materials    []string
	announced    orewatch.Date
	effective    orewatch.Date
	dated        bool // the sentence states a date for it
	background   bool
	hypothetical bool
}

// event is a merged event with what it was built from.
type event struct {
	ev       *orewatch.Event
	mentions []*mention
	counts   map[string]int // mentions of each material
	measure  *orewatch.Measure
	doc      *doc
}

// events finds the event mentions sentence by sentence, merges those of one
// event and links each to the registry.
func (an *Analyzer) events(d *doc) []*event {
	var ms []*mention
	for i := range d.sents {
		if m := an.sentenceEvent(d, i, ms); m != nil {
			ms = append(ms, m)
			// "lift the ban and replace it with quotas": the quota too.
			if (m.typ == orewatch.EventSuspension || m.typ == orewatch.EventExportBan) && has(d.cues[i], cueQuota) {
				q := *m
				q.typ, q.background = orewatch.EventQuota, false
				ms = append(ms, &q)
			}
		}
	}
	evs := dropWeakControls(mergeMentions(d, ms))
	for _, e := range evs {
		an.link(e)
		e.finish()
	}
	return evs
}

// has reports whether sentence i has a cue of kind c.
func has(cs []cueHit, c cue) bool {
	for _, h := range cs {
		if h.c == c {
			return true
		}
	}
	return false
}

func first(cs []cueHit, kinds ...cue) (cueHit, bool) {
	for _, h := range cs {
		if slices.Contains(kinds, h.c) {
			return h, true
		}
	}
	return cueHit{}, false
}

// sentenceEvent classifies sentence i and resolves who acts, on what and
// when. It returns nil when the sentence reports no event.
func (an *Analyzer) sentenceEvent(d *doc, i int, prev []*mention) *mention {
	cs := d.cues[i]
	if len(cs) == 0 {
		return nil
	}
	sent := d.sents[i]
	m := &mention{sent: i}
	typ, at, strong := an.classify(d, i)
	if typ == "" {
		return nil
	}
	m.typ, m.strong = typ, strong
	// A hedge before the cue ("could impose", "is considering a ban") makes
	// the event hypothetical, unless the sentence dates it.
	for _, h := range cs {
		if h.c == cueHypo && h.start < at && at-h.start < 80 {
			m.hypothetical = true
		}
	}
	an.parties(d, i, at, m)
	m.materials = materialsOf(d.ents[i])
	if len(m.materials) == 0 {
		m.materials = an.neighbourMaterials(d, i)
	}
	if next := i + 1; next < len(d.sents) && continues(d, next) {
		for _, mat := range materialsOf(d.ents[next]) {
			m.materials = appendNew(m.materials, mat)
		}
	}
	an.dates(d, i, at, m)
	if !m.dated {
		m.announced = leadDate(d, i)
	}
	if m.hypothetical && m.dated {
		m.hypothetical = false
	}
	if m.hypothetical {
		return nil
	}
	if len(prev) > 0 && anaphoric(d, i, at) && i-prev[len(prev)-1].sent <= 2 {
		// "The ban also covers ...": the event of the sentence before.
		p := prev[len(prev)-1]
		m.actor, m.counterparty = p.actor, p.counterparty
	}
	if m.typ == orewatch.EventSupplyAgreement && m.counterparty == "" && m.actor != "" {
		m.counterparty = otherParty(d, i, m.actor)
	}
	if m.actor == "" {
		// "The ministry said ...", "The rules take effect ...": the actor of
		// the previous event, else of the title's.
		for j := len(prev) - 1; j >= 0; j-- {
			if prev[j].actor != "" && i-prev[j].sent <= 3 {
				m.actor = prev[j].actor
				break
			}
		}
	}
	if m.actor == "" {
		m.actor = dominantActor(d)
	}
	if m.actor == "" {
		return nil
	}
	if len(m.materials) == 0 && !an.docHasMaterials(d) {
		return nil // controls on chips or cars: not a minerals event
	}
	if (m.typ == orewatch.EventSupplyAgreement || m.typ == orewatch.EventTariff) && len(materialsOf(d.ents[i])) == 0 && len(an.neighbourMaterials(d, i)) == 0 {
		return nil // a trade deal or tariff with no mineral named
	}
	m.background = an.isBackground(d, i, m)
	_ = sent
	return m
}

// classify decides the event type of sentence i from its cues and returns
// the offset of the deciding cue and whether that cue names the event by
// itself.
func (an *Analyzer) classify(d *doc, i int) (orewatch.EventType, int, bool) {
	// Cues denied just before ("agreed not to ban") do not count.
	var cs []cueHit
	for _, h := range d.cues[i] {
		if !negated(d, d.cues[i], h) {
			cs = append(cs, h)
		}
	}
	exportCtx := has(cs, cueExport) || has(cs, cueCtrl) || has(cs, cueBanStrong) || has(cs, cueObject)
	materials := len(materialsOf(d.ents[i])) > 0
	actorNamed := false
	for _, e := range d.ents[i] {
		if e.Acts() {
			actorNamed = true
		}
	}
	if h, ok := first(cs, cueSuspendOK); ok {
		return orewatch.EventSuspension, h.start, true
	}
	if h, ok := first(cs, cueSuspend); ok {
		// Suspending a control or ban eases it; suspending exports bans them.
		for _, o := range cs {
			if o.start <= h.start || o.start-h.end > 60 {
				continue
			}
			switch o.c {
			case cueObject:
				if o.start-h.end < 30 || materialBetween(d, i, h.end, o.start) {
					return orewatch.EventExportBan, h.start, true
				}
			case cueCtrl, cueCtrlWeak, cueBan, cueBanStrong, cueQuota:
				if o.c == cueCtrlWeak && !exportCtx && !materials {
					continue
				}
				return orewatch.EventSuspension, h.start, true
			case cueTariff:
				return orewatch.EventTariff, h.start, false
			}
		}
		// Passive: "the controls were suspended", "the ban was lifted".
		for _, o := range cs {
			if o.start < h.start && h.start-o.end < 40 {
				switch o.c {
				case cueCtrl, cueBan, cueBanStrong:
					return orewatch.EventSuspension, h.start, true
				case cueCtrlWeak:
					if exportCtx || materials {
						return orewatch.EventSuspension, h.start, true
					}
				}
			}
		}
	}
	if h, ok := first(cs, cueBanStrong); ok {
		return orewatch.EventExportBan, h.start, true
	}
	if h, ok := first(cs, cueBan); ok && (exportCtx || has(cs, cueHalt) || anaphoricBan(d, i, h)) && (materials || actorNamed || anaphoricBan(d, i, h)) {
		return orewatch.EventExportBan, h.start, true
	}
	if h, ok := first(cs, cueQuota); ok && (materials && (exportCtx || actorNamed) || exportCtx && hasTonnes(d, i)) {
		return orewatch.EventQuota, h.start, true
	}
	if h, ok := first(cs, cueTariff); ok && (has(cs, cueImpose) || hasPercentNear(d, i, h)) && (materials || actorNamed) {
		return orewatch.EventTariff, h.start, true
	}
	if h, ok := first(cs, cueCtrl); ok && (materials || actorNamed || exportCtx) {
		return orewatch.EventExportControl, h.start, true
	}
	for _, h := range cs {
		if h.c == cueCtrlOn && materialAfter(d, i, h.end, 40) && (actorNamed || exportCtx) {
			return orewatch.EventExportControl, h.start, exportCtx
		}
	}
	if h, ok := first(cs, cueCtrlWeak, cueCtrlVerb, cueCtrlOn); ok && exportCtx && (materials || actorNamed) {
		return orewatch.EventExportControl, h.start, false
	}
	if h, ok := first(cs, cueHalt); ok && has(cs, cueObject) && materials {
		return orewatch.EventExportBan, h.start, false
	}
	if h, ok := first(cs, cueCtrlWeak); ok && has(cs, cueImpose) && actorNamed && docHas(d, cueExport) && (materials || len(an.neighbourMaterials(d, i)) > 0) {
		return orewatch.EventExportControl, h.start, false // "the controls China imposed in April"
	}
	if has(cs, cueCorporate) && !has(cs, cueSupplyVerb) {
		return "", 0, false // a merger or takeover, not a supply deal
	}
	if h, ok := first(cs, cueDeal); ok && (materials || has(cs, cueSupplyVerb) || has(cs, cueSign) && len(an.neighbourMaterials(d, i)) > 0) {
		return orewatch.EventSupplyAgreement, h.start, true
	}
	if h, ok := first(cs, cueDealWeak); ok && has(cs, cueSign) && materials {
		return orewatch.EventSupplyAgreement, h.start, false
	}
	return "", 0, false
}

// leadDate is the date of the news when the event's sentence gives none:
// a day stated in the document's first body sentence within the week
// before publication ("met in Busan on Thursday").
func leadDate(d *doc, i int) orewatch.Date {
	lead := 0
	if d.title > 0 {
		lead = 1
	}
	if d.pub.IsZero() || lead >= len(d.sents) || i <= lead || i > lead+2 {
		return orewatch.Date{}
	}
	for _, dm := range d.dates[lead] {
		if dm.Date.Day != 0 && !dm.Date.After(d.pub) && !dm.Date.Before(d.pub.AddDays(-7)) {
			return dm.Date
		}
	}
	return orewatch.Date{}
}

// negated reports whether cue h is denied by a negation just before it.
func negated(d *doc, cs []cueHit, h cueHit) bool {
	switch h.c {
	case cueNegation, cueHypo, cueExport, cueEffective, cueAnnounce, cueShare:
		return false
	}
	for _, n := range cs {
		if n.c == cueNegation && n.end <= h.start && h.start-n.end < 30 && !strings.ContainsAny(d.text[n.end:h.start], ",;.") {
			return true
		}
	}
	return false
}

// docHas reports whether any sentence of the document has a cue of kind c.
func docHas(d *doc, c cue) bool {
	for _, cs := range d.cues {
		if has(cs, c) {
			return true
		}
	}
	return false
}

// materialAfter reports whether a material is named within n bytes after off.
func materialAfter(d *doc, i, off, n int) bool {
	for _, e := range d.ents[i] {
		if e.Kind == entity.KindMaterial && e.Start >= off && e.Start-off <= n {
			return true
		}
	}
	return false
}

// anaphoricBan reports whether the ban cue h is "the ban", "this ban" or
// "its ban" referring to an export ban named earlier in the document.
func anaphoricBan(d *doc, i int, h cueHit) bool {
	w := strings.ToLower(prevWordOf(d.text, h.start, d.sents[i].Start))
	if w != "the" && w != "this" && w != "that" && w != "its" {
		return false
	}
	for j := 0; j < i; j++ {
		if has(d.cues[j], cueExport) || has(d.cues[j], cueBanStrong) || has(d.cues[j], cueCtrl) {
			return true
		}
	}
	return false
}

// anaphoric reports whether the cue at offset at opens its sentence as a
// reference back: "The ban also covers", "The rules apply", "It".
func anaphoric(d *doc, i, at int) bool {
	w := strings.ToLower(prevWordOf(d.text, at, d.sents[i].Start))
	if w != "the" && w != "this" && w != "these" && w != "its" {
		return false
	}
	return strings.TrimSpace(d.text[d.sents[i].Start:at]) == prevWordOf(d.text, at, d.sents[i].Start)
}

// otherParty finds the second party of an agreement whose sentence names
// only one: a state or company of another country named in the two
// sentences before, or in the title.
func otherParty(d *doc, i int, actor string) string {
	look := []int{}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		look = append(look, j)
	}
	if d.title > 0 {
		look = append(look, 0)
	}
	for _, j := range look {
		for _, e := range d.ents[j] {
			if e.Country != "" && e.Country != actor && e.Kind != entity.KindMaterial {
				return e.Country
			}
		}
	}
	return ""
}

// dropWeakControls removes export-control events resting on weak cues alone
// ("the permits allow ...") when the same state's suspension or easing is
// what the document reports: those words describe the eased regime.
func dropWeakControls(evs []*event) []*event {
	out := evs[:0]
	for _, e := range evs {
		m := e.mentions[0]
		weak := m.typ == orewatch.EventExportControl
		for _, o := range e.mentions {
			if o.strong || o.dated {
				weak = false
			}
		}
		eased := false
		for _, o := range evs {
			if o.mentions[0].typ == orewatch.EventSuspension && o.mentions[0].actor == m.actor {
				eased = true
			}
		}
		if weak && eased {
			continue
		}
		out = append(out, e)
	}
	return out
}

// hasTonnes reports whether sentence i states a mass ("18,125 tonnes").
func hasTonnes(d *doc, i int) bool {
	s := strings.ToLower(d.text[d.sents[i].Start:d.sents[i].End])
	return strings.Contains(s, "tonnes") || strings.Contains(s, "tons") || strings.Contains(s, " kt")
}

func hasPercentNear(d *doc, i int, h cueHit) bool {
	lo := max(h.start-20, d.sents[i].Start)
	hi := min(h.end+20, d.sents[i].End)
	return strings.Contains(d.text[lo:hi], "%") || strings.Contains(d.text[lo:hi], "percent") || strings.Contains(d.text[lo:hi], "per cent")
}

func materialBetween(d *doc, i, start, end int) bool {
	for _, e := range d.ents[i] {
		if e.Kind == entity.KindMaterial && e.Start >= start && e.End <= end {
			return true
		}
	}
	return false
}

// materialsOf lists the materials named, each once.
func materialsOf(ms []entity.Mention) []string {
	var out []string
	for _, m := range ms {
		if m.Kind == entity.KindMaterial {
			out = appendNew(out, m.Value)
		}
	}
	return out
}

// neighbourMaterials are the materials of the previous sentence, else of the
// title, for a sentence that names none.
func (an *Analyzer) neighbourMaterials(d *doc, i int) []string {
	if i > 0 {
		if ms := materialsOf(d.ents[i-1]); len(ms) > 0 {
			return ms
		}
	}
	if d.title > 0 && i > 0 {
		return materialsOf(d.ents[0])
	}
	return nil
}

func (an *Analyzer) docHasMaterials(d *doc) bool {
	for _, ms := range d.ents {
		if len(materialsOf(ms)) > 0 {
			return true
		}
	}
	return false
}

// continues reports whether sentence j elaborates on the one before it
// without reporting an event of its own: "This regulation covers ...",
// "The list includes ...".
func continues(d *doc, j int) bool {
	s := d.text[d.sents[j].Start:d.sents[j].End]
	firstWord, _, _ := strings.Cut(s, " ")
	switch firstWord {
	case "This", "These", "It", "They", "The", "Such", "Those", "Its", "Their":
	default:
		return false
	}
	for _, h := range d.cues[j] {
		switch h.c {
		case cueCtrl, cueBanStrong, cueSuspendOK, cueDeal, cueTariff, cueQuota:
			return false
		}
	}
	ls := strings.ToLower(s)
	for _, v := range []string{"includ", "cover", "encompass", "appl", "affect", "target", "span", "list", "range", "extend"} {
		if strings.Contains(ls, v) {
			return true
		}
	}
	return false
}

// counterMarks before a name make it the object of the act, not its actor.
var counterMarks = map[string]bool{
	"to": true, "against": true, "targeting": true, "toward": true, "towards": true, "into": true,
	"for": true, "with": true, "on": true, "at": true, "in": true,
}

// parties resolves actor and counterparty of sentence i around the cue at
// offset at.
func (an *Analyzer) parties(d *doc, i, at int, m *mention) {
	type party struct {
		country string
		start   int
		mark    string
		possess bool
	}
	var ps []party
	for _, e := range d.ents[i] {
		if e.Kind == entity.KindMaterial || e.Country == "" {
			continue
		}
		if e.Kind == entity.KindOrg && e.OrgKind != entity.Government && m.typ != orewatch.EventSupplyAgreement {
			continue // a company neither controls nor bans
		}
		mark := strings.ToLower(prevWordOf(d.text, e.Start, d.sents[i].Start))
		if mark == "the" || mark == "u.s." {
			mark = strings.ToLower(prevWordOf(d.text, e.Start-len(mark)-1, d.sents[i].Start))
		}
		possess := strings.HasPrefix(d.text[e.End:], "'s") || strings.HasPrefix(d.text[e.End:], "’s")
		ps = append(ps, party{e.Country, e.Start, mark, possess})
	}
	if len(ps) == 0 {
		return
	}
	if m.typ == orewatch.EventSupplyAgreement {
		// The parties in order, the owner of "X's agreement" first.
		var order []string
		for _, p := range ps {
			if p.possess && p.start < at {
				order = appendNew(order, p.country)
			}
		}
		for _, p := range ps {
			order = appendNew(order, p.country)
		}
		m.actor, m.explicit = order[0], true
		if len(order) > 1 {
			m.counterparty = order[1]
		}
		return
	}
	pick := func(ok func(p party) bool) string {
		for _, p := range ps {
			if ok(p) {
				return p.country
			}
		}
		return ""
	}
	isCounter := func(p party) bool { return counterMarks[p.mark] && !p.possess }
	// The nearest name before the cue in its clause, else the first before
	// it in the sentence.
	clause := clauseStart(d, i, at)
	actor := ""
	for _, p := range ps {
		if p.start >= clause && p.start < at && !isCounter(p) {
			actor = p.country
		}
	}
	if actor == "" {
		actor = pick(func(p party) bool { return p.start < at && !isCounter(p) })
	}
	if actor == "" {
		actor = pick(func(p party) bool { return p.mark == "by" || p.mark == "from" })
	}
	if actor == "" {
		actor = pick(func(p party) bool { return p.start > at && !isCounter(p) })
	}
	// "the controls China imposed in April": the name right after the cue,
	// followed by the verb of imposing, acts.
	for _, p := range ps {
		if p.start > at && p.start-at < 40 {
			rest := strings.ToLower(strings.TrimLeft(d.text[p.start:d.sents[i].End], " "))
			if _, after, ok := strings.Cut(rest, " "); ok {
				w, _, _ := strings.Cut(after, " ")
				switch w {
				case "imposed", "introduced", "announced", "placed", "adopted", "issued", "unveiled":
					actor = p.country
				}
			}
		}
	}
	if actor == "" && governmentNamed(d, i) {
		// "since the government banned exports" in a sentence about one
		// country: that country's government.
		var cs []string
		for _, p := range ps {
			cs = appendNew(cs, p.country)
		}
		if len(cs) == 1 {
			actor = cs[0]
		}
	}
	if actor != "" {
		m.actor, m.explicit = actor, true
	}
	if m.typ == orewatch.EventExportControl || m.typ == orewatch.EventExportBan || m.typ == orewatch.EventTariff || m.typ == orewatch.EventSuspension || m.typ == orewatch.EventQuota {
		m.counterparty = pick(func(p party) bool {
			return p.country != m.actor && (p.mark == "to" || p.mark == "against" || p.mark == "targeting" ||
				m.typ == orewatch.EventTariff && (p.mark == "on" || p.mark == "from" && p.start > at))
		})
	}
}

// clauseStart returns the offset where the clause holding offset at starts:
// after the last "after", "since", "because", "while", "as", "but", ";" or
// ", and" before it in sentence i.
func clauseStart(d *doc, i, at int) int {
	start := d.sents[i].Start
	seg := strings.ToLower(d.text[start:at])
	best := 0
	for _, w := range []string{" after ", " since ", " because ", " while ", " but ", "; ", ", and ", " as ", " when ", " following "} {
		if k := strings.LastIndex(seg, w); k >= 0 && k+len(w) > best {
			best = k + len(w)
		}
	}
	return start + best
}

// governmentNamed reports whether sentence i speaks of "the government" or
// "the authorities" without naming whose.
func governmentNamed(d *doc, i int) bool {
	s := strings.ToLower(d.text[d.sents[i].Start:d.sents[i].End])
	return strings.Contains(s, "government") || strings.Contains(s, "authorities")
}

// prevWordOf returns the word before offset off, not looking before lo.
func prevWordOf(text string, off, lo int) string {
	i := off
	for i > lo && (text[i-1] == ' ' || text[i-1] == '\n') {
		i--
	}
	j := i
	for j > lo {
		c := text[j-1]
		if c == ' ' || c == '\n' || c == ',' || c == '(' || c == '"' {
			break
		}
		j--
	}
	return text[j:i]
}

// dominantActor is the acting state named most often in the document, when
// one is named at least twice and more often than any other.
func dominantActor(d *doc) string {
	counts := map[string]int{}
	for _, ms := range d.ents {
		for _, e := range ms {
			if e.Acts() {
				counts[e.Country]++
			}
		}
	}
	best, bestN, tie := "", 0, false
	for c, n := range counts {
		switch {
		case n > bestN:
			best, bestN, tie = c, n, false
		case n == bestN:
			tie = true
			if c < best {
				best = c
			}
		}
	}
	if bestN < 2 || tie {
		return ""
	}
	return best
}

// dates gives the sentence's dates their roles: a date after "effective",
// "from", "starting" (or before "take effect") is the effective date; any
// other day or month the announced date. A date after "until" or "through"
// ends a period and is not used.
func (an *Analyzer) dates(d *doc, i, at int, m *mention) {
	cs := d.cues[i]
	immediate := has(cs, cueImmediate)
	for k, dm := range d.dates[i] {
		if dm.Date.IsZero() {
			continue
		}
		before := strings.ToLower(prevWordOf(d.text, dm.Start, d.sents[i].Start))
		if before == "on" || before == "the" {
			before = strings.ToLower(prevWordOf(d.text, dm.Start-len(before)-1, d.sents[i].Start))
		}
		switch before {
		case "until", "through", "till", "to", "ends", "expires", "expire", "lapse", "lapses", "by":
			continue
		case "announced", "imposed", "introduced", "issued", "unveiled", "adopted", "published":
			if m.typ == orewatch.EventSuspension && dm.Start > at {
				continue // the date of the measure being suspended
			}
		}
		role := "announced"
		for _, h := range cs {
			if h.c == cueEffective && h.end <= dm.Start && dm.Start-h.end <= 12 {
				role = "effective"
			}
		}
		if role == "announced" && k == len(d.dates[i])-1 {
			// "November 8, 2025: the measures become effective"
			for _, h := range cs {
				if h.c == cueEffective && h.start > dm.End && !strings.EqualFold(d.text[h.start:h.end], "from") {
					role = "effective"
				}
			}
		}
		if role == "announced" && !d.pub.IsZero() && dm.Date.After(d.pub.AddDays(1)) {
			role = "effective" // a date after publication is when it applies
		}
		m.dated = true
		switch role {
		case "effective":
			if m.effective.IsZero() {
				m.effective = dm.Date
			}
		default:
			if m.announced.IsZero() {
				m.announced = dm.Date
			}
		}
	}
	if immediate && m.effective.IsZero() {
		m.effective = m.announced
	}
}

// isBackground reports whether the mention recalls an older act: dated well
// before the reference date, or in a past year, or marked "previous",
// "earlier", "already", "since".
func (an *Analyzer) isBackground(d *doc, i int, m *mention) bool {
	ref := d.ref
	when := m.announced
	if when.IsZero() {
		when = m.effective
	}
	if !ref.IsZero() && !when.IsZero() {
		return when.Before(ref.AddDays(-75))
	}
	for _, dm := range d.dates[i] {
		if dm.Date.IsZero() && dm.Year != 0 && !ref.IsZero() && dm.Year < ref.Year && !dm.Relative {
			return true
		}
		if dm.Date.IsZero() && dm.Relative && !ref.IsZero() && dm.Year < ref.Year {
			return true // "last year"
		}
	}
	return has(d.cues[i], cueBackground) && !strings.Contains(strings.ToLower(d.text[d.sents[i].Start:d.sents[i].End]), "new")
}
