package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"orewatch"
)

const feedColumns = `id, url, title, etag, last_modified, last_checked_at, next_check_at, error_count, last_error, created_at`

// CreateFeed stores a new feed and sets its ID and CreatedAt (the current
// time, UTC). A feed with the same URL is ECONFLICT.
func (db *DB) CreateFeed(ctx context.Context, f *orewatch.Feed) error {
	if err := orewatch.ValidateFeed(f); err != nil {
		return wrap(err, "CreateFeed")
	}
	created := db.now()
	var id int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM feeds WHERE url = ?)`, f.URL).Scan(&exists); err != nil {
			return err
		} else if exists {
			return orewatch.Errorf(orewatch.ECONFLICT, "a feed with URL %s already exists", f.URL)
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO feeds (url, title, etag, last_modified, last_checked_at,
				next_check_at, error_count, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.URL, f.Title, f.ETag, f.LastModified, timeValue(f.LastCheckedAt), timeValue(f.NextCheckAt),
			f.ErrorCount, f.LastError, timeValue(created))
		if err != nil {
			return err
		}
		id, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return wrap(err, "CreateFeed(%s)", f.URL)
	}
	f.ID, f.CreatedAt = id, created
	return nil
}

// FindFeedByID returns the feed, or ENOTFOUND.
func (db *DB) FindFeedByID(ctx context.Context, id int64) (*orewatch.Feed, error) {
	f, err := scanFeed(db.r.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "feed %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "FindFeedByID(%d)", id)
	}
	return f, nil
}

// FindFeeds returns every feed in id order.
func (db *DB) FindFeeds(ctx context.Context) ([]*orewatch.Feed, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, wrap(err, "FindFeeds")
	}
	defer rows.Close()
	out := []*orewatch.Feed{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, wrap(err, "FindFeeds")
		}
		out = append(out, f)
	}
	return out, wrap(rows.Err(), "FindFeeds")
}

func scanFeed(s scanner) (*orewatch.Feed, error) {
	f := &orewatch.Feed{}
	err := s.Scan(&f.ID, &f.URL, &f.Title, &f.ETag, &f.LastModified, nullTime{&f.LastCheckedAt},
		nullTime{&f.NextCheckAt}, &f.ErrorCount, &f.LastError, nullTime{&f.CreatedAt})
	return f, err
}

// UpdateFeed stores the feed's title and polling state (ETag, LastModified,
// LastCheckedAt, NextCheckAt, ErrorCount, LastError); its URL and CreatedAt
// do not change. A missing feed is ENOTFOUND.
func (db *DB) UpdateFeed(ctx context.Context, f *orewatch.Feed) error {
	if err := orewatch.ValidateFeed(f); err != nil {
		return wrap(err, "UpdateFeed")
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_checked_at = ?,
				next_check_at = ?, error_count = ?, last_error = ? WHERE id = ?`,
			f.Title, f.ETag, f.LastModified, timeValue(f.LastCheckedAt), timeValue(f.NextCheckAt),
			f.ErrorCount, f.LastError, f.ID)
		if err != nil {
			return err
		}
		return mustAffect(r, "feed %d not found", f.ID)
	})
	return wrap(err, "UpdateFeed(%d)", f.ID)
}

// DeleteFeed deletes the feed; its articles stay, without a feed. A missing
// feed is ENOTFOUND.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustAffect(r, "feed %d not found", id)
	})
	return wrap(err, "DeleteFeed(%d)", id)
}

// mustAffect returns ENOTFOUND when the statement changed no row.
func mustAffect(r sql.Result, format string, args ...any) error {
	n, err := r.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return orewatch.Errorf(orewatch.ENOTFOUND, format, args...)
	}
	return nil
}
