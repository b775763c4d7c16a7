package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"orewatch"
)

// figureKey is a figure's identity within its source.
type figureKey struct {
	material, country string
	year              int
	stage             orewatch.Stage
	detail            string
}

func keyOf(f *orewatch.Figure) figureKey {
	return figureKey{f.Material, f.Country, f.Year, f.Stage, f.Detail}
}

type relianceKey struct {
	material, commodity string
	year                int
	basis               string
}

func relianceKeyOf(r *orewatch.ImportReliance) relianceKey {
	return relianceKey{r.Material, r.Commodity, r.Year, r.Basis}
}

const figureColumns = `source_id, material, commodity, country, country_name, year, stage, detail,
	quantity, unit, basis, estimated, withheld, revised, lower_bound, note`

const figureColumnCount = 16

// figureBatch is how many figures one INSERT statement carries: fewer
// statements to step through is most of what makes a bulk import fast.
const figureBatch = 128

func figureArgs(args []any, sourceID string, f *orewatch.Figure) []any {
	return append(args, sourceID, f.Material, f.Commodity, f.Country, f.CountryName, f.Year, string(f.Stage), f.Detail,
		f.Quantity, f.Unit, f.Basis, f.Estimated, f.Withheld, f.Revised, f.LowerBound, f.Note)
}

// ImportRelease stores a release in one transaction: all or nothing. The
// source is inserted or updated. A figure's identity is (source, material,
// country, year, stage, detail): a figure not yet stored is Added, one whose
// values differ is Updated, an identical one is Unchanged; import-reliance
// rows count the same way, identified by (source, material, commodity, year,
// basis). Figures of the source that the release does not mention are kept.
// Importing the same release again changes nothing. An invalid release
// (see orewatch.ValidateRelease) imports nothing and fails with EINVALID.
func (db *DB) ImportRelease(ctx context.Context, r *orewatch.Release) (res orewatch.ImportResult, err error) {
	if err := orewatch.ValidateRelease(r); err != nil {
		return res, wrap(err, "ImportRelease")
	}
	src := r.Source
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO sources (id, title, publisher, year, doi, url, licence, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
				year = excluded.year, doi = excluded.doi, url = excluded.url,
				licence = excluded.licence, note = excluded.note`,
			src.ID, src.Title, src.Publisher, src.Year, src.DOI, src.URL, src.Licence, src.Note); err != nil {
			return err
		}
		if err := importFigures(ctx, tx, src.ID, r.Figures, &res); err != nil {
			return err
		}
		return importReliance(ctx, tx, src.ID, r.ImportReliance, &res)
	})
	return res, wrap(err, "ImportRelease(%s)", src.ID)
}

func importFigures(ctx context.Context, tx *sql.Tx, sourceID string, figs []*orewatch.Figure, res *orewatch.ImportResult) error {
	// known holds the stored figures of the source (with their row ids)
	// and, as the release is read, its own: a repeat of an identical figure
	// within the release (ValidateRelease refuses differing ones) then
	// counts as unchanged. This check is what keeps identities unique.
	type stored struct {
		id int64 // 0 for a figure of this release
		f  *orewatch.Figure
	}
	known := make(map[figureKey]stored, len(figs))
	rows, err := tx.QueryContext(ctx, `SELECT id, `+figureColumns+` FROM figures WHERE source_id = ?`, sourceID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		f, err := scanFigure(rows, &id)
		if err != nil {
			rows.Close()
			return err
		}
		known[keyOf(f)] = stored{id, f}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	var add []*orewatch.Figure
	var update []stored
	for _, f := range figs {
		k := keyOf(f)
		old, ok := known[k]
		switch {
		case !ok:
			add = append(add, f)
			res.Added++
		case orewatch.SameFigure(old.f, f):
			res.Unchanged++
			continue
		case old.id == 0:
			return fmt.Errorf("figure %s/%s/%d repeated with other values", f.Material, f.Country, f.Year) // ValidateRelease prevents this
		default:
			update = append(update, stored{old.id, f})
			res.Updated++
		}
		known[k] = stored{0, f}
	}
	if err := insertFigures(ctx, tx, sourceID, add); err != nil {
		return err
	}
	if len(update) > 0 {
		stmt, err := tx.PrepareContext(ctx, `UPDATE figures SET commodity = ?, country_name = ?, quantity = ?,
			unit = ?, basis = ?, estimated = ?, withheld = ?, revised = ?, lower_bound = ?, note = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, u := range update {
			f := u.f
			if _, err := stmt.ExecContext(ctx, f.Commodity, f.CountryName, f.Quantity, f.Unit, f.Basis,
				f.Estimated, f.Withheld, f.Revised, f.LowerBound, f.Note, u.id); err != nil {
				return fmt.Errorf("update figure %s/%s/%d: %w", f.Material, f.Country, f.Year, err)
			}
		}
	}
	return nil
}

