package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

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
	err := db.pool.QueryRow(ctx, `INSERT INTO feeds (url, title, etag, last_modified, last_checked_at,
			next_check_at, error_count, last_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		RETURNING id`,
		f.URL, f.Title, f.ETag, f.LastModified, timeArg(f.LastCheckedAt), timeArg(f.NextCheckAt),
		f.ErrorCount, f.LastError, created).Scan(&id)
	if isUnique(err) {
		err = orewatch.Errorf(orewatch.ECONFLICT, "a feed with URL %s already exists", f.URL)
	}
	if err != nil {
		return wrap(err, "CreateFeed(%s)", f.URL)
	}
	f.ID, f.CreatedAt = id, created
	return nil
}

// FindFeedByID returns the feed, or ENOTFOUND.
func (db *DB) FindFeedByID(ctx context.Context, id int64) (*orewatch.Feed, error) {
	f, err := scanFeed(db.pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "feed %d not found", id)
	}
	if err != nil {
		return nil, wrap(err, "FindFeedByID(%d)", id)
	}
	return f, nil
}

// FindFeeds returns every feed in id order.
func (db *DB) FindFeeds(ctx context.Context) ([]*orewatch.Feed, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
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

func scanFeed(s pgx.Row) (*orewatch.Feed, error) {
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
	tag, err := db.pool.Exec(ctx, `UPDATE feeds SET title = $1, etag = $2, last_modified = $3,
			last_checked_at = $4, next_check_at = $5, error_count = $6, last_error = $7 WHERE id = $8`,
		f.Title, f.ETag, f.LastModified, timeArg(f.LastCheckedAt), timeArg(f.NextCheckAt), f.ErrorCount,
		f.LastError, f.ID)
	if err == nil && tag.RowsAffected() == 0 {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "feed %d not found", f.ID)
	}
	return wrap(err, "UpdateFeed(%d)", f.ID)
}

// DeleteFeed deletes the feed; its articles stay, without a feed. A missing
// feed is ENOTFOUND.
func (db *DB) DeleteFeed(ctx context.Context, id int64) error {
	tag, err := db.pool.Exec(ctx, `DELETE FROM feeds WHERE id = $1`, id)
	if err == nil && tag.RowsAffected() == 0 {
		err = orewatch.Errorf(orewatch.ENOTFOUND, "feed %d not found", id)
	}
	return wrap(err, "DeleteFeed(%d)", id)
}
