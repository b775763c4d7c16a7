package orewatch

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the checks every Store applies before it writes, so that
// the SQLite and PostgreSQL stores accept and refuse exactly the same input.

// ValidText reports whether s is valid UTF-8 without NUL bytes, the text
// every store can keep (PostgreSQL refuses NUL). No stored value is
// otherwise, so a filter on such a value matches nothing.
func ValidText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// badText returns the name of the first field (given as name, value pairs)
// whose value is not ValidText, or "".
func badText(fields ...string) string {
	for i := 0; i+1 < len(fields); i += 2 {
		if !ValidText(fields[i+1]) {
			return fields[i]
		}
	}
	return ""
}

func badList(name string, l []string) string {
	for _, v := range l {
		if badText(name, v) != "" {
			return name
		}
	}
	return ""
}

// KnownStage reports whether s is one of the defined stages.
func KnownStage(s Stage) bool {
	switch s {
	case StageMining, StageRefining, StageReserves, StageCapacity, StageOther:
		return true
	}
	return false
}

// ValidateRelease checks a release before it is stored: the source needs an
// id, a title and a year; every figure a material, a country, a year, a known
// stage and a finite quantity; every import-reliance row a material and a
// year; and a figure or row naming a source must name the release's source.
// Two figures with the same identity (material, country, year, stage,
// detail) must agree. All text must be valid UTF-8 without NUL bytes. The
// error is EINVALID and names the offending item by its index.
func ValidateRelease(r *Release) error {
	if r == nil {
		return Errorf(EINVALID, "release is missing")
	}
	src := r.Source
	switch {
	case src.ID == "":
		return Errorf(EINVALID, "release source: id is required")
	case src.Title == "":
		return Errorf(EINVALID, "release source %q: title is required", src.ID)
	case src.Year <= 0:
		return Errorf(EINVALID, "release source %q: year is required", src.ID)
	}
	if f := badText("id", src.ID, "title", src.Title, "publisher", src.Publisher, "doi", src.DOI, "url", src.URL,
		"licence", src.Licence, "note", src.Note); f != "" {
		return Errorf(EINVALID, "release source %q: %s is not valid UTF-8 text", src.ID, f)
	}
	type key struct {
		material, country string
		year              int
		stage             Stage
		detail            string
	}
	seen := make(map[key]int, len(r.Figures))
	for i, f := range r.Figures {
		if f == nil {
			return Errorf(EINVALID, "figure %d: missing", i)
		}
		where := figureWhere{i, f}
		switch {
		case f.Material == "":
			return Errorf(EINVALID, "%s: material is required", where)
		case f.Country == "":
			return Errorf(EINVALID, "%s: country is required", where)
		case f.Year <= 0:
			return Errorf(EINVALID, "%s: year is required", where)
		case !KnownStage(f.Stage):
			return Errorf(EINVALID, "%s: unknown stage (want mining, refining, reserves, capacity or other)", where)
		case f.Quantity != nil && (math.IsNaN(*f.Quantity) || math.IsInf(*f.Quantity, 0)):
			return Errorf(EINVALID, "%s: quantity is not a finite number", where)
		case f.SourceID != "" && f.SourceID != src.ID:
			return Errorf(EINVALID, "%s: source %q is not the release's source %q", where, f.SourceID, src.ID)
		}
		if b := badText("material", f.Material, "commodity", f.Commodity, "country", f.Country, "country name", f.CountryName,
			"detail", f.Detail, "unit", f.Unit, "basis", f.Basis, "note", f.Note); b != "" {
			return Errorf(EINVALID, "%s: %s is not valid UTF-8 text", where, b)
		}
		k := key{f.Material, f.Country, f.Year, f.Stage, f.Detail}
		if j, dup := seen[k]; dup {
			if !SameFigure(r.Figures[j], f) {
				return Errorf(EINVALID, "%s: same material, country, year, stage and detail %q as figure %d but different values", where, f.Detail, j)
			}
			continue
		}
		seen[k] = i
	}
	for i, ir := range r.ImportReliance {
		if ir == nil {
			return Errorf(EINVALID, "import reliance %d: missing", i)
		}
		where := relianceWhere{i, ir}
		switch {
		case ir.Material == "":
			return Errorf(EINVALID, "%s: material is required", where)
		case ir.Year <= 0:
			return Errorf(EINVALID, "%s: year is required", where)
		case ir.Percent != nil && (math.IsNaN(*ir.Percent) || math.IsInf(*ir.Percent, 0)):
			return Errorf(EINVALID, "%s: percent is not a finite number", where)
		case ir.SourceID != "" && ir.SourceID != src.ID:
			return Errorf(EINVALID, "%s: source %q is not the release's source %q", where, ir.SourceID, src.ID)
		}
		if b := badText("material", ir.Material, "commodity", ir.Commodity, "value", ir.Value, "basis", ir.Basis,
			"period", ir.Period, "product", ir.Product); b != "" {
			return Errorf(EINVALID, "%s: %s is not valid UTF-8 text", where, b)
		}
		for j, s := range ir.Sources {
			if s.Percent != nil && (math.IsNaN(*s.Percent) || math.IsInf(*s.Percent, 0)) {
				return Errorf(EINVALID, "%s: import source %d: percent is not a finite number", where, j)
			}
			if b := badText("country", s.Country, "country name", s.CountryName); b != "" {
				return Errorf(EINVALID, "%s: import source %d: %s is not valid UTF-8 text", where, j, b)
			}
		}
	}
	return nil
}

