package registry

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"orewatch"
)

// Engine answers licence questions from a fixed snapshot of the registry.
// It indexes the measures by material, tariff line and jurisdiction when it
// is built and never touches a store afterwards. It is safe for concurrent
// use.
type Engine struct {
	cat     orewatch.CatalogService
	entries []*entry
	byID    map[string]*entry
	// byMaterial maps a catalogue name to the measure items that resolve to it.
	byMaterial map[string][]itemRef
	// byWording maps the folded wording of every item to its measure items,
	// for items the catalogue does not know.
	byWording map[string][]itemRef
	// lines are the measures' tariff lines, sorted, for prefix matching.
	lines []lineRef
	// wide are the measures whose scope is not a list of materials: every
	// dual-use item of their state.
	wide []*entry
	// suspensions are the suspension records.
	suspensions []*entry

	mu        sync.Mutex
	items     map[string]*itemInfo
	countries map[string]countryInfo
	memo      memo
}

// entry is one measure with what the engine derived from it.
type entry struct {
	m     *orewatch.Measure
	items []itemScope
	// effect is what the measure does to an export it covers; "" for
	// records that restrict nothing (agreements, other acts, suspensions).
	effect      orewatch.Decision
	military    bool
	allDualUse  bool
	reexport    reexport
	deMinimis   float64
	hasDeMin    bool
	allDest     bool
	suspendedBy []*entry
}

// reexport says whether a measure reaches exports from other countries of
// items made in its jurisdiction.
type reexport uint8

const (
	reexportNone reexport = iota
	// reexportOnly: the measure governs only re-exports from abroad (the
	// extraterritorial clause of MOFCOM Announcement No. 61 of 2025).
	reexportOnly
	// reexportAlso: the measure governs exports from its jurisdiction and
	// third-country transfers of items made there.
	reexportAlso
)

// itemScope is one item of a measure.
type itemScope struct {
	wording  string
	folded   string
	material *orewatch.Material // nil when the catalogue knows no match
	cls      class
	effect   orewatch.Decision
}

type itemRef struct {
	e   *entry
	idx int
}

type lineRef struct {
	line string
	e    *entry
}

type countryInfo struct {
	iso  string
	name string
	err  error
}

// NewEngine builds an engine over the measures (one version per id). The
// measures' items are resolved again with cat so that each item keeps its
// own effect (a technology ban's restricted-category items need a licence;
// a stricter review is not a ban). It fails when a suspension names an id
// that is not among the measures.
func NewEngine(ms []*orewatch.Measure, cat orewatch.CatalogService) (*Engine, error) {
	e := &Engine{
		cat:        cat,
		byID:       make(map[string]*entry, len(ms)),
		byMaterial: make(map[string][]itemRef),
		byWording:  make(map[string][]itemRef),
		items:      make(map[string]*itemInfo),
		countries:  make(map[string]countryInfo),
	}
	res := newResolver(cat)
	for _, m := range ms {
		if _, dup := e.byID[m.ID]; dup {
			return nil, fmt.Errorf("registry snapshot: measure %s appears twice", m.ID)
		}
		en := newEntry(m, res)
		e.entries = append(e.entries, en)
		e.byID[m.ID] = en
	}
	for _, en := range e.entries {
		for i, it := range en.items {
			ref := itemRef{en, i}
			if it.material != nil {
				e.byMaterial[it.material.Name] = append(e.byMaterial[it.material.Name], ref)
			}
			e.byWording[it.folded] = append(e.byWording[it.folded], ref)
		}
		for _, l := range en.m.TariffLines {
			e.lines = append(e.lines, lineRef{l, en})
		}
		if en.allDualUse {
			e.wide = append(e.wide, en)
		}
		if en.m.Type == orewatch.MeasureSuspension {
			e.suspensions = append(e.suspensions, en)
			for _, id := range en.m.Suspends {
				target, ok := e.byID[id]
				if !ok {
					return nil, fmt.Errorf("registry snapshot: %s suspends unknown measure %s", en.m.ID, id)
				}
				target.suspendedBy = append(target.suspendedBy, en)
			}
		}
	}
	slices.SortFunc(e.lines, func(a, b lineRef) int {
		return cmp.Or(strings.Compare(a.line, b.line), strings.Compare(a.e.m.ID, b.e.m.ID))
	})
	for _, en := range e.entries {
		slices.SortFunc(en.suspendedBy, func(a, b *entry) int {
			return cmp.Or(a.m.Effective.Compare(b.m.Effective), strings.Compare(a.m.ID, b.m.ID))
		})
	}
	return e, nil
}

