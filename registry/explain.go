package registry

import (
	"fmt"
	"strconv"
	"strings"

	"orewatch"
)

// explain writes the plain-words explanation of an answer: one sentence or
// short paragraph per line, each citing ids, instruments and dates.
func (e *Engine) explain(q *query, d *orewatch.Determination, fs []finding) string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }

	head := fmt.Sprintf("%s: exporting %s from %s to %s on %s, %s end use.",
		decisionWords(d.Decision), e.itemWords(q), e.countryName(q.from), e.countryName(q.to), q.date, d.EndUse)
	if q.madeIn != "" && q.madeIn != q.from {
		head += fmt.Sprintf(" The item was made in %s", e.countryName(q.madeIn))
		if q.share > 0 {
			head += fmt.Sprintf(" with %s%% China-origin content", formatPercent(q.share))
		}
		head += "."
	} else if q.share > 0 {
		head += fmt.Sprintf(" Stated China-origin content: %s%%.", formatPercent(q.share))
	}
	add("%s", head)

	var unscreened []string
	boundary := map[*entry]bool{}
	noteBoundary := func(s *entry) {
		if s == nil || s.m.Ends.IsZero() || boundary[s] {
			return
		}
		if !q.date.AddDays(1).Before(s.m.Ends) && !s.m.Ends.AddDays(1).Before(q.date) {
			boundary[s] = true
			add("%s is within a day of the end of the suspension by %s (the sources say \"until %s\"); whether that day itself is still suspended is not settled, so the answer may differ by one day.",
				q.date, s.m.ID, s.m.Ends)
		}
	}

	order := []findingKind{fApplied, fSuspended, fUpcoming, fUnknownEffective, fMilitaryOnly, fUnscreened, fBelowDeMinimis, fEnded, fInformation}
	for _, kind := range order {
		for _, f := range fs {
			if f.kind != kind {
				continue
			}
			m := f.en.m
			switch kind {
			case fApplied:
				var s string
				if f.susp == nil {
					s = fmt.Sprintf("%s, in force since %s, %s%s.", describe(m), m.Effective, effectWords(f.cov.effect), e.scopeWords(f, q))
				} else {
					sm := f.susp.m
					s = fmt.Sprintf("%s %s%s.", describe(m), effectWords(f.cov.effect), e.scopeWords(f, q))
					if neverApplied(m, f.susp) {
						s += fmt.Sprintf(" It was to take effect on %s, but %s suspended it from %s, before that, so it never applied until the suspension lapsed on %s.", m.Effective, sm.ID, sm.Effective, sm.Ends)
					} else {
						s += fmt.Sprintf(" In force since %s, it was suspended by %s from %s until %s.", m.Effective, sm.ID, sm.Effective, sm.Ends)
					}
					again := "applies again"
					if neverApplied(m, f.susp) {
						again = "now applies"
					}
					s += " No extension of the suspension is recorded, so the measure " + again + ". The registry may be behind the news: verify this before relying on it."
				}
				add("%s", s)
				noteBoundary(f.susp)
				for _, up := range f.upcoming {
					add("%s, announced on %s, will suspend %s from %s.", describe(up.m), up.m.Announced, m.ID, up.m.Effective)
				}
			case fSuspended:
				sm := f.susp.m
				s := fmt.Sprintf("%s would %s%s, but it is suspended by %s from %s", describe(m), effectVerb(f.cov.effect), e.scopeWords(f, q), describe(sm), sm.Effective)
				if sm.Ends.IsZero() {
					s += " with no end date recorded."
				} else {
					s += fmt.Sprintf(" until %s.", sm.Ends)
				}
				if neverApplied(m, f.susp) {
					s += fmt.Sprintf(" The suspension began before its effective date (%s), so it has never applied.", m.Effective)
				}
				add("%s", s)
				noteBoundary(f.susp)
			case fUpcoming:
				s := fmt.Sprintf("%s, announced on %s, takes effect on %s and would then %s%s.", describe(m), m.Announced, m.Effective, effectVerb(f.cov.effect), e.scopeWords(f, q))
				for _, s2 := range f.en.suspendedBy {
					if neverApplied(m, s2) && s2.m.Announced.After(q.date) {
						s += fmt.Sprintf(" Later, %s (announced on %s) suspended it before it took effect.", s2.m.ID, s2.m.Announced)
					}
				}
				add("%s", s)
			case fUnknownEffective:
				add("%s was announced on %s, but its effective date is not known, so it is not treated as in force.", describe(m), m.Announced)
			case fMilitaryOnly:
				s := fmt.Sprintf("%s %s only for military end users or uses; it does not apply to a civil end use.", describe(m), effectWords(f.cov.effect))
				if f.susp != nil {
					s += fmt.Sprintf(" (It is also suspended by %s until %s.)", f.susp.m.ID, f.susp.m.Ends)
				}
				add("%s", s)
			case fUnscreened:
				reach := fmt.Sprintf("re-exports of items made in %s", m.Jurisdiction)
				if f.en.hasDeMin {
					reach = fmt.Sprintf("foreign-made items with at least %s %s-origin content", m.DeMinimis, m.Jurisdiction)
				}
				unscreened = append(unscreened, fmt.Sprintf("%s (%s)", describe(m), reach))
			case fBelowDeMinimis:
				add("%s covers foreign-made items with at least %s %s-origin content; the stated share (%s%%) is below that, so it does not apply.",
					describe(m), m.DeMinimis, m.Jurisdiction, formatPercent(q.share))
			case fEnded:
				add("%s no longer applies: it ended on %s.", describe(m), m.Ends)
			case fInformation:
				when := m.Effective
				if when.IsZero() {
					when = m.Announced
				}
				add("For information: %s (%s): %s. It is not a restriction and does not change the decision.", describe(m), when, strings.TrimSuffix(m.Title, "."))
			}
		}
	}
	if len(unscreened) > 0 {
		add("Not screened: %s. Give the place of manufacture (made-in) and the China-origin content share (content-share) to screen them; without them this export is screened on the rules of %s only.",
			strings.Join(unscreened, "; "), e.countryName(q.from))
	}
	if d.Decision == orewatch.DecisionNotControlled {
		s := "No measure in the registry restricts this export on that day."
		if q.info.tariff != "" {
			s += " The registry's tariff lines are partial: a missing line does not mean the item is uncontrolled."
		}
		add("%s", s)
	}
	return strings.Join(lines, "\n")
}

