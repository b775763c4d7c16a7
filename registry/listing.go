package registry

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"orewatch"
)

// InForce lists the snapshot's measures that are in force on f.Date and not
// suspended (every measure when f.Date is zero), filtered by jurisdiction
// (a country code or name), material (a catalogue name: measures on it, on
// a group above it or on an entry below it) and type.
func (e *Engine) InForce(f orewatch.InForceFilter) ([]*orewatch.Measure, error) {
	var j string
	if f.Jurisdiction != "" {
		c, err := e.country(f.Jurisdiction, "jurisdiction")
		if err != nil {
			return nil, err
		}
		j = c.iso
	}
	if f.Type != "" {
		if _, err := ParseMeasureType(string(f.Type)); err != nil {
			return nil, err
		}
	}
	if f.Date.MonthOnly() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "date %s names a month: want a day (YYYY-MM-DD)", f.Date)
	}
	var info *itemInfo
	if f.Material != "" {
		var err error
		if info, err = e.resolveItem(f.Material); err != nil {
			return nil, err
		}
	}
	out := []*orewatch.Measure{}
	for _, en := range e.entries {
		m := en.m
		switch {
		case j != "" && m.Jurisdiction != j:
			continue
		case f.Type != "" && m.Type != f.Type:
			continue
		case info != nil && !e.covers(en, info):
			continue
		}
		if !f.Date.IsZero() {
			if dateState(m, f.Date) != stInForce {
				continue
			}
			if s, _ := activeSuspension(en, f.Date); s != nil {
				continue
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// covers reports whether a measure names the material, a group above it or
// an entry below it, regardless of date, countries and end use.
func (e *Engine) covers(en *entry, info *itemInfo) bool {
	return !en.allDualUse && coverStatic(en, info).any()
}

// Status says in plain words where a measure stands on day d.
func (e *Engine) Status(id string, d orewatch.Date) string {
	en, ok := e.byID[id]
	if !ok {
		return ""
	}
	m := en.m
	active, lapsed := activeSuspension(en, d)
	switch dateState(m, d) {
	case stNotAnnounced:
		if m.Announced.IsZero() && !m.Effective.IsZero() {
			return fmt.Sprintf("not in force until %s", m.Effective)
		}
		return "not yet announced"
	case stUnknownEffective:
		return fmt.Sprintf("announced %s; effective date not known", m.Announced)
	case stEnded:
		return fmt.Sprintf("ended %s", m.Ends)
	case stUpcoming:
		if active != nil {
			return fmt.Sprintf("suspended by %s until %s before it took effect", active.m.ID, endWords(active.m.Ends))
		}
		return fmt.Sprintf("announced %s; takes effect %s", m.Announced, m.Effective)
	}
	switch {
	case active != nil && neverApplied(m, active):
		return fmt.Sprintf("suspended by %s until %s; never applied", active.m.ID, endWords(active.m.Ends))
	case active != nil:
		return fmt.Sprintf("suspended by %s until %s", active.m.ID, endWords(active.m.Ends))
	case lapsed != nil && neverApplied(m, lapsed):
		return fmt.Sprintf("applies since %s, when suspension %s lapsed; it never applied before (verify: no extension recorded)", lapsed.m.Ends, lapsed.m.ID)
	case lapsed != nil:
		return fmt.Sprintf("applies again since %s, when suspension %s lapsed (verify: no extension recorded)", lapsed.m.Ends, lapsed.m.ID)
	}
	return fmt.Sprintf("in force since %s", m.Effective)
}

func endWords(d orewatch.Date) string {
	if d.IsZero() {
		return "an unknown date"
	}
	return d.String()
}

// Change is one event in the registry between two days.
type Change struct {
	Date orewatch.Date `json:"date"`
	ID   string        `json:"id"`
	// Kind is announced, in_force, due_suspended (its effective date came
	// while it was suspended), suspended, lapsed or ended.
	Kind string `json:"change"`
	// By is the suspension that suspended the measure or lapsed.
	By    string `json:"by,omitempty"`
	Title string `json:"title"`
	Note  string `json:"note,omitempty"`
}

// Change kinds.
const (
	ChangeAnnounced = "announced"
	ChangeInForce   = "in_force"
	ChangeDue       = "due_suspended"
	ChangeSuspended = "suspended"
	ChangeLapsed    = "lapsed"
	ChangeEnded     = "ended"
)

// Diff lists what happened after from up to and including to: measures
// announced, coming into force (or due to, while suspended), suspended,
// whose suspension lapsed, and ended; oldest first.
func (e *Engine) Diff(from, to orewatch.Date) ([]Change, error) {
	if from.IsZero() || to.IsZero() || from.MonthOnly() || to.MonthOnly() {
		return nil, orewatch.Errorf(orewatch.EINVALID, "diff needs two days (YYYY-MM-DD)")
	}
	if to.Before(from) {
		return nil, orewatch.Errorf(orewatch.EINVALID, "diff: the first day (%s) is after the second (%s): give the earlier day first", from, to)
	}
	in := func(d orewatch.Date) bool { return !d.IsZero() && from.Before(d) && !to.Before(d) }
	out := []Change{}
	for _, en := range e.entries {
		m := en.m
		if m.Type == orewatch.MeasureSuspension {
			continue
		}
		if in(m.Announced) && m.Announced != m.Effective {
			out = append(out, Change{Date: m.Announced, ID: m.ID, Kind: ChangeAnnounced, Title: m.Title,
				Note: announcedNote(m)})
		}
		if in(m.Effective) {
			c := Change{Date: m.Effective, ID: m.ID, Kind: ChangeInForce, Title: m.Title}
			if s, _ := activeSuspension(en, m.Effective); s != nil {
				c.Kind, c.By = ChangeDue, s.m.ID
				c.Note = fmt.Sprintf("due to take effect, but suspended by %s until %s: it did not apply", s.m.ID, endWords(s.m.Ends))
			} else if en.effect == "" {
				c.Note = "information: restricts nothing"
			}
			out = append(out, c)
		}
		for _, s := range en.suspendedBy {
			if in(s.m.Effective) {
				out = append(out, Change{Date: s.m.Effective, ID: m.ID, Kind: ChangeSuspended, By: s.m.ID, Title: m.Title,
					Note: fmt.Sprintf("suspended by %s (%s) until %s", s.m.ID, s.m.Instrument, endWords(s.m.Ends))})
			}
			if in(s.m.Ends) && (m.Ends.IsZero() || s.m.Ends.Before(m.Ends)) {
				c := Change{Date: s.m.Ends, ID: m.ID, Kind: ChangeLapsed, By: s.m.ID, Title: m.Title,
					Note: fmt.Sprintf("suspension %s lapsed with no extension recorded, so the measure applies again; the registry may be behind the news: verify (the day itself is uncertain by one day)", s.m.ID)}
				if other, _ := activeSuspension(en, s.m.Ends); other != nil {
					c.Note = fmt.Sprintf("suspension %s ended, but %s still suspends the measure until %s", s.m.ID, other.m.ID, endWords(other.m.Ends))
				}
				out = append(out, c)
			}
		}
		if in(m.Ends) {
			out = append(out, Change{Date: m.Ends, ID: m.ID, Kind: ChangeEnded, Title: m.Title})
		}
	}
	rank := map[string]int{ChangeAnnounced: 0, ChangeInForce: 1, ChangeDue: 1, ChangeSuspended: 2, ChangeLapsed: 3, ChangeEnded: 4}
	slices.SortStableFunc(out, func(a, b Change) int {
		return cmp.Or(a.Date.Compare(b.Date), rank[a.Kind]-rank[b.Kind], strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

func announcedNote(m *orewatch.Measure) string {
	if m.Effective.IsZero() {
		return "effective date not known"
	}
	return "takes effect " + m.Effective.String()
}

// ParseMeasureType returns the measure type s names (a value of the
// registry's measure_type column), or an EINVALID error listing them.
func ParseMeasureType(s string) (orewatch.MeasureType, error) {
	if !slices.Contains(measureTypeNames(), s) {
		return "", orewatch.Errorf(orewatch.EINVALID, "unknown measure type %q (want one of %s)", s, strings.Join(measureTypeNames(), ", "))
	}
	return orewatch.MeasureType(s), nil
}