func newEntry(m *orewatch.Measure, res *resolver) *entry {
	en := &entry{m: m, military: m.EndUse == orewatch.EndUseMilitary}
	switch m.Type {
	case orewatch.MeasureExportBan, orewatch.MeasureTechBan:
		en.effect = orewatch.DecisionProhibited
	case orewatch.MeasureQuota:
		en.effect = orewatch.DecisionQuota
	case orewatch.MeasureLicence:
		en.effect = orewatch.DecisionLicence
	}
	for _, w := range m.Items {
		f := fold(w)
		it := itemScope{wording: w, folded: f, material: res.resolveItem(w), cls: wordingClass(f), effect: en.effect}
		if it.material != nil {
			it.cls = materialClass(it.material)
		}
		if en.effect == orewatch.DecisionProhibited && softensBan(f) {
			it.effect = orewatch.DecisionLicence
		}
		if strings.HasPrefix(f, "all dual use items") || strings.HasPrefix(f, "all listed dual use items") {
			en.allDualUse = true
		}
		en.items = append(en.items, it)
	}
	text := fold(m.Title + " ; " + strings.Join(m.Items, " ; "))
	switch {
	case strings.Contains(text, "overseas re export") || strings.Contains(text, "re export by overseas"):
		en.reexport = reexportOnly
	case strings.Contains(fold(m.StatusNote), "third country transfers"):
		en.reexport = reexportAlso
	}
	if m.DeMinimis != "" {
		if v, err := ParseDeMinimis(m.DeMinimis); err == nil {
			en.deMinimis, en.hasDeMin = v, true
		}
	}
	en.allDest = len(m.Destinations) == 0 || slices.Contains(m.Destinations, DestinationsAll)
	return en
}

// softensBan reports whether the wording of an item under a ban or
// technology ban says the item is not banned but needs a licence: a
// technology catalogue's "restricted category" (prohibited technologies may
// not be exported, restricted ones need a licence) or a "stricter review"
// (the graphite part of clause 2 of MOFCOM Announcement No. 46 of 2024).
func softensBan(folded string) bool {
	return strings.Contains(folded, "restricted category") || strings.Contains(folded, "stricter review") ||
		strings.Contains(folded, "review only")
}

// Measure returns the measure with the id, or nil.
func (e *Engine) Measure(id string) *orewatch.Measure {
	if en, ok := e.byID[id]; ok {
		return en.m
	}
	return nil
}

// Measures returns the snapshot's measures in registry order.
func (e *Engine) Measures() []*orewatch.Measure {
	out := make([]*orewatch.Measure, len(e.entries))
	for i, en := range e.entries {
		out[i] = en.m
	}
	return out
}

// itemInfo is a query item resolved against the catalogue.
type itemInfo struct {
	materials []string
	// full holds the item's materials and every group above them: a measure
	// on any of them covers the item.
	full map[string]bool
	// partial holds the entries below the item's materials: a measure on
	// one of them covers part of the item (a measure on dysprosium covers
	// part of "rare earths").
	partial map[string]bool
	cls     class
	folded  string
	tariff  string // the digits, for a tariff-line query
	// known is true when the item names something the catalogue or the
	// registry knows.
	known bool
	// hits are the measures whose own items cover the item.
	hits []hit
	// err is the resolution error, cached like an answer.
	err error
}

const maxCache = 1 << 14

// resolveItem resolves a query item, with a bounded cache that keeps
// failures too (an unknown item costs a search for suggestions).
func (e *Engine) resolveItem(item string) (*itemInfo, error) {
	e.mu.Lock()
	info, ok := e.items[item]
	e.mu.Unlock()
	if !ok {
		var err error
		if info, err = e.resolveItemUncached(item); err != nil {
			info = &itemInfo{err: err}
		}
		e.mu.Lock()
		if len(e.items) >= maxCache {
			clear(e.items)
		}
		e.items[item] = info
		e.mu.Unlock()
	}
	if info.err != nil {
		return nil, copyError(info.err)
	}
	return info, nil
}

// copyError returns a copy of an application error, so that a cached error
// handed to several callers is never shared.
func copyError(err error) error {
	var ce *orewatch.Error
	if errors.As(err, &ce) {
		cp := *ce
		cp.Suggestions = slices.Clone(ce.Suggestions)
		return &cp
	}
	return err
}

