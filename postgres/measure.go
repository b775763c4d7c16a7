package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"orewatch"
)

const measureColumns = `id, version, jurisdiction, authority, instrument, title, type, announced, effective, ends,
	suspends, status_note, items, materials, unresolved, tariff_lines, destinations, end_use, de_minimis,
	source_url, recorded_at, superseded_at`

// PutMeasures records the measures as known at time at (stored in UTC at
// microsecond precision), in one transaction. A new id is added as version
// 1, recorded at at. A record that differs from the current version in any
// field but Version, RecordedAt and SupersededAt closes that version
// (SupersededAt = at) and adds the next one, recorded at at; at must then be
// later than the current version's RecordedAt. An identical record changes
// nothing. Nil and empty lists are the same.
func (db *DB) PutMeasures(ctx context.Context, ms []*orewatch.Measure, at time.Time) (res orewatch.MeasureImportResult, err error) {
	if err := orewatch.ValidateMeasures(ms, at); err != nil {
		return res, wrap(err, "PutMeasures(%d measures)", len(ms))
	}
	if len(ms) == 0 {
		return res, nil
	}
	at = at.UTC().Truncate(time.Microsecond)
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	err = db.write(ctx, func(tx pgx.Tx) error {
		// Lock the current versions so that two concurrent puts cannot both
		// revise the same one.
		rows, err := tx.Query(ctx, `SELECT `+measureColumns+` FROM measures
			WHERE superseded_at IS NULL AND id = ANY($1) FOR UPDATE`, ids)
		if err != nil {
			return err
		}
		current := map[string]*orewatch.Measure{}
		for rows.Next() {
			m, err := scanMeasure(rows)
			if err != nil {
				rows.Close()
				return err
			}
			current[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range ms {
			version := 1
			if cur := current[m.ID]; cur != nil {
				if orewatch.SameMeasure(cur, m) {
					res.Unchanged++
					continue
				}
				if !at.After(cur.RecordedAt) {
					return orewatch.Errorf(orewatch.EINVALID,
						"measure %s: the knowledge time %s is not after its current version's %s",
						m.ID, at.Format(time.RFC3339Nano), cur.RecordedAt.Format(time.RFC3339Nano))
				}
				if _, err := tx.Exec(ctx, `UPDATE measures SET superseded_at = $1 WHERE id = $2 AND version = $3`,
					at, m.ID, cur.Version); err != nil {
					return err
				}
				version = cur.Version + 1
				res.Revised++
			} else {
				res.Added++
			}
			if _, err := tx.Exec(ctx, `INSERT INTO measures (`+measureColumns+`) VALUES
				($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, NULL)`,
				m.ID, version, m.Jurisdiction, m.Authority, m.Instrument, m.Title, string(m.Type),
				m.Announced, m.Effective, m.Ends, nonNil(m.Suspends), m.StatusNote, nonNil(m.Items),
				nonNil(m.Materials), nonNil(m.Unresolved), nonNil(m.TariffLines), nonNil(m.Destinations),
				m.EndUse, m.DeMinimis, m.SourceURL, at); err != nil {
				return fmt.Errorf("insert measure %s version %d: %w", m.ID, version, err)
			}
		}
		return nil
	})
	return res, wrap(err, "PutMeasures(%d measures)", len(ms))
}

func scanMeasure(s pgx.Row) (*orewatch.Measure, error) {
	m := &orewatch.Measure{}
	var typ string
	var superseded time.Time
	if err := s.Scan(&m.ID, &m.Version, &m.Jurisdiction, &m.Authority, &m.Instrument, &m.Title, &typ,
		&m.Announced, &m.Effective, &m.Ends, &m.Suspends, &m.StatusNote, &m.Items, &m.Materials, &m.Unresolved,
		&m.TariffLines, &m.Destinations, &m.EndUse, &m.DeMinimis, &m.SourceURL,
		nullTime{&m.RecordedAt}, nullTime{&superseded}); err != nil {
		return nil, err
	}
	m.Type = orewatch.MeasureType(typ)
	if !superseded.IsZero() {
		m.SupersededAt = &superseded
	}
	for _, l := range []*[]string{&m.Suspends, &m.Items, &m.Materials, &m.Unresolved, &m.TariffLines, &m.Destinations} {
		*l = nonNil(*l)
	}
	return m, nil
}

// FindMeasures returns the measures the filter selects, ordered by id. Without
// AsKnown it returns the current versions; with it, for each id the version
// the registry held at that instant (RecordedAt <= t < SupersededAt, or no
// SupersededAt), so ids not yet recorded then are absent. Material matches an
// element of Materials exactly.
func (db *DB) FindMeasures(ctx context.Context, f orewatch.MeasureFilter) ([]*orewatch.Measure, error) {
	if !matchable(str(f.ID), str(f.Jurisdiction), str(f.Type), str(f.Material)) {
		return []*orewatch.Measure{}, nil
	}
	var where []string
	var a args
	if f.AsKnown != nil {
		t := a.add(f.AsKnown.UTC())
		where = append(where, "recorded_at <= "+t+" AND (superseded_at IS NULL OR superseded_at > "+t+")")
	} else {
		where = append(where, "superseded_at IS NULL")
	}
	if f.ID != nil {
		where = append(where, "id = "+a.add(*f.ID))
	}
	if f.Jurisdiction != nil {
		where = append(where, "jurisdiction = "+a.add(*f.Jurisdiction))
	}
	if f.Type != nil {
		where = append(where, "type = "+a.add(string(*f.Type)))
	}
	if f.Material != nil {
		where = append(where, "materials @> ARRAY["+a.add(*f.Material)+"::text]")
	}
	ms, err := db.queryMeasures(ctx, `SELECT `+measureColumns+` FROM measures WHERE `+
		strings.Join(where, " AND ")+` ORDER BY id COLLATE "C", version`, a...)
	return ms, wrap(err, "FindMeasures")
}

// MeasureHistory returns every version of the measure id, oldest first, or
// ENOTFOUND when there is none.
func (db *DB) MeasureHistory(ctx context.Context, id string) ([]*orewatch.Measure, error) {
	if !matchable(id) {
		return nil, wrap(orewatch.Errorf(orewatch.ENOTFOUND, "measure %q not found", id), "MeasureHistory(%q)", id)
	}
	ms, err := db.queryMeasures(ctx, `SELECT `+measureColumns+` FROM measures WHERE id = $1 ORDER BY version`, id)
	if err == nil && len(ms) == 0 {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "measure %q not found", id)
	}
	return ms, wrap(err, "MeasureHistory(%s)", id)
}

func (db *DB) queryMeasures(ctx context.Context, q string, args ...any) ([]*orewatch.Measure, error) {
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*orewatch.Measure{}
	for rows.Next() {
		m, err := scanMeasure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