// insertFigures inserts figures in multi-row statements of figureBatch rows,
// prepared once, and one statement for the rest.
func insertFigures(ctx context.Context, tx *sql.Tx, sourceID string, figs []*orewatch.Figure) error {
	if len(figs) == 0 {
		return nil
	}
	row := "(" + placeholders(figureColumnCount) + ")"
	insert := func(n int) string {
		return `INSERT INTO figures (` + figureColumns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
	}
	args := make([]any, 0, figureBatch*figureColumnCount)
	if len(figs) >= figureBatch {
		stmt, err := tx.PrepareContext(ctx, insert(figureBatch))
		if err != nil {
			return err
		}
		defer stmt.Close()
		for len(figs) >= figureBatch {
			args = args[:0]
			for _, f := range figs[:figureBatch] {
				args = figureArgs(args, sourceID, f)
			}
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				return err
			}
			figs = figs[figureBatch:]
		}
	}
	if len(figs) == 0 {
		return nil
	}
	args = args[:0]
	for _, f := range figs {
		args = figureArgs(args, sourceID, f)
	}
	_, err := tx.ExecContext(ctx, insert(len(figs)), args...)
	return err
}

type scanner interface{ Scan(dest ...any) error }

// scanFigure scans an id (when id is not nil) and figureColumns.
func scanFigure(s scanner, id *int64) (*orewatch.Figure, error) {
	f := &orewatch.Figure{}
	var q sql.NullFloat64
	var stage string
	dest := []any{&f.SourceID, &f.Material, &f.Commodity, &f.Country, &f.CountryName, &f.Year, &stage, &f.Detail,
		&q, &f.Unit, &f.Basis, &f.Estimated, &f.Withheld, &f.Revised, &f.LowerBound, &f.Note}
	if id != nil {
		dest = append([]any{id}, dest...)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	f.Stage = orewatch.Stage(stage)
	if q.Valid {
		v := q.Float64
		f.Quantity = &v
	}
	return f, nil
}

func importReliance(ctx context.Context, tx *sql.Tx, sourceID string, rs []*orewatch.ImportReliance, res *orewatch.ImportResult) error {
	if len(rs) == 0 {
		return nil
	}
	type stored struct {
		id int64
		r  *orewatch.ImportReliance
	}
	existing := map[relianceKey]stored{}
	rows, err := tx.QueryContext(ctx, `SELECT id, `+relianceColumns+` FROM import_reliance WHERE source_id = ?`, sourceID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		r, err := scanReliance(rows, &id)
		if err != nil {
			rows.Close()
			return err
		}
		existing[relianceKeyOf(r)] = stored{id, r}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO import_reliance (`+relianceColumns+`) VALUES (`+placeholders(10)+`)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	seen := map[relianceKey]bool{}
	for _, r := range rs {
		k := relianceKeyOf(r)
		old, ok := existing[k]
		switch {
		case seen[k] || ok && orewatch.SameImportReliance(old.r, r):
			res.Unchanged++
			continue
		case ok:
			res.Updated++
			if _, err := tx.ExecContext(ctx, `DELETE FROM import_reliance WHERE id = ?`, old.id); err != nil {
				return err
			}
		default:
			res.Added++
		}
		seen[k] = true
		shares, err := json.Marshal(nonNilShares(r.Sources))
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, sourceID, r.Material, r.Commodity, r.Year, r.Value, r.Percent,
			r.Basis, string(shares), r.Period, r.Product); err != nil {
			return fmt.Errorf("insert import reliance %s/%d: %w", r.Material, r.Year, err)
		}
	}
	return nil
}

const relianceColumns = `source_id, material, commodity, year, value, percent, basis, sources, period, product`

func scanReliance(s scanner, id *int64) (*orewatch.ImportReliance, error) {
	r := &orewatch.ImportReliance{}
	var pct sql.NullFloat64
	var shares string
	dest := []any{&r.SourceID, &r.Material, &r.Commodity, &r.Year, &r.Value, &pct, &r.Basis, &shares, &r.Period, &r.Product}
	if id != nil {
		dest = append([]any{id}, dest...)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	if pct.Valid {
		v := pct.Float64
		r.Percent = &v
	}
	if err := json.Unmarshal([]byte(shares), &r.Sources); err != nil {
		return nil, fmt.Errorf("import reliance %s/%d: stored import sources: %w", r.Material, r.Year, err)
	}
	r.Sources = nonNilShares(r.Sources)
	return r, nil
}

func nonNilShares(s []orewatch.ImportShare) []orewatch.ImportShare {
	if s == nil {
		return []orewatch.ImportShare{}
	}
	return s
}

// FindSources returns every source, ordered by year then id.
func (db *DB) FindSources(ctx context.Context) ([]*orewatch.Source, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, title, publisher, year, doi, url, licence, note
		FROM sources ORDER BY year, id`)
	if err != nil {
		return nil, wrap(err, "FindSources")
	}
	defer rows.Close()
	out := []*orewatch.Source{}
	for rows.Next() {
		s := &orewatch.Source{}
		if err := rows.Scan(&s.ID, &s.Title, &s.Publisher, &s.Year, &s.DOI, &s.URL, &s.Licence, &s.Note); err != nil {
			return nil, wrap(err, "FindSources")
		}
		out = append(out, s)
	}
	return out, wrap(rows.Err(), "FindSources")
}

// FindFigures returns the figures the filter selects, ordered by material,
// year, stage, quantity (largest first, unknown last), country, then detail
// and source. With Latest, for each (material, country, year, stage,
// detail) only the figure from the newest source is kept, sources ordered
// by Source.Year and then id; the other filters apply before that choice.
func (db *DB) FindFigures(ctx context.Context, f orewatch.FigureFilter) ([]*orewatch.Figure, error) {
	if !matchable(str(f.Material), str(f.Country), str(f.Stage), str(f.SourceID)) {
		return []*orewatch.Figure{}, nil
	}
	var where []string
	var args []any
	if f.Material != nil {
		where, args = append(where, "f.material = ?"), append(args, *f.Material)
	}
	if f.Country != nil {
		where, args = append(where, "f.country = ?"), append(args, *f.Country)
	}
	if f.Year != nil {
		where, args = append(where, "f.year = ?"), append(args, *f.Year)
	}
	if f.Stage != nil {
		where, args = append(where, "f.stage = ?"), append(args, string(*f.Stage))
	}
	if f.SourceID != nil {
		where, args = append(where, "f.source_id = ?"), append(args, *f.SourceID)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	// The engine only reads: joining, ranking and sorting are done in Go,
	// which costs a fraction of the same work in the transpiled engine
	// (and far less under the race detector).
	var out []*orewatch.Figure
	sourceYear := map[string]int{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, year FROM sources`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var y int
			if err := rows.Scan(&id, &y); err != nil {
				rows.Close()
				return err
			}
			sourceYear[id] = y
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, `SELECT `+figureColumns+` FROM figures f `+cond, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		out = []*orewatch.Figure{}
		for rows.Next() {
			fig, err := scanFigure(rows, nil)
			if err != nil {
				return err
			}
			out = append(out, fig)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, wrap(err, "FindFigures")
	}
	if f.Latest {
		out = latestFigures(out, sourceYear)
	}
	slices.SortFunc(out, func(a, b *orewatch.Figure) int {
		return cmp.Or(
			strings.Compare(a.Material, b.Material),
			cmp.Compare(a.Year, b.Year),
			strings.Compare(string(a.Stage), string(b.Stage)),
			compareQuantityDesc(a.Quantity, b.Quantity),
			strings.Compare(a.Country, b.Country),
			strings.Compare(a.Detail, b.Detail),
			-cmp.Compare(sourceYear[a.SourceID], sourceYear[b.SourceID]),
			strings.Compare(a.SourceID, b.SourceID),
		)
	})
	return out, nil
}

// compareQuantityDesc orders known quantities largest first, then unknown.
func compareQuantityDesc(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return -cmp.Compare(*a, *b)
}

// latestFigures keeps the figures whose source is the newest (by year,
// then id) among the figures of the same identity.
func latestFigures(figs []*orewatch.Figure, sourceYear map[string]int) []*orewatch.Figure {
	best := make(map[figureKey]string, len(figs))
	for _, f := range figs {
		k := keyOf(f)
		b, ok := best[k]
		if !ok || cmp.Or(cmp.Compare(sourceYear[f.SourceID], sourceYear[b]), strings.Compare(f.SourceID, b)) > 0 {
			best[k] = f.SourceID
		}
	}
	out := figs[:0]
	for _, f := range figs {
		if best[keyOf(f)] == f.SourceID {
			out = append(out, f)
		}
	}
	return out
}

// FindImportReliance returns the import-reliance rows the filter selects,
// ordered by material, year, basis, commodity and source. With Latest, for
// each (material, year) only the rows of the newest source are kept.
func (db *DB) FindImportReliance(ctx context.Context, f orewatch.ImportRelianceFilter) ([]*orewatch.ImportReliance, error) {
	if !matchable(str(f.Material)) {
		return []*orewatch.ImportReliance{}, nil
	}
	var where []string
	var args []any
	if f.Material != nil {
		where, args = append(where, "r.material = ?"), append(args, *f.Material)
	}
	if f.Year != nil {
		where, args = append(where, "r.year = ?"), append(args, *f.Year)
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	q := `SELECT r.source_id, r.material, r.commodity, r.year, r.value, r.percent, r.basis, r.sources, r.period, r.product,
			s.year AS source_year,
			rank() OVER (PARTITION BY r.material, r.year ORDER BY s.year DESC, s.id DESC) AS rank
		FROM import_reliance r JOIN sources s ON s.id = r.source_id ` + cond
	latest := ""
	if f.Latest {
		latest = "WHERE rank = 1"
	}
	q = `SELECT ` + relianceColumns + ` FROM (` + q + `) ` + latest + `
		ORDER BY material, year, basis, commodity, source_year DESC, source_id`
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrap(err, "FindImportReliance")
	}
	defer rows.Close()
	out := []*orewatch.ImportReliance{}
	for rows.Next() {
		r, err := scanReliance(rows, nil)
		if err != nil {
			return nil, wrap(err, "FindImportReliance")
		}
		out = append(out, r)
	}
	return out, wrap(rows.Err(), "FindImportReliance")
}