func (e *Engine) resolveItemUncached(item string) (*itemInfo, error) {
	item = strings.TrimSpace(item)
	if item == "" {
		return nil, orewatch.Errorf(orewatch.EINVALID, "item is required: a material name, alias or symbol, a tariff line (6 to 10 digits) or a catalogue product or technology")
	}
	info := &itemInfo{full: map[string]bool{}, partial: map[string]bool{}, folded: fold(item)}
	var mats []*orewatch.Material
	if code, ok := TariffLine(item); ok {
		info.tariff = code
		mats = e.cat.MaterialsByTariff(code)
		for _, l := range e.lines {
			if prefixEither(code, l.line) {
				info.known = true
				break
			}
		}
		if len(mats) == 0 && !info.known {
			return nil, orewatch.Errorf(orewatch.ENOTFOUND,
				"tariff line %s matches no catalogue material and no line in the registry; the registry's tariff lines are partial, so a missing line does not mean the item is uncontrolled: check it by name", code)
		}
	} else {
		m, err := e.cat.Material(item)
		switch {
		case err == nil:
			mats = []*orewatch.Material{m}
		case len(e.byWording[info.folded]) > 0:
			// Wording the catalogue lacks but a measure uses verbatim.
			info.known = true
			info.cls = wordingClass(info.folded)
		default:
			var ce *orewatch.Error
			if errors.As(err, &ce) && ce.Code == orewatch.ENOTFOUND {
				return nil, &orewatch.Error{Code: orewatch.ENOTFOUND,
					Message:     fmt.Sprintf("unknown item %q: not a catalogue material, product or technology, nor a tariff line", item),
					Suggestions: ce.Suggestions}
			}
			return nil, fmt.Errorf("resolving item %q: %w", item, err)
		}
	}
	info.materials = []string{}
	for _, m := range mats {
		info.known = true
		info.materials = append(info.materials, m.Name)
		info.cls |= materialClass(m)
		info.full[m.Name] = true
		e.addAncestors(m, info.full, 0)
	}
	for _, m := range mats {
		for _, d := range e.cat.Expand(m.Name) {
			if !info.full[d] {
				info.partial[d] = true
			}
		}
	}
	if info.cls == 0 {
		info.cls = classSubstance
	}
	info.hits = e.staticHits(info)
	return info, nil
}

func (e *Engine) addAncestors(m *orewatch.Material, set map[string]bool, depth int) {
	if depth > 16 {
		return
	}
	for _, p := range m.Parents {
		if set[p] {
			continue
		}
		set[p] = true
		if pm, err := e.cat.Material(p); err == nil {
			e.addAncestors(pm, set, depth+1)
		}
	}
}

// prefixEither reports whether one code is a prefix of the other: a 6-digit
// HS heading matches its 8- and 10-digit national lines and a 10-digit line
// matches the 8-digit line it refines.
func prefixEither(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a)
}

// country resolves a country code or name to its ISO3 code and name, with
// a bounded cache. what names the field in error messages.
func (e *Engine) country(s, what string) (countryInfo, error) {
	e.mu.Lock()
	c, ok := e.countries[s]
	e.mu.Unlock()
	if !ok {
		if strings.TrimSpace(s) == "" {
			c.err = orewatch.Errorf(orewatch.EINVALID, "is required: an ISO 3166 country code or name")
		} else if cc, err := e.cat.Country(s); err != nil {
			c.err = err
		} else {
			c.iso, c.name = cc.ISO3, cc.Name
		}
		e.mu.Lock()
		if len(e.countries) >= maxCache {
			clear(e.countries)
		}
		e.countries[s] = c
		e.mu.Unlock()
	}
	if c.err != nil {
		var ce *orewatch.Error
		if errors.As(c.err, &ce) {
			sep := ": "
			if strings.HasPrefix(ce.Message, "is required") {
				sep = " "
			}
			return c, &orewatch.Error{Code: ce.Code, Message: what + sep + ce.Message, Suggestions: ce.Suggestions}
		}
		return c, fmt.Errorf("%s: %w", what, c.err)
	}
	return c, nil
}

// countryName returns "Name (ISO3)" for an ISO3 code.
func (e *Engine) countryName(iso string) string {
	c, err := e.country(iso, "country")
	if err != nil || c.name == "" {
		return iso
	}
	return c.name + " (" + iso + ")"
}
