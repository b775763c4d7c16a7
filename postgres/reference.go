package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

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

var figureColumnList = []string{"source_id", "material", "commodity", "country", "country_name", "year", "stage",
	"detail", "quantity", "unit", "basis", "estimated", "withheld", "revised", "lower_bound", "note"}

var figureColumns = strings.Join(figureColumnList, ", ")

// ImportRelease stores a release in one transaction: all or nothing. The
// source is inserted or updated. A figure's identity is (source, material,
// country, year, stage, detail): a figure not yet stored is Added, one whose
// values differ is Updated, an identical one is Unchanged; import-reliance
// rows count the same way, identified by (source, material, commodity, year,
// basis). Figures of the source that the release does not mention are kept.
// Importing the same release again changes nothing. An invalid release
// (see orewatch.ValidateRelease) imports nothing and fails with EINVALID.
// New figures are written with COPY.
func (db *DB) ImportRelease(ctx context.Context, r *orewatch.Release) (res orewatch.ImportResult, err error) {
	if err := orewatch.ValidateRelease(r); err != nil {
		return res, wrap(err, "ImportRelease")
	}
	src := r.Source
	err = db.write(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO sources (id, title, publisher, year, doi, url, licence, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
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

func importFigures(ctx context.Context, tx pgx.Tx, sourceID string, figs []*orewatch.Figure, res *orewatch.ImportResult) error {
	type stored struct {
		id int64
		f  *orewatch.Figure
	}
	existing := map[figureKey]stored{}
	rows, err := tx.Query(ctx, `SELECT id, `+figureColumns+` FROM figures WHERE source_id = $1`, sourceID)
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
		existing[keyOf(f)] = stored{id, f}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	var add [][]any
	batch := &pgx.Batch{}
	seen := make(map[figureKey]bool, len(figs))
	for _, f := range figs {
		k := keyOf(f)
		if seen[k] {
			// A repeat of an identical figure in the same release
			// (ValidateRelease refuses differing ones).
			res.Unchanged++
			continue
		}
		seen[k] = true
		old, ok := existing[k]
		switch {
		case !ok:
			add = append(add, []any{sourceID, f.Material, f.Commodity, f.Country, f.CountryName, f.Year,
				string(f.Stage), f.Detail, f.Quantity, f.Unit, f.Basis, f.Estimated, f.Withheld, f.Revised,
				f.LowerBound, f.Note})
			res.Added++
		case orewatch.SameFigure(old.f, f):
			res.Unchanged++
		default:
			batch.Queue(`UPDATE figures SET commodity = $1, country_name = $2, quantity = $3, unit = $4, basis = $5,
				estimated = $6, withheld = $7, revised = $8, lower_bound = $9, note = $10 WHERE id = $11`,
				f.Commodity, f.CountryName, f.Quantity, f.Unit, f.Basis, f.Estimated, f.Withheld, f.Revised,
				f.LowerBound, f.Note, old.id)
			res.Updated++
		}
	}
	if len(add) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"figures"}, figureColumnList, pgx.CopyFromRows(add)); err != nil {
			return fmt.Errorf("copy figures: %w", err)
		}
	}
	if batch.Len() > 0 {
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("update figures: %w", err)
		}
	}
	return nil
}

