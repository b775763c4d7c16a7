package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"orewatch"
)

// Snippet markers around the matched terms in SearchHit.Snippet, the same
// in both stores.
const (
	snippetOpen     = "«"
	snippetClose    = "»"
	snippetEllipsis = "…"
)

// Default limits when a filter leaves Limit at 0.
const (
	defaultEventLimit   = 100
	defaultArticleLimit = 100
	defaultSearchLimit  = 20
)

const articleColumns = `id, url, canonical_url, feed_id, title, published, language, body, content_hash,
	simhash, cluster_id, fetched_at`

// SaveArticle stores the article with its entity lists, events, claims and
// date checks in one transaction. An article whose ContentHash, or
// CanonicalURL when not empty, is stored already is not stored again: the
// result has Created false and the existing ID, which is also set on a;
// nothing else changes. Otherwise it sets a.ID, the IDs and ArticleID of
// its events and claims, FetchedAt to the current time when it is zero, and
// ClusterID to the article's own ID when it is zero (a new cluster).
// Times are kept in UTC at microsecond precision.
func (db *DB) SaveArticle(ctx context.Context, a *orewatch.Article) (res orewatch.SaveResult, err error) {
	if err := orewatch.ValidateArticle(a); err != nil {
		return res, wrap(err, "SaveArticle")
	}
	fetched := a.FetchedAt.UTC().Truncate(time.Microsecond)
	if a.FetchedAt.IsZero() {
		fetched = db.now()
	}
	var eventIDs, claimIDs []int64
	cluster := a.ClusterID
	err = db.write(ctx, func(tx *sql.Tx) error {
		id, err := existingArticle(ctx, tx, a.ContentHash, a.CanonicalURL)
		if err != nil || id != 0 {
			res.ID = id
			return err
		}
		var feedID any
		if a.FeedID != 0 {
			feedID = a.FeedID
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO articles (url, canonical_url, feed_id, title, published,
				language, body, content_hash, simhash, cluster_id, fetched_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.URL, nullString(a.CanonicalURL), feedID, a.Title, a.Published, a.Language, a.Body,
			nullString(a.ContentHash), int64(a.SimHash), a.ClusterID, timeValue(fetched))
		if err != nil {
			return err
		}
		if id, err = r.LastInsertId(); err != nil {
			return err
		}
		res = orewatch.SaveResult{ID: id, Created: true}
		if cluster == 0 {
			cluster = id
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET cluster_id = ? WHERE id = ?`, id, id); err != nil {
				return err
			}
		}
		if err := insertEntities(ctx, tx, id, a); err != nil {
			return err
		}
		if eventIDs, err = insertEvents(ctx, tx, id, a.Events); err != nil {
			return err
		}
		if claimIDs, err = insertClaims(ctx, tx, id, a.Claims); err != nil {
			return err
		}
		return insertDateChecks(ctx, tx, id, a.DateChecks)
	})
	if err != nil {
		return orewatch.SaveResult{}, wrap(err, "SaveArticle(%s)", a.URL)
	}
	a.ID = res.ID
	if res.Created {
		a.FetchedAt = fetched
		a.ClusterID = cluster
		for i, e := range a.Events {
			e.ID, e.ArticleID = eventIDs[i], res.ID
		}
		for i, c := range a.Claims {
			c.ID, c.ArticleID = claimIDs[i], res.ID
		}
	}
	return res, nil
}

// existingArticle returns the id of the article stored with the content hash
// or canonical URL, or 0.
func existingArticle(ctx context.Context, tx *sql.Tx, hash, canonical string) (int64, error) {
	if hash == "" && canonical == "" {
		return 0, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE content_hash = ? OR canonical_url = ?
		ORDER BY id LIMIT 1`, nullString(hash), nullString(canonical)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func insertEntities(ctx context.Context, tx *sql.Tx, id int64, a *orewatch.Article) error {
	lists := []struct {
		kind   string
		values []string
	}{{"country", a.Countries}, {"organization", a.Organizations}, {"material", a.Materials}}
	var stmt *sql.Stmt
	for _, l := range lists {
		for i, v := range l.values {
			if stmt == nil {
				var err error
				stmt, err = tx.PrepareContext(ctx, `INSERT INTO article_entities (article_id, kind, position, value) VALUES (?, ?, ?, ?)`)
				if err != nil {
					return err
				}
				defer stmt.Close()
			}
			if _, err := stmt.ExecContext(ctx, id, l.kind, i, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func insertEvents(ctx context.Context, tx *sql.Tx, articleID int64, events []*orewatch.Event) ([]int64, error) {
	if len(events) == 0 {
		return nil, nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO events (article_id, type, actor, counterparty, materials,
		announced, effective, evidence, confidence, is_primary, measure) VALUES (`+placeholders(11)+`)`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	ids := make([]int64, len(events))
	for i, e := range events {
		mats, err := json.Marshal(nonNil(e.Materials))
		if err != nil {
			return nil, err
		}
		r, err := stmt.ExecContext(ctx, articleID, string(e.Type), e.Actor, e.Counterparty, string(mats),
			e.Announced, e.Effective, e.Evidence, e.Confidence, e.Primary, e.Measure)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
		if ids[i], err = r.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func insertClaims(ctx context.Context, tx *sql.Tx, articleID int64, claims []*orewatch.Claim) ([]int64, error) {
	if len(claims) == 0 {
		return nil, nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO claims (article_id, text, subject, material, stage,
		comparator, value, unit, verdict, ref_value, ref_year, ref_source, note) VALUES (`+placeholders(13)+`)`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	ids := make([]int64, len(claims))
	for i, c := range claims {
		var refValue, refYear, refSource any
		if c.Reference != nil {
			refValue, refYear, refSource = c.Reference.Value, c.Reference.Year, c.Reference.Source
		}
		r, err := stmt.ExecContext(ctx, articleID, c.Text, c.Subject, c.Material, string(c.Stage), c.Comparator,
			c.Value, c.Unit, c.Verdict, refValue, refYear, refSource, c.Note)
		if err != nil {
			return nil, fmt.Errorf("claim %d: %w", i, err)
		}
		if ids[i], err = r.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

func insertDateChecks(ctx context.Context, tx *sql.Tx, articleID int64, checks []*orewatch.DateCheck) error {
	for i, d := range checks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO date_checks (article_id, position, measure, field,
			stated, recorded, verdict, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			articleID, i, d.Measure, d.Field, d.Stated, d.Recorded, d.Verdict, d.Note); err != nil {
			return fmt.Errorf("date check %d: %w", i, err)
		}
	}
	return nil
}

// FindArticleByID returns the article with its entity lists, events, claims
// and date checks, or ENOTFOUND.
func (db *DB) FindArticleByID(ctx context.Context, id int64) (*orewatch.Article, error) {
	var a *orewatch.Article
	err := db.read(ctx, func(tx *sql.Tx) error {
		as, err := queryArticles(ctx, tx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return orewatch.Errorf(orewatch.ENOTFOUND, "article %d not found", id)
		}
		a = as[0]
		return loadDetails(ctx, tx, as)
	})
	if err != nil {
		return nil, wrap(err, "FindArticleByID(%d)", id)
	}
	return a, nil
}

// FindArticles returns the articles fetched at or after f.Since, newest
// first, at most f.Limit (0: 100), each with everything FindArticleByID
// returns.
func (db *DB) FindArticles(ctx context.Context, f orewatch.ArticleFilter) ([]*orewatch.Article, error) {
	limit, err := limitOf(f.Limit, defaultArticleLimit)
	if err != nil {
		return nil, wrap(err, "FindArticles")
	}
	var since string
	if f.Since != nil {
		since = timeBound(*f.Since)
	}
	var out []*orewatch.Article
	err = db.read(ctx, func(tx *sql.Tx) error {
		out, err = queryArticles(ctx, tx, `SELECT `+articleColumns+` FROM articles
			WHERE fetched_at >= ? ORDER BY fetched_at DESC, id DESC LIMIT ?`, since, limit)
		if err != nil {
			return err
		}
		return loadDetails(ctx, tx, out)
	})
	return out, wrap(err, "FindArticles")
}

func limitOf(limit, def int) (int, error) {
	switch {
	case limit < 0:
		return 0, orewatch.Errorf(orewatch.EINVALID, "limit %d is negative", limit)
	case limit == 0:
		return def, nil
	}
	return limit, nil
}

func queryArticles(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]*orewatch.Article, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*orewatch.Article{}
	for rows.Next() {
		a := &orewatch.Article{}
		var canonical, hash sql.NullString
		var feedID sql.NullInt64
		var simhash int64
		if err := rows.Scan(&a.ID, &a.URL, &canonical, &feedID, &a.Title, &a.Published, &a.Language, &a.Body,
			&hash, &simhash, &a.ClusterID, nullTime{&a.FetchedAt}); err != nil {
			return nil, err
		}
		a.CanonicalURL, a.ContentHash, a.FeedID = canonical.String, hash.String, feedID.Int64
		a.SimHash = uint64(simhash)
		a.Countries, a.Organizations, a.Materials = []string{}, []string{}, []string{}
		a.Events, a.Claims, a.DateChecks = []*orewatch.Event{}, []*orewatch.Claim{}, []*orewatch.DateCheck{}
		out = append(out, a)
	}
	return out, rows.Err()
}

// loadDetails fills in the entity lists, events, claims and date checks of
// the articles.
func loadDetails(ctx context.Context, tx *sql.Tx, as []*orewatch.Article) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[int64]*orewatch.Article, len(as))
	ids := make([]int64, len(as))
	for i, a := range as {
		byID[a.ID], ids[i] = a, a.ID
	}
	idList, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	in := ` IN (SELECT value FROM json_each(?))`

	rows, err := tx.QueryContext(ctx, `SELECT article_id, kind, value FROM article_entities
		WHERE article_id`+in+` ORDER BY article_id, kind, position`, string(idList))
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var kind, v string
		if err := rows.Scan(&id, &kind, &v); err != nil {
			rows.Close()
			return err
		}
		a := byID[id]
		switch kind {
		case "country":
			a.Countries = append(a.Countries, v)
		case "organization":
			a.Organizations = append(a.Organizations, v)
		case "material":
			a.Materials = append(a.Materials, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	events, err := queryEvents(ctx, tx, `SELECT `+eventColumns+` FROM events e WHERE e.article_id`+in+` ORDER BY e.id`, string(idList))
	if err != nil {
		return err
	}
	for _, e := range events {
		a := byID[e.ArticleID]
		a.Events = append(a.Events, e)
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, article_id, text, subject, material, stage, comparator, value,
		unit, verdict, ref_value, ref_year, ref_source, note FROM claims WHERE article_id`+in+` ORDER BY id`, string(idList))
	if err != nil {
		return err
	}
	for rows.Next() {
		c := &orewatch.Claim{}
		var stage string
		var refValue sql.NullFloat64
		var refYear sql.NullInt64
		var refSource sql.NullString
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.Text, &c.Subject, &c.Material, &stage, &c.Comparator, &c.Value,
			&c.Unit, &c.Verdict, &refValue, &refYear, &refSource, &c.Note); err != nil {
			rows.Close()
			return err
		}
		c.Stage = orewatch.Stage(stage)
		if refValue.Valid {
			c.Reference = &orewatch.ClaimReference{Value: refValue.Float64, Year: int(refYear.Int64), Source: refSource.String}
		}
		a := byID[c.ArticleID]
		a.Claims = append(a.Claims, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT article_id, measure, field, stated, recorded, verdict, note
		FROM date_checks WHERE article_id`+in+` ORDER BY article_id, position`, string(idList))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		d := &orewatch.DateCheck{}
		var id int64
		if err := rows.Scan(&id, &d.Measure, &d.Field, &d.Stated, &d.Recorded, &d.Verdict, &d.Note); err != nil {
			return err
		}
		a := byID[id]
		a.DateChecks = append(a.DateChecks, d)
	}
	return rows.Err()
}

const eventColumns = `e.id, e.article_id, e.type, e.actor, e.counterparty, e.materials, e.announced, e.effective,
	e.evidence, e.confidence, e.is_primary, e.measure`

func queryEvents(ctx context.Context, q querier, query string, args ...any) ([]*orewatch.Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*orewatch.Event{}
	for rows.Next() {
		e := &orewatch.Event{}
		var typ, mats string
		if err := rows.Scan(&e.ID, &e.ArticleID, &typ, &e.Actor, &e.Counterparty, &mats, &e.Announced,
			&e.Effective, &e.Evidence, &e.Confidence, &e.Primary, &e.Measure); err != nil {
			return nil, err
		}
		e.Type = orewatch.EventType(typ)
		if err := json.Unmarshal([]byte(mats), &e.Materials); err != nil {
			return nil, fmt.Errorf("event %d: stored materials: %w", e.ID, err)
		}
		e.Materials = nonNil(e.Materials)
		out = append(out, e)
	}
	return out, rows.Err()
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// FindFingerprints returns the SimHash and cluster of every article fetched
// at or after since, in id order.
func (db *DB) FindFingerprints(ctx context.Context, since time.Time) ([]orewatch.Fingerprint, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT id, simhash, cluster_id FROM articles
		WHERE fetched_at >= ? ORDER BY id`, timeBound(since))
	if err != nil {
		return nil, wrap(err, "FindFingerprints(%s)", since.Format(time.RFC3339))
	}
	defer rows.Close()
	out := []orewatch.Fingerprint{}
	for rows.Next() {
		var fp orewatch.Fingerprint
		var sh int64
		if err := rows.Scan(&fp.ArticleID, &sh, &fp.ClusterID); err != nil {
			return nil, wrap(err, "FindFingerprints(%s)", since.Format(time.RFC3339))
		}
		fp.SimHash = uint64(sh)
		out = append(out, fp)
	}
	return out, wrap(rows.Err(), "FindFingerprints(%s)", since.Format(time.RFC3339))
}

// FindEvents returns the events the filter selects, newest first. An event's
// date is its announced date, or its article's publication date when it has
// none; Since and Until are inclusive and compare as orewatch.Date.Compare
// does (a month-only date is before every day of its month), and events
// without any date are left out when either is set and listed last
// otherwise. Material matches an element of the event's materials exactly;
// Country matches the actor or the counterparty. At most Limit events (0:
// 100) are returned.
func (db *DB) FindEvents(ctx context.Context, f orewatch.EventFilter) ([]*orewatch.Event, error) {
	limit, err := limitOf(f.Limit, defaultEventLimit)
	if err != nil {
		return nil, wrap(err, "FindEvents")
	}
	if !matchable(str(f.Material), str(f.Country), str(f.Type)) {
		return []*orewatch.Event{}, nil
	}
	var where []string
	var args []any
	const date = "coalesce(e.announced, a.published)"
	if f.Since != nil && !f.Since.IsZero() {
		where, args = append(where, date+" >= ?"), append(args, f.Since.String())
	}
	if f.Until != nil && !f.Until.IsZero() {
		where, args = append(where, date+" <= ?"), append(args, f.Until.String())
	}
	if f.Material != nil {
		where, args = append(where, "EXISTS (SELECT 1 FROM json_each(e.materials) WHERE value = ?)"), append(args, *f.Material)
	}
	if f.Country != nil {
		where, args = append(where, "(e.actor = ? OR e.counterparty = ?)"), append(args, *f.Country, *f.Country)
	}
	if f.Type != nil {
		where, args = append(where, "e.type = ?"), append(args, string(*f.Type))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	events, err := queryEvents(ctx, db.r, `SELECT `+eventColumns+` FROM events e JOIN articles a ON a.id = e.article_id
		`+cond+` ORDER BY `+date+` DESC NULLS LAST, e.id DESC LIMIT ?`, append(args, limit)...)
	return events, wrap(err, "FindEvents")
}

// SearchArticles runs a full-text search over article titles and bodies and
// returns at most limit hits (0: 20), best first. The query follows web
// search conventions (see orewatch.ParseSearchQuery); any punctuation in it
// is safe. An empty query is EINVALID; one with no searchable word finds
// nothing. Rank is higher for better matches; the snippet marks matched
// words with « and ».
func (db *DB) SearchArticles(ctx context.Context, query string, limit int) ([]*orewatch.SearchHit, error) {
	sq, err := orewatch.ParseSearchQuery(query)
	if err == nil {
		limit, err = limitOf(limit, defaultSearchLimit)
	}
	if err != nil {
		return nil, wrap(err, "SearchArticles(%q)", query)
	}
	out := []*orewatch.SearchHit{}
	if sq.Empty() {
		return out, nil
	}
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.title, a.url, a.published,
			snippet(articles_fts, -1, ?, ?, ?, 24), bm25(articles_fts, 4.0, 1.0) AS score
		FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
		WHERE articles_fts MATCH ? ORDER BY score, a.id LIMIT ?`,
		snippetOpen, snippetClose, snippetEllipsis, matchExpr(sq), limit)
	if err != nil {
		return nil, wrap(err, "SearchArticles(%q)", query)
	}
	defer rows.Close()
	for rows.Next() {
		h := &orewatch.SearchHit{}
		var score float64
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.URL, &h.Published, &h.Snippet, &score); err != nil {
			return nil, wrap(err, "SearchArticles(%q)", query)
		}
		h.Rank = -score // bm25 is lower for better matches
		out = append(out, h)
	}
	return out, wrap(rows.Err(), "SearchArticles(%q)", query)
}

// matchExpr renders a parsed query as an FTS5 expression. Every phrase is
// double-quoted, and tokens hold only letters, marks and digits, so no user
// text is read as FTS5 syntax.
func matchExpr(q orewatch.SearchQuery) string {
	phrase := func(p orewatch.SearchPhrase) string { return `"` + strings.Join(p, " ") + `"` }
	oneOf := func(ps []orewatch.SearchPhrase) string {
		s := make([]string, len(ps))
		for i, p := range ps {
			s[i] = phrase(p)
		}
		return "(" + strings.Join(s, " OR ") + ")"
	}
	clauses := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		clauses[i] = oneOf(c)
	}
	expr := "(" + strings.Join(clauses, " AND ") + ")"
	if len(q.Excluded) > 0 {
		expr += " NOT " + oneOf(q.Excluded)
	}
	return expr
}
