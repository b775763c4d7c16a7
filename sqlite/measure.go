package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

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
	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return res, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		current := map[string]*orewatch.Measure{}
		rows, err := tx.QueryContext(ctx, `SELECT `+measureColumns+` FROM measures
			WHERE superseded_at IS NULL AND id IN (SELECT value FROM json_each(?))`, string(idsJSON))
		if err != nil {
			return err
		}
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
		ins, err := tx.PrepareContext(ctx, `INSERT INTO measures (`+measureColumns+`) VALUES (`+placeholders(22)+`)`)
		if err != nil {
			return err
		}
		defer ins.Close()
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
				if _, err := tx.ExecContext(ctx, `UPDATE measures SET superseded_at = ? WHERE id = ? AND version = ?`,
					timeValue(at), m.ID, cur.Version); err != nil {
					return err
				}
				version = cur.Version + 1
				res.Revised++
			} else {
				res.Added++
			}
			args, err := measureArgs(m, version, at)
			if err != nil {
				return err
			}
			if _, err := ins.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("insert measure %s version %d: %w", m.ID, version, err)
			}
		}
		return nil
	})
	return res, wrap(err, "PutMeasures(%d measures)", len(ms))
}

func measureArgs(m *orewatch.Measure, version int, at time.Time) ([]any, error) {
	lists := [][]string{m.Suspends, m.Items, m.Materials, m.Unresolved, m.TariffLines, m.Destinations}
	enc := make([]string, len(lists))
	for i, l := range lists {
		b, err := json.Marshal(nonNil(l))
		if err != nil {
			return nil, err
		}
		enc[i] = string(b)
	}
	return []any{m.ID, version, m.Jurisdiction, m.Authority, m.Instrument, m.Title, string(m.Type),
		m.Announced, m.Effective, m.Ends, enc[0], m.StatusNote, enc[1], enc[2], enc[3], enc[4], enc[5],
		m.EndUse, m.DeMinimis, m.SourceURL, timeValue(at), nil}, nil
}

func scanMeasure(s scanner) (*orewatch.Measure, error) {
	m := &orewatch.Measure{}
	var typ string
	var lists [6]string
	var superseded time.Time
	if err := s.Scan(&m.ID, &m.Version, &m.Jurisdiction, &m.Authority, &m.Instrument, &m.Title, &typ,
		&m.Announced, &m.Effective, &m.Ends, &lists[0], &m.StatusNote, &lists[1], &lists[2], &lists[3],
		&lists[4], &lists[5], &m.EndUse, &m.DeMinimis, &m.SourceURL,
		nullTime{&m.RecordedAt}, nullTime{&superseded}); err != nil {
		return nil, err
	}
	m.Type = orewatch.MeasureType(typ)
	if !superseded.IsZero() {
		m.SupersededAt = &superseded
	}
	dst := []*[]string{&m.Suspends, &m.Items, &m.Materials, &m.Unresolved, &m.TariffLines, &m.Destinations}
	for i, l := range lists {
		if err := json.Unmarshal([]byte(l), dst[i]); err != nil {
			return nil, fmt.Errorf("measure %s version %d: stored list: %w", m.ID, m.Version, err)
		}
		*dst[i] = nonNil(*dst[i])
	}
	return m, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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
	var args []any
	if f.AsKnown != nil {
		t := timeValue(f.AsKnown.UTC())
		where, args = append(where, "recorded_at <= ? AND (superseded_at IS NULL OR superseded_at > ?)"), append(args, t, t)
	} else {
		where = append(where, "superseded_at IS NULL")
	}
	if f.ID != nil {
		where, args = append(where, "id = ?"), append(args, *f.ID)
	}
	if f.Jurisdiction != nil {
		where, args = append(where, "jurisdiction = ?"), append(args, *f.Jurisdiction)
	}
	if f.Type != nil {
		where, args = append(where, "type = ?"), append(args, string(*f.Type))
	}
	if f.Material != nil {
		where, args = append(where, "EXISTS (SELECT 1 FROM json_each(measures.materials) WHERE value = ?)"), append(args, *f.Material)
	}
	ms, err := db.queryMeasures(ctx, `SELECT `+measureColumns+` FROM measures WHERE `+
		strings.Join(where, " AND ")+` ORDER BY id, version`, args...)
	return ms, wrap(err, "FindMeasures")
}

// MeasureHistory returns every version of the measure id, oldest first, or
// ENOTFOUND when there is none.
func (db *DB) MeasureHistory(ctx context.Context, id string) ([]*orewatch.Measure, error) {
	if !matchable(id) {
		return nil, wrap(orewatch.Errorf(orewatch.ENOTFOUND, "measure %q not found", id), "MeasureHistory(%q)", id)
	}
	ms, err := db.queryMeasures(ctx, `SELECT `+measureColumns+` FROM measures WHERE id = ? ORDER BY version`, id)
	if err == nil && len(ms) == 0 {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "measure %q not found", id)
	}
	return ms, wrap(err, "MeasureHistory(%s)", id)
}

func (db *DB) queryMeasures(ctx context.Context, q string, args ...any) ([]*orewatch.Measure, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
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