// figureWhere names a figure in an error message; it is formatted only
// when an error is made, which keeps validating a large release cheap.
type figureWhere struct {
	i int
	f *Figure
}

func (w figureWhere) String() string {
	return fmt.Sprintf("figure %d (material %q, country %q, year %d, stage %q)", w.i, w.f.Material, w.f.Country, w.f.Year, w.f.Stage)
}

type relianceWhere struct {
	i int
	r *ImportReliance
}

func (w relianceWhere) String() string {
	return fmt.Sprintf("import reliance %d (material %q, year %d)", w.i, w.r.Material, w.r.Year)
}

// SameFigure reports whether two figures say the same thing, ignoring
// SourceID (a release's figures may leave it empty).
func SameFigure(a, b *Figure) bool {
	return a.Material == b.Material && a.Commodity == b.Commodity && a.Country == b.Country &&
		a.CountryName == b.CountryName && a.Year == b.Year && a.Stage == b.Stage && a.Detail == b.Detail &&
		sameFloat(a.Quantity, b.Quantity) && a.Unit == b.Unit && a.Basis == b.Basis &&
		a.Estimated == b.Estimated && a.Withheld == b.Withheld && a.Revised == b.Revised &&
		a.LowerBound == b.LowerBound && a.Note == b.Note
}