func decisionWords(d orewatch.Decision) string {
	switch d {
	case orewatch.DecisionProhibited:
		return "Prohibited"
	case orewatch.DecisionQuota:
		return "Under quota"
	case orewatch.DecisionLicence:
		return "Licence required"
	}
	return "Not controlled by any measure in the registry"
}

// effectWords says what a measure does to the export, as a predicate.
func effectWords(d orewatch.Decision) string {
	switch d {
	case orewatch.DecisionProhibited:
		return "prohibits it"
	case orewatch.DecisionQuota:
		return "puts it under an export quota"
	case orewatch.DecisionLicence:
		return "requires an export licence"
	}
	return "does not restrict it"
}

// effectVerb is effectWords after "would".
func effectVerb(d orewatch.Decision) string {
	switch d {
	case orewatch.DecisionProhibited:
		return "prohibit it"
	case orewatch.DecisionQuota:
		return "put it under an export quota"
	case orewatch.DecisionLicence:
		return "require an export licence"
	}
	return "not restrict it"
}

// itemWords names the query item and what it resolved to.
func (e *Engine) itemWords(q *query) string {
	info := q.info
	if info.tariff != "" {
		if len(info.materials) == 0 {
			return "tariff line " + info.tariff
		}
		return fmt.Sprintf("tariff line %s (%s)", info.tariff, strings.Join(info.materials, ", "))
	}
	if len(info.materials) == 1 && !strings.EqualFold(info.materials[0], strings.TrimSpace(q.item)) {
		return fmt.Sprintf("%q (%s)", q.item, info.materials[0])
	}
	if len(info.materials) == 1 {
		return info.materials[0]
	}
	return strconv.Quote(q.item)
}

// scopeWords says how a measure covers the item when that is not simply by
// name: by tariff line, through the dual-use list, or for part of a group.
func (e *Engine) scopeWords(f finding, q *query) string {
	var parts []string
	if len(f.cov.lines) > 0 {
		parts = append(parts, "its tariff line "+strings.Join(f.cov.lines, ", ")+" matches")
	}
	if len(f.cov.via) > 0 {
		parts = append(parts, "the item is a dual-use item under "+strings.Join(f.cov.via, ", "))
	}
	if f.en.military {
		parts = append(parts, "military end users or uses only")
	}
	if q.from != f.en.m.Jurisdiction {
		switch {
		case f.en.hasDeMin:
			parts = append(parts, fmt.Sprintf("it reaches this foreign-made item because its %s-origin content (%s%%) is at or above the %s de minimis; items made abroad with %s-origin technology are covered too, which orewatch cannot screen",
				f.en.m.Jurisdiction, formatPercent(q.share), f.en.m.DeMinimis, f.en.m.Jurisdiction))
		case f.en.reexport != reexportNone:
			parts = append(parts, fmt.Sprintf("it reaches this re-export because the item was made in %s", f.en.m.Jurisdiction))
		}
	}
	s := ""
	if len(parts) > 0 {
		s = " (" + strings.Join(parts, "; ") + ")"
	}
	if !f.cov.full && f.cov.partial {
		s += fmt.Sprintf(", but only for part of %s: %s. The decision holds for those members; check a specific member for the others", e.itemWords(q), strings.Join(f.cov.members, ", "))
	}
	return s
}

func formatPercent(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
