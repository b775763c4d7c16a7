package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"orewatch"
)

// Snippet markers around the matched terms in SearchHit.Snippet, the same
// in both stores.
const headlineOptions = "StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""

// Default limits when a filter leaves Limit at 0.
const (
	defaultEventLimit   = 100
	defaultArticleLimit = 100
	defaultSearchLimit  = 20
)

// textSearchConfig is the text search configuration of the tsvector column.
const textSearchConfig = "english"

const articleColumns = `id, url, canonical_url, feed_id, title, published, language, body, content_hash,
	simhash, cluster_id, fetched_at`

// SaveArticle stores the article with its entity lists, events, claims and
// date checks in one transaction. An article whose ContentHash, or
// CanonicalURL when not empty, is stored already is not stored again: the
// result has Created false and the existing ID, which is also set on a;
// nothing else changes (also when another session stores the same article
// at the same moment). Otherwise it sets a.ID, the IDs and ArticleID of its
// events and claims, FetchedAt to the current time when it is zero, and
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
	err = db.write(ctx, func(tx pgx.Tx) error {
		id, err := existingArticle(ctx, tx, a.ContentHash, a.CanonicalURL)
		if err != nil || id != 0 {
			res.ID = id
			return err
		}
		var feedID any
		if a.FeedID != 0 {
			feedID = a.FeedID
		}
		err = tx.QueryRow(ctx, `INSERT INTO articles (url, canonical_url, feed_id, title, published, language,
				body, content_hash, simhash, cluster_id, fetched_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			a.URL, nullString(a.CanonicalURL), feedID, a.Title, a.Published, a.Language, a.Body,
			nullString(a.ContentHash), int64(a.SimHash), a.ClusterID, fetched).Scan(&id)
		if err != nil {
			return err
		}
		res = orewatch.SaveResult{ID: id, Created: true}
		if cluster == 0 {
			cluster = id
			if _, err := tx.Exec(ctx, `UPDATE articles SET cluster_id = id WHERE id = $1`, id); err != nil {
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
	if isUnique(err) && (a.ContentHash != "" || a.CanonicalURL != "") {
		// Another session stored the same article since our check.
		var id int64
		rerr := db.read(ctx, func(tx pgx.Tx) (err error) {
			id, err = existingArticle(ctx, tx, a.ContentHash, a.CanonicalURL)
			return err
		})
		if rerr == nil && id != 0 {
			res, err = orewatch.SaveResult{ID: id}, nil
		}
	}
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
func existingArticle(ctx context.Context, tx pgx.Tx, hash, canonical string) (int64, error) {
	if hash == "" && canonical == "" {
		return 0, nil
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE content_hash = $1 OR canonical_url = $2
		ORDER BY id LIMIT 1`, nullString(hash), nullString(canonical)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func insertEntities(ctx context.Context, tx pgx.Tx, id int64, a *orewatch.Article) error {
	var rows [][]any
	for _, l := range []struct {
		kind   string
		values []string
	}{{"country", a.Countries}, {"organization", a.Organizations}, {"material", a.Materials}} {
		for i, v := range l.values {
			rows = append(rows, []any{id, l.kind, i, v})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"article_entities"}, []string{"article_id", "kind", "position", "value"},
		pgx.CopyFromRows(rows))
	return err
}

func insertEvents(ctx context.Context, tx pgx.Tx, articleID int64, events []*orewatch.Event) ([]int64, error) {
	ids := make([]int64, len(events))
	for i, e := range events {
		if err := tx.QueryRow(ctx, `INSERT INTO events (article_id, type, actor, counterparty, materials,
				announced, effective, evidence, confidence, is_primary, measure)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			articleID, string(e.Type), e.Actor, e.Counterparty, nonNil(e.Materials), e.Announced, e.Effective,
			e.Evidence, e.Confidence, e.Primary, e.Measure).Scan(&ids[i]); err != nil {
			return nil, fmt.Errorf("event %d: %w", i, err)
		}
	}
	return ids, nil
}

func insertClaims(ctx context.Context, tx pgx.Tx, articleID int64, claims []*orewatch.Claim) ([]int64, error) {
	ids := make([]int64, len(claims))
	for i, c := range claims {
		var refValue, refYear, refSource any
		if c.Reference != nil {
			refValue, refYear, refSource = c.Reference.Value, c.Reference.Year, c.Reference.Source
		}
		if err := tx.QueryRow(ctx, `INSERT INTO claims (article_id, text, subject, material, stage, comparator,
				value, unit, verdict, ref_value, ref_year, ref_source, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
			articleID, c.Text, c.Subject, c.Material, string(c.Stage), c.Comparator, c.Value, c.Unit, c.Verdict,
			refValue, refYear, refSource, c.Note).Scan(&ids[i]); err != nil {
			return nil, fmt.Errorf("claim %d: %w", i, err)
		}
	}
	return ids, nil
}

func insertDateChecks(ctx context.Context, tx pgx.Tx, articleID int64, checks []*orewatch.DateCheck) error {
	for i, d := range checks {
		if _, err := tx.Exec(ctx, `INSERT INTO date_checks (article_id, position, measure, field, stated,
				recorded, verdict, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
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
	err := db.read(ctx, func(tx pgx.Tx) error {
		as, err := queryArticles(ctx, tx, `SELECT `+articleColumns+` FROM articles WHERE id = $1`, id)
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
	var since time.Time
	if f.Since != nil {
		since = f.Since.UTC()
	}
	var out []*orewatch.Article
	err = db.read(ctx, func(tx pgx.Tx) error {
		out, err = queryArticles(ctx, tx, `SELECT `+articleColumns+` FROM articles
			WHERE fetched_at >= $1 ORDER BY fetched_at DESC, id DESC LIMIT $2`, since, limit)
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

func queryArticles(ctx context.Context, tx pgx.Tx, q string, args ...any) ([]*orewatch.Article, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*orewatch.Article{}
	for rows.Next() {
		a := &orewatch.Article{}
		var canonical, hash *string
		var feedID *int64
		var simhash int64
		if err := rows.Scan(&a.ID, &a.URL, &canonical, &feedID, &a.Title, &a.Published, &a.Language, &a.Body,
			&hash, &simhash, &a.ClusterID, nullTime{&a.FetchedAt}); err != nil {
			return nil, err
		}
		if canonical != nil {
			a.CanonicalURL = *canonical
		}
		if hash != nil {
			a.ContentHash = *hash
		}
		if feedID != nil {
			a.FeedID = *feedID
		}
		a.SimHash = uint64(simhash)
		a.Countries, a.Organizations, a.Materials = []string{}, []string{}, []string{}
		a.Events, a.Claims, a.DateChecks = []*orewatch.Event{}, []*orewatch.Claim{}, []*orewatch.DateCheck{}
		out = append(out, a)
	}
	return out, rows.Err()
}

// loadDetails fills in the entity lists, events, claims and date checks of
// the articles.
func loadDetails(ctx context.Context, tx pgx.Tx, as []*orewatch.Article) error {
	if len(as) == 0 {
		return nil
	}
	byID := make(map[int64]*orewatch.Article, len(as))
	ids := make([]int64, len(as))
	for i, a := range as {
		byID[a.ID], ids[i] = a, a.ID
	}

	rows, err := tx.Query(ctx, `SELECT article_id, kind, value FROM article_entities
		WHERE article_id = ANY($1) ORDER BY article_id, kind, position`, ids)
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

	events, err := queryEvents(ctx, tx, `SELECT `+eventColumns+` FROM events e WHERE e.article_id = ANY($1) ORDER BY e.id`, ids)
	if err != nil {
		return err
	}
	for _, e := range events {
		a := byID[e.ArticleID]
		a.Events = append(a.Events, e)
	}

	rows, err = tx.Query(ctx, `SELECT id, article_id, text, subject, material, stage, comparator, value,
		unit, verdict, ref_value, ref_year, ref_source, note FROM claims WHERE article_id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return err
	}
	for rows.Next() {
		c := &orewatch.Claim{}
		var stage string
		var refValue *float64
		var refYear *int
		var refSource *string
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.Text, &c.Subject, &c.Material, &stage, &c.Comparator, &c.Value,
			&c.Unit, &c.Verdict, &refValue, &refYear, &refSource, &c.Note); err != nil {
			rows.Close()
			return err
		}
		c.Stage = orewatch.Stage(stage)
		if refValue != nil {
			c.Reference = &orewatch.ClaimReference{Value: *refValue}
			if refYear != nil {
				c.Reference.Year = *refYear
			}
			if refSource != nil {
				c.Reference.Source = *refSource
			}
		}
		a := byID[c.ArticleID]
		a.Claims = append(a.Claims, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.Query(ctx, `SELECT article_id, measure, field, stated, recorded, verdict, note
		FROM date_checks WHERE article_id = ANY($1) ORDER BY article_id, position`, ids)
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

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func queryEvents(ctx context.Context, q querier, query string, args ...any) ([]*orewatch.Event, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*orewatch.Event{}
	for rows.Next() {
		e := &orewatch.Event{}
		var typ string
		if err := rows.Scan(&e.ID, &e.ArticleID, &typ, &e.Actor, &e.Counterparty, &e.Materials, &e.Announced,
			&e.Effective, &e.Evidence, &e.Confidence, &e.Primary, &e.Measure); err != nil {
			return nil, err
		}
		e.Type = orewatch.EventType(typ)
		e.Materials = nonNil(e.Materials)
		out = append(out, e)
	}
	return out, rows.Err()
}

// FindFingerprints returns the SimHash and cluster of every article fetched
// at or after since, in id order.
func (db *DB) FindFingerprints(ctx context.Context, since time.Time) ([]orewatch.Fingerprint, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, simhash, cluster_id FROM articles
		WHERE fetched_at >= $1 ORDER BY id`, since.UTC())
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
	var a args
	const date = "coalesce(e.announced, a.published)"
	if f.Since != nil && !f.Since.IsZero() {
		where = append(where, date+" >= "+a.add(f.Since.String())+` COLLATE "C"`)
	}
	if f.Until != nil && !f.Until.IsZero() {
		where = append(where, date+" <= "+a.add(f.Until.String())+` COLLATE "C"`)
	}
	if f.Material != nil {
		where = append(where, "e.materials @> ARRAY["+a.add(*f.Material)+"::text]")
	}
	if f.Country != nil {
		p := a.add(*f.Country)
		where = append(where, "(e.actor = "+p+" OR e.counterparty = "+p+")")
	}
	if f.Type != nil {
		where = append(where, "e.type = "+a.add(string(*f.Type)))
	}
	cond := ""
	if len(where) > 0 {
		cond = "WHERE " + strings.Join(where, " AND ")
	}
	events, err := queryEvents(ctx, db.pool, `SELECT `+eventColumns+` FROM events e JOIN articles a ON a.id = e.article_id
		`+cond+` ORDER BY `+date+` DESC NULLS LAST, e.id DESC LIMIT `+a.add(limit), a...)
	return events, wrap(err, "FindEvents")
}

// SearchArticles runs a full-text search over article titles and bodies and
// returns at most limit hits (0: 20), best first. The query follows web
// search conventions (see orewatch.ParseSearchQuery) and is built from
// phraseto_tsquery calls on its words, so any punctuation in it is safe. An
// empty query is EINVALID; one with no searchable word finds nothing. Rank
// is higher for better matches; the snippet marks matched words with « and ».
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
	var a args
	tsq := tsQuery(sq, &a)
	rows, err := db.pool.Query(ctx, `SELECT a.id, a.title, a.url, a.published,
			ts_headline('`+textSearchConfig+`', a.body, q.q, `+a.add(headlineOptions)+`),
			ts_rank_cd(a.tsv, q.q) AS rank
		FROM articles a, (SELECT `+tsq+` AS q) q
		WHERE a.tsv @@ q.q ORDER BY rank DESC, a.id LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, wrap(err, "SearchArticles(%q)", query)
	}
	defer rows.Close()
	for rows.Next() {
		h := &orewatch.SearchHit{}
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.URL, &h.Published, &h.Snippet, &h.Rank); err != nil {
			return nil, wrap(err, "SearchArticles(%q)", query)
		}
		out = append(out, h)
	}
	return out, wrap(rows.Err(), "SearchArticles(%q)", query)
}

// tsQuery renders a parsed query as a tsquery expression: each phrase is a
// parameter of phraseto_tsquery, so no user text is read as syntax.
func tsQuery(q orewatch.SearchQuery, a *args) string {
	phrase := func(p orewatch.SearchPhrase) string {
		return "phraseto_tsquery('" + textSearchConfig + "', " + a.add(strings.Join(p, " ")) + ")"
	}
	oneOf := func(ps []orewatch.SearchPhrase) string {
		s := make([]string, len(ps))
		for i, p := range ps {
			s[i] = phrase(p)
		}
		return "(" + strings.Join(s, " || ") + ")"
	}
	clauses := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		clauses[i] = oneOf(c)
	}
	expr := strings.Join(clauses, " && ")
	if len(q.Excluded) > 0 {
		expr = "(" + expr + ") && !!" + oneOf(q.Excluded)
	}
	return expr
}