// SameImportReliance reports whether two import-reliance rows say the same
// thing, ignoring SourceID.
func SameImportReliance(a, b *ImportReliance) bool {
	return a.Material == b.Material && a.Commodity == b.Commodity && a.Year == b.Year &&
		a.Value == b.Value && sameFloat(a.Percent, b.Percent) && a.Basis == b.Basis &&
		a.Period == b.Period && a.Product == b.Product &&
		slices.EqualFunc(a.Sources, b.Sources, func(x, y ImportShare) bool {
			return x.Country == y.Country && x.CountryName == y.CountryName && sameFloat(x.Percent, y.Percent)
		})
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// ValidateMeasures checks a batch for PutMeasures: each measure needs an id,
// a jurisdiction and a type, an id may appear only once, all text must be
// valid UTF-8 without NUL bytes, and at must be set.
func ValidateMeasures(ms []*Measure, at time.Time) error {
	if at.IsZero() {
		return Errorf(EINVALID, "measures: the knowledge time is required")
	}
	seen := make(map[string]int, len(ms))
	for i, m := range ms {
		switch {
		case m == nil:
			return Errorf(EINVALID, "measure %d: missing", i)
		case m.ID == "":
			return Errorf(EINVALID, "measure %d: id is required", i)
		case m.Jurisdiction == "":
			return Errorf(EINVALID, "measure %d (%s): jurisdiction is required", i, m.ID)
		case m.Type == "":
			return Errorf(EINVALID, "measure %d (%s): type is required", i, m.ID)
		}
		if j, dup := seen[m.ID]; dup {
			return Errorf(EINVALID, "measure %d (%s): the same id as measure %d", i, m.ID, j)
		}
		b := badText("id", m.ID, "jurisdiction", m.Jurisdiction, "authority", m.Authority, "instrument", m.Instrument,
			"title", m.Title, "type", string(m.Type), "status note", m.StatusNote, "end use", m.EndUse,
			"de minimis", m.DeMinimis, "source url", m.SourceURL)
		b = cmp.Or(b, badList("suspends", m.Suspends), badList("items", m.Items), badList("materials", m.Materials),
			badList("unresolved", m.Unresolved), badList("hs codes", m.TariffLines), badList("destinations", m.Destinations))
		if b != "" {
			return Errorf(EINVALID, "measure %d (%q): %s is not valid UTF-8 text", i, m.ID, b)
		}
		seen[m.ID] = i
	}
	return nil
}

// SameMeasure reports whether two versions of a measure record the same
// facts: every field but Version, RecordedAt and SupersededAt is equal, with
// a nil list equal to an empty one.
func SameMeasure(a, b *Measure) bool {
	return a.ID == b.ID && a.Jurisdiction == b.Jurisdiction && a.Authority == b.Authority &&
		a.Instrument == b.Instrument && a.Title == b.Title && a.Type == b.Type &&
		a.Announced == b.Announced && a.Effective == b.Effective && a.Ends == b.Ends &&
		slices.Equal(a.Suspends, b.Suspends) && a.StatusNote == b.StatusNote &&
		slices.Equal(a.Items, b.Items) && slices.Equal(a.Materials, b.Materials) &&
		slices.Equal(a.Unresolved, b.Unresolved) && slices.Equal(a.TariffLines, b.TariffLines) &&
		slices.Equal(a.Destinations, b.Destinations) && a.EndUse == b.EndUse &&
		a.DeMinimis == b.DeMinimis && a.SourceURL == b.SourceURL
}

// ValidateArticle checks an article for SaveArticle: it needs a URL, each
// event a type, every confidence and claim value must be finite, and all
// text must be valid UTF-8 without NUL bytes.
func ValidateArticle(a *Article) error {
	if a == nil {
		return Errorf(EINVALID, "article is missing")
	}
	if a.URL == "" {
		return Errorf(EINVALID, "article %q: url is required", a.Title)
	}
	b := badText("url", a.URL, "canonical url", a.CanonicalURL, "title", a.Title, "language", a.Language,
		"body", a.Body, "content hash", a.ContentHash)
	b = cmp.Or(b, badList("countries", a.Countries), badList("organizations", a.Organizations), badList("materials", a.Materials))
	if b != "" {
		return Errorf(EINVALID, "article %q: %s is not valid UTF-8 text", a.URL, b)
	}
	for i, e := range a.Events {
		switch {
		case e == nil:
			return Errorf(EINVALID, "article %s: event %d: missing", a.URL, i)
		case e.Type == "":
			return Errorf(EINVALID, "article %s: event %d: type is required", a.URL, i)
		case math.IsNaN(e.Confidence) || math.IsInf(e.Confidence, 0):
			return Errorf(EINVALID, "article %s: event %d: confidence is not a finite number", a.URL, i)
		}
		b := badText("type", string(e.Type), "actor", e.Actor, "counterparty", e.Counterparty, "evidence", e.Evidence,
			"measure", e.Measure)
		if b = cmp.Or(b, badList("materials", e.Materials)); b != "" {
			return Errorf(EINVALID, "article %s: event %d: %s is not valid UTF-8 text", a.URL, i, b)
		}
	}
	for i, c := range a.Claims {
		switch {
		case c == nil:
			return Errorf(EINVALID, "article %s: claim %d: missing", a.URL, i)
		case math.IsNaN(c.Value) || math.IsInf(c.Value, 0):
			return Errorf(EINVALID, "article %s: claim %d: value is not a finite number", a.URL, i)
		case c.Reference != nil && (math.IsNaN(c.Reference.Value) || math.IsInf(c.Reference.Value, 0)):
			return Errorf(EINVALID, "article %s: claim %d: reference value is not a finite number", a.URL, i)
		}
		b := badText("text", c.Text, "subject", c.Subject, "material", c.Material, "stage", string(c.Stage),
			"comparator", c.Comparator, "unit", c.Unit, "verdict", c.Verdict, "note", c.Note)
		if c.Reference != nil {
			b = cmp.Or(b, badText("reference source", c.Reference.Source))
		}
		if b != "" {
			return Errorf(EINVALID, "article %s: claim %d: %s is not valid UTF-8 text", a.URL, i, b)
		}
	}
	for i, d := range a.DateChecks {
		if d == nil {
			return Errorf(EINVALID, "article %s: date check %d: missing", a.URL, i)
		}
		if b := badText("measure", d.Measure, "field", d.Field, "verdict", d.Verdict, "note", d.Note); b != "" {
			return Errorf(EINVALID, "article %s: date check %d: %s is not valid UTF-8 text", a.URL, i, b)
		}
	}
	return nil
}

// ValidateFeed checks a feed before it is created or updated: it needs a
// URL, and all text must be valid UTF-8 without NUL bytes.
func ValidateFeed(f *Feed) error {
	if f == nil {
		return Errorf(EINVALID, "feed is missing")
	}
	if f.URL == "" {
		return Errorf(EINVALID, "feed: url is required")
	}
	if b := badText("url", f.URL, "title", f.Title, "etag", f.ETag, "last modified", f.LastModified,
		"last error", f.LastError); b != "" {
		return Errorf(EINVALID, "feed %q: %s is not valid UTF-8 text", f.URL, b)
	}
	return nil
}
