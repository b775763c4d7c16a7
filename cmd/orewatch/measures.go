package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"orewatch"
	"orewatch/registry"
)

func init() {
	register(&command{name: "measures", summary: "list, show, compare, import and export the export-control registry", run: runMeasures})
}

const measuresSynopsis = `measures [--in-force D] [--jurisdiction ISO3] [--material M] [--type T] [--json|--csv]
       orewatch measures show ID [--json]
       orewatch measures diff D1 D2 [--json]
       orewatch measures import FILE.csv [--json]
       orewatch measures export --format csv|json`

func runMeasures(ctx context.Context, m *Main, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "show":
			return runMeasuresShow(ctx, m, args[1:])
		case "diff":
			return runMeasuresDiff(ctx, m, args[1:])
		case "import":
			return runMeasuresImport(ctx, m, args[1:])
		case "export":
			return runMeasuresExport(ctx, m, args[1:])
		case "list", "ls":
			args = args[1:]
		}
	}
	fs := m.newFlagSet("measures", measuresSynopsis,
		`List the registry's measures: export controls, bans, quotas, suspensions,
agreements and other acts, with their status on a day. --in-force D keeps
those in force on D and not suspended; --jurisdiction the acting state's
(ISO3 code or name); --material those whose items name the material, a
group above it or an entry below it; --type one of licence_requirement,
export_ban, technology_ban, quota, suspension, agreement, other.

--json prints an array of measures (id, version, jurisdiction, authority,
instrument, title, type, announced, effective, ends, suspends, status_note,
items, materials, unresolved, hs_codes, destinations, end_use, de_minimis,
source_url, recorded_at); --csv prints them in the registry's CSV columns.

  measures show ID          one measure, its status and its version history
  measures diff D1 D2       what was announced, came into force, was
                            suspended, lapsed or ended after D1 up to D2
  measures import FILE.csv  add or correct records (same columns as the
                            shared measures.csv); changed rows become new
                            versions, known from now on
  measures export           write the current registry as CSV or JSON`)
	inForce := fs.String("in-force", "", "only measures in force (and not suspended) on this day, YYYY-MM-DD or today")
	jurisdiction := fs.String("jurisdiction", "", "only measures of this state (ISO3 code or name)")
	material := fs.String("material", "", "only measures covering this material")
	typ := fs.String("type", "", "only measures of this type")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print CSV in the registry's columns")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("measures: unknown subcommand %q (want show, diff, import or export; see 'orewatch measures --help')", pos[0])
	}
	if *asJSON && *asCSV {
		return usagef("measures: --json and --csv cannot be combined")
	}
	f := orewatch.InForceFilter{Jurisdiction: *jurisdiction, Material: *material}
	if *typ != "" {
		if f.Type, err = registry.ParseMeasureType(*typ); err != nil {
			return usagef("measures --type: %s", orewatch.ErrorMessage(err))
		}
	}
	if *inForce != "" {
		if f.Date, err = dayArg("--in-force", *inForce, m.Now); err != nil {
			return err
		}
	}
	eng, err := m.registryEngine(ctx)
	if err != nil {
		return err
	}
	ms, err := eng.InForce(f)
	if code := orewatch.ErrorCode(err); code == orewatch.EINVALID || code == orewatch.ENOTFOUND {
		// The engine is in memory: what it rejects are the flag values
		// (an unknown jurisdiction or material).
		return usagef("measures: %s", errorText(err))
	}
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		return m.printJSON(ms)
	case *asCSV:
		return registry.WriteCSV(m.Stdout, ms)
	}
	day := f.Date
	if day.IsZero() {
		day = orewatch.DateOf(m.Now())
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\tTYPE\tSTATE\tEFFECTIVE\tENDS\tSTATUS ON %s\tTITLE\n", day)
	for _, x := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.ID, x.Type, x.Jurisdiction, orDashDate(x.Effective), orDashDate(x.Ends),
			eng.Status(x.ID, day), clip(x.Title, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(ms) == 1 {
		fmt.Fprintln(m.Stdout, "1 measure")
	} else {
		fmt.Fprintf(m.Stdout, "%d measures\n", len(ms))
	}
	return nil
}

// registryEngine loads the current registry from the store.
func (m *Main) registryEngine(ctx context.Context) (*registry.Engine, error) {
	store, err := m.Store(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := store.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return nil, err
	}
	return registry.NewEngine(ms, m.Catalog())
}

func orDashDate(d orewatch.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// measureView is the JSON of `measures show`.
type measureView struct {
	Measure     *orewatch.Measure   `json:"measure"`
	Status      string              `json:"status"`
	StatusDate  orewatch.Date       `json:"status_date"`
	SuspendedBy []string            `json:"suspended_by"`
	History     []*orewatch.Measure `json:"history"`
}

func runMeasuresShow(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("measures show", "measures show ID [--date D] [--json] [--db DSN]",
		`Show one registry record: every field, where it stands on --date (default
today), the suspension records that name it, and its version history (each
correction is a new version, with when it entered the registry and what
changed). --json prints {"measure", "status", "status_date",
"suspended_by", "history"}.`)
	date := fs.String("date", "", "the day to give the status for (default: today)")
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("measures show needs one ID (see 'orewatch measures')")
	}
	day, err := checkDateFlag(*date, m.Now)
	if err != nil {
		return err
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	id := pos[0]
	hist, err := store.MeasureHistory(ctx, id)
	if orewatch.ErrorCode(err) == orewatch.ENOTFOUND {
		return m.unknownMeasure(ctx, store, id)
	} else if err != nil {
		return err
	}
	eng, err := m.registryEngine(ctx)
	if err != nil {
		return err
	}
	cur := hist[len(hist)-1]
	v := measureView{Measure: cur, Status: eng.Status(id, day), StatusDate: day, SuspendedBy: []string{}, History: hist}
	for _, x := range eng.Measures() {
		if slices.Contains(x.Suspends, id) {
			v.SuspendedBy = append(v.SuspendedBy, x.ID)
		}
	}
	if cur.SupersededAt != nil {
		v.Status = "withdrawn from the registry"
	}
	if *asJSON {
		return m.printJSON(v)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s  %s\n%s\n\n", cur.ID, cur.Type, cur.Title)
	rows := [][2]string{
		{"State", cur.Jurisdiction}, {"Authority", cur.Authority}, {"Instrument", cur.Instrument},
		{"Announced", orDashDate(cur.Announced)}, {"Effective", orDashDate(cur.Effective)}, {"Ends", orDashDate(cur.Ends)},
		{"Status on " + day.String(), v.Status},
		{"Suspends", strings.Join(cur.Suspends, ", ")}, {"Suspended by", strings.Join(v.SuspendedBy, ", ")},
		{"Items", strings.Join(cur.Items, "; ")}, {"Materials", strings.Join(cur.Materials, ", ")},
		{"Unresolved", strings.Join(cur.Unresolved, "; ")}, {"Tariff lines", strings.Join(cur.TariffLines, ", ")},
		{"Destinations", strings.Join(cur.Destinations, ", ")}, {"End use", cur.EndUse}, {"De minimis", cur.DeMinimis},
		{"Note", cur.StatusNote}, {"Source", cur.SourceURL},
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", r[0], r[1])
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nHistory:")
	for i, h := range hist {
		state := "current"
		if h.SupersededAt != nil {
			state = "until " + h.SupersededAt.UTC().Format(time.RFC3339)
		}
		changed := "first version"
		if i > 0 {
			changed = "changed: " + strings.Join(changedFields(hist[i-1], h), ", ")
		}
		fmt.Fprintf(w, "  v%d  recorded %s (%s)  %s\n", h.Version, h.RecordedAt.UTC().Format(time.RFC3339), state, changed)
	}
	return nil
}

// unknownMeasure is the error for an id the registry lacks, with the
// closest ids as suggestions.
func (m *Main) unknownMeasure(ctx context.Context, store orewatch.Store, id string) error {
	e := orewatch.Errorf(orewatch.ENOTFOUND, "unknown measure %q (see 'orewatch measures')", id)
	ms, err := store.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return e
	}
	best := 4
	for _, x := range ms {
		d := editDistance(strings.ToUpper(id), strings.ToUpper(x.ID))
		switch {
		case d < best:
			best, e.Suggestions = d, []string{x.ID}
		case d == best && len(e.Suggestions) < 5:
			e.Suggestions = append(e.Suggestions, x.ID)
		}
	}
	return e
}

// changedFields names the fields that differ between two versions.
func changedFields(a, b *orewatch.Measure) []string {
	var out []string
	add := func(name string, same bool) {
		if !same {
			out = append(out, name)
		}
	}
	add("jurisdiction", a.Jurisdiction == b.Jurisdiction)
	add("authority", a.Authority == b.Authority)
	add("instrument", a.Instrument == b.Instrument)
	add("title", a.Title == b.Title)
	add("type", a.Type == b.Type)
	add("announced", a.Announced == b.Announced)
	add("effective", a.Effective == b.Effective)
	add("ends", a.Ends == b.Ends)
	add("suspends", slices.Equal(a.Suspends, b.Suspends))
	add("status_note", a.StatusNote == b.StatusNote)
	add("items", slices.Equal(a.Items, b.Items))
	add("materials", slices.Equal(a.Materials, b.Materials))
	add("unresolved", slices.Equal(a.Unresolved, b.Unresolved))
	add("hs_codes", slices.Equal(a.TariffLines, b.TariffLines))
	add("destinations", slices.Equal(a.Destinations, b.Destinations))
	add("end_use", a.EndUse == b.EndUse)
	add("de_minimis", a.DeMinimis == b.DeMinimis)
	add("source_url", a.SourceURL == b.SourceURL)
	if len(out) == 0 {
		out = []string{"nothing"}
	}
	return out
}

func runMeasuresDiff(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("measures diff", "measures diff D1 D2 [--json] [--db DSN]",
		`List what happened in the registry after D1 up to and including D2: measures
announced, coming into force (or due to, but suspended), suspended, whose
suspension lapsed (they apply again: verify, the record may be behind the
news) and ended, oldest first. --json prints an array of {"date", "id",
"change", "by", "title", "note"}.`)
	asJSON := fs.Bool("json", false, "print JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("measures diff needs two days: D1 D2 (YYYY-MM-DD)")
	}
	var days [2]orewatch.Date
	for i, p := range pos {
		if days[i], err = dayArg(fmt.Sprintf("measures diff D%d", i+1), p, m.Now); err != nil {
			return err
		}
	}
	if days[1].Before(days[0]) {
		return usagef("measures diff: D1 (%s) is after D2 (%s): give the earlier day first", days[0], days[1])
	}
	eng, err := m.registryEngine(ctx)
	if err != nil {
		return err
	}
	cs, err := eng.Diff(days[0], days[1])
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(cs)
	}
	if len(cs) == 0 {
		fmt.Fprintf(m.Stdout, "No change in the registry after %s up to %s.\n", days[0], days[1])
		return nil
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tID\tCHANGE\tNOTE")
	for _, c := range cs {
		note := c.Note
		if note == "" {
			note = clip(c.Title, 80)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Date, c.ID, strings.ReplaceAll(strings.ReplaceAll(c.Kind, "due_suspended", "due, suspended"), "_", " "), note)
	}
	return tw.Flush()
}

func runMeasuresImport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("measures import", "measures import FILE.csv [--json] [--db DSN]",
		`Add or correct registry records from a CSV file with the columns of the
shared measures.csv (- for standard input). The whole file is checked first
and nothing is stored if any row is wrong (the error names the line, column
and field). New ids are added; changed rows become new versions known from
now on, the old versions kept; identical rows change nothing. A suspension
may name ids already in the registry.`)
	asJSON := fs.Bool("json", false, "print the counts as JSON")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("measures import needs one FILE.csv")
	}
	name := pos[0]
	var data []byte
	if name == "-" {
		data, err = io.ReadAll(m.Stdin)
		name = "standard input"
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return orewatch.Errorf(orewatch.EINVALID, "cannot read %s: %v", name, err)
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	have, err := store.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, x := range have {
		known[x.ID] = true
	}
	p := &registry.Parser{Catalog: m.Catalog(), KnownIDs: func(id string) bool { return known[id] }}
	ms, err := p.Parse(bytes.NewReader(data), name)
	if err != nil {
		return err
	}
	// The merged registry must still hang together: a suspension names
	// only records that exist.
	merged := map[string]*orewatch.Measure{}
	for _, x := range have {
		merged[x.ID] = x
	}
	for _, x := range ms {
		merged[x.ID] = x
	}
	all := make([]*orewatch.Measure, 0, len(merged))
	for _, x := range merged {
		all = append(all, x)
	}
	if _, err := registry.NewEngine(all, m.Catalog()); err != nil {
		return orewatch.Errorf(orewatch.EINVALID, "%s: %v", name, err)
	}
	res, err := store.PutMeasures(ctx, ms, m.Now())
	if err != nil {
		return err
	}
	if *asJSON {
		return m.printJSON(res)
	}
	fmt.Fprintf(m.Stdout, "%s: %d added, %d revised, %d unchanged\n", name, res.Added, res.Revised, res.Unchanged)
	return nil
}

func runMeasuresExport(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("measures export", "measures export --format csv|json [--db DSN]",
		`Write the current registry to standard output: csv in the columns of the
shared measures.csv (which 'measures import' reads back), or json, an array
of measures with every field.`)
	format := fs.String("format", "csv", "csv or json")
	m.addDBFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("measures export takes no arguments, got %q", pos[0])
	}
	if *format != "csv" && *format != "json" {
		return usagef("measures export: --format must be csv or json, got %q", *format)
	}
	store, err := m.Store(ctx)
	if err != nil {
		return err
	}
	ms, err := store.FindMeasures(ctx, orewatch.MeasureFilter{})
	if err != nil {
		return err
	}
	if *format == "json" {
		return m.printJSON(ms)
	}
	return registry.WriteCSV(m.Stdout, ms)
}