// scanFigure scans an id (when id is not nil) and figureColumns.
func scanFigure(s pgx.Row, id *int64) (*orewatch.Figure, error) {
	f := &orewatch.Figure{}
	var stage string
	dest := []any{&f.SourceID, &f.Material, &f.Commodity, &f.Country, &f.CountryName, &f.Year, &stage, &f.Detail,
		&f.Quantity, &f.Unit, &f.Basis, &f.Estimated, &f.Withheld, &f.Revised, &f.LowerBound, &f.Note}
	if id != nil {
		dest = append([]any{id}, dest...)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	f.Stage = orewatch.Stage(stage)
	return f, nil
}

const relianceColumns = `source_id, material, commodity, year, value, percent, basis, sources, period, product`

func importReliance(ctx context.Context, tx pgx.Tx, sourceID string, rs []*orewatch.ImportReliance, res *orewatch.ImportResult) error {
	if len(rs) == 0 {
		return nil
	}
	type stored struct {
		id int64
		r  *orewatch.ImportReliance
	}
	existing := map[relianceKey]stored{}
	rows, err := tx.Query(ctx, `SELECT id, `+relianceColumns+` FROM import_reliance WHERE source_id = $1`, sourceID)
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
			if _, err := tx.Exec(ctx, `DELETE FROM import_reliance WHERE id = $1`, old.id); err != nil {
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
		if _, err := tx.Exec(ctx, `INSERT INTO import_reliance (`+relianceColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			sourceID, r.Material, r.Commodity, r.Year, r.Value, r.Percent, r.Basis, string(shares), r.Period, r.Product); err != nil {
			return fmt.Errorf("insert import reliance %s/%d: %w", r.Material, r.Year, err)
		}
	}
	return nil
}

func scanReliance(s pgx.Row, id *int64) (*orewatch.ImportReliance, error) {
	r := &orewatch.ImportReliance{}
	var shares []byte
	dest := []any{&r.SourceID, &r.Material, &r.Commodity, &r.Year, &r.Value, &r.Percent, &r.Basis, &shares, &r.Period, &r.Product}
	if id != nil {
		dest = append([]any{id}, dest...)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(shares, &r.Sources); err != nil {
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
	rows, err := db.pool.Query(ctx, `SELECT id, title, publisher, year, doi, url, licence, note
		FROM sources ORDER BY year, id COLLATE "C"`)
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

// args collects query parameters and hands out their placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// FindFigures returns the figures the filter selects, ordered by material,
// year, stage, quantity (largest first, unknown last), country, then detail
// and source; text orders bytewise. With Latest, for each (material,
// country, year, stage, detail) only the figure from the newest source is
// kept, sources ordered by Source.Year and then id; the other filters apply
// before that choice.
func (db *DB) FindFigures(ctx context.Context, f orewatch.FigureFilter) ([]*orewatch.Figure, error) {
	if !matchable(str(f.Material), str(f.Country), str(f.Stage), str(f.SourceID)) {
		return []*orewatch.Figure{}, nil
	}
	var where []string
	var a args
	if f.Material != nil {
		where = append(where, "f.material = "+a.add(*f.Material))
	}
	if f.Country != nil {
		where = append(where, "f.country = "+a.add(*f.Country))
	}
	if f.Year != nil {
		where = append(where, "f.year = "+a.add(*f.Year))
	}
	if f.Stage != nil {
		where = append(where, "f.stage = "+a.add(string(*f.Stage)))
	}
	if f.SourceID != nil {
		where = append(where, "f.source_id = "+a.add(*f.SourceID))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	q := `SELECT f.source_id, f.material, f.commodity, f.country, f.country_name, f.year, f.stage, f.detail,
			f.quantity, f.unit, f.basis, f.estimated, f.withheld, f.revised, f.lower_bound, f.note,
			s.year AS source_year,
			row_number() OVER (PARTITION BY f.material, f.country, f.year, f.stage, f.detail
				ORDER BY s.year DESC, s.id COLLATE "C" DESC) AS rank
		FROM figures f JOIN sources s ON s.id = f.source_id ` + cond
	latest := ""
	if f.Latest {
		latest = "WHERE rank = 1"
	}
	q = `SELECT ` + figureColumns + ` FROM (` + q + `) x ` + latest + `
		ORDER BY material COLLATE "C", year, stage COLLATE "C", quantity DESC NULLS LAST, country COLLATE "C",
			detail COLLATE "C", source_year DESC, source_id COLLATE "C"`
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, wrap(err, "FindFigures")
	}
	defer rows.Close()
	out := []*orewatch.Figure{}
	for rows.Next() {
		fig, err := scanFigure(rows, nil)
		if err != nil {
			return nil, wrap(err, "FindFigures")
		}
		out = append(out, fig)
	}
	return out, wrap(rows.Err(), "FindFigures")
}

// FindImportReliance returns the import-reliance rows the filter selects,
// ordered by material, year, basis, commodity and source. With Latest, for
// each (material, year) only the rows of the newest source are kept.
func (db *DB) FindImportReliance(ctx context.Context, f orewatch.ImportRelianceFilter) ([]*orewatch.ImportReliance, error) {
	if !matchable(str(f.Material)) {
		return []*orewatch.ImportReliance{}, nil
	}
	var where []string
	var a args
	if f.Material != nil {
		where = append(where, "r.material = "+a.add(*f.Material))
	}
	if f.Year != nil {
		where = append(where, "r.year = "+a.add(*f.Year))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	q := `SELECT r.source_id, r.material, r.commodity, r.year, r.value, r.percent, r.basis, r.sources, r.period, r.product,
			s.year AS source_year,
			rank() OVER (PARTITION BY r.material, r.year ORDER BY s.year DESC, s.id COLLATE "C" DESC) AS rank
		FROM import_reliance r JOIN sources s ON s.id = r.source_id ` + cond
	latest := ""
	if f.Latest {
		latest = "WHERE rank = 1"
	}
	q = `SELECT ` + relianceColumns + ` FROM (` + q + `) x ` + latest + `
		ORDER BY material COLLATE "C", year, basis COLLATE "C", commodity COLLATE "C", source_year DESC, source_id COLLATE "C"`
	rows, err := db.pool.Query(ctx, q, a...)
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
