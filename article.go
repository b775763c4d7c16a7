package orewatch

import (
	"context"
	"time"
)

// EventType classifies what an article reports.
type EventType string

const (
	EventExportControl   EventType = "export_control"
	EventExportBan       EventType = "export_ban"
	EventSuspension      EventType = "export_control_suspension"
	EventQuota           EventType = "quota"
	EventSupplyAgreement EventType = "supply_agreement"
	EventTariff          EventType = "tariff"
	EventOther           EventType = "other"
)

// Claim verdicts.
const (
	VerdictSupported    = "supported"
	VerdictContradicted = "contradicted"
	VerdictUnverifiable = "unverifiable"
)

// Article is one ingested document with everything extracted from it.
type Article struct {
	ID           int64     `json:"id,omitempty"`
	URL          string    `json:"url"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	FeedID       int64     `json:"feed_id,omitempty"`
	Title        string    `json:"title"`
	Published    Date      `json:"published"`
	Language     string    `json:"language"`
	Body         string    `json:"body"`
	ContentHash  string    `json:"content_hash,omitempty"` // hex SHA-256 of the normalised body
	SimHash      uint64    `json:"simhash,omitempty"`
	ClusterID    int64     `json:"cluster_id,omitempty"` // near-duplicate cluster (id of its first article)
	FetchedAt    time.Time `json:"fetched_at,omitempty"`

	Countries     []string     `json:"countries"`     // ISO3
	Organizations []string     `json:"organizations"` // canonical names
	Materials     []string     `json:"materials"`     // catalogue names
	Events        []*Event     `json:"events"`
	Claims        []*Claim     `json:"claims"`
	DateChecks    []*DateCheck `json:"date_checks,omitempty"`
}

// Event is a measure, deal or act an article reports, with its evidence.
type Event struct {
	ID           int64     `json:"-"`
	ArticleID    int64     `json:"-"`
	Type         EventType `json:"type"`
	Actor        string    `json:"actor"`        // ISO3 of the acting jurisdiction
	Counterparty string    `json:"counterparty"` // ISO3 or "" (null in JSON)
	Materials    []string  `json:"materials"`
	Announced    Date      `json:"announced"`
	Effective    Date      `json:"effective"`
	Evidence     string    `json:"evidence"`
	Confidence   float64   `json:"confidence"`
	Primary      bool      `json:"primary"`
	Measure      string    `json:"measure"` // registry id, or "" (null in JSON)
}

// Claim is a quantitative statement checked against the reference data.
type Claim struct {
	ID         int64           `json:"-"`
	ArticleID  int64           `json:"-"`
	Text       string          `json:"text"`
	Subject    string          `json:"subject"`    // ISO3 of who the claim is about
	Material   string          `json:"material"`   // catalogue name
	Stage      Stage           `json:"stage"`      // mining, refining, reserves
	Comparator string          `json:"comparator"` // ">", ">=", "<", "<=", "=", "~"
	Value      float64         `json:"value"`
	Unit       string          `json:"unit"` // "%"
	Verdict    string          `json:"verdict"`
	Reference  *ClaimReference `json:"reference"`
	Note       string          `json:"note,omitempty"`
}

// ClaimReference is the figure a claim was checked against.
type ClaimReference struct {
	Value  float64 `json:"value"`
	Year   int     `json:"year"`
	Source string  `json:"source"`
}

// DateCheck compares a date an article states for a registry measure with the
// date the registry records.
type DateCheck struct {
	Measure  string `json:"measure"`
	Field    string `json:"field"` // "effective" or "announced"
	Stated   Date   `json:"stated"`
	Recorded Date   `json:"recorded"`
	Verdict  string `json:"verdict"` // supported or contradicted
	Note     string `json:"note"`
}

// Fingerprint is what near-duplicate clustering needs of a stored article.
type Fingerprint struct {
	ArticleID int64
	SimHash   uint64
	ClusterID int64
}

// SaveResult says what SaveArticle did.
type SaveResult struct {
	ID      int64 `json:"id"`
	Created bool  `json:"created"` // false when the content hash was already stored
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	Since *time.Time // fetched at or after
	Limit int
}

// EventFilter selects events. Dates compare with the announced date, or the
// article's publication date when the event has none.
type EventFilter struct {
	Since    *Date
	Until    *Date
	Material *string
	Country  *string // actor or counterparty
	Type     *EventType
	Limit    int
}

// SearchHit is a full-text search result.
type SearchHit struct {
	ArticleID int64   `json:"article_id"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published Date    `json:"published"`
	Snippet   string  `json:"snippet"`
	Rank      float64 `json:"rank"`
}

// ArticleStore keeps articles and what was extracted from them.
type ArticleStore interface {
	// SaveArticle stores the article with its events and claims in one
	// transaction. An article whose ContentHash or CanonicalURL is stored
	// already is not stored again: the result has Created false and the
	// existing ID.
	SaveArticle(ctx context.Context, a *Article) (SaveResult, error)
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	FindFingerprints(ctx context.Context, since time.Time) ([]Fingerprint, error)
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, error)
	SearchArticles(ctx context.Context, query string, limit int) ([]*SearchHit, error)
}

// Feed is a polled RSS, Atom or JSON feed. Failures are data: the error, the
// count of consecutive failures and the next check time are kept on it.
type Feed struct {
	ID            int64     `json:"id"`
	URL           string    `json:"url"`
	Title         string    `json:"title"`
	ETag          string    `json:"etag,omitempty"`
	LastModified  string    `json:"last_modified,omitempty"`
	LastCheckedAt time.Time `json:"last_checked_at"`
	NextCheckAt   time.Time `json:"next_check_at"`
	ErrorCount    int       `json:"error_count"`
	LastError     string    `json:"last_error,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// FeedStore keeps feeds and their polling state.
type FeedStore interface {
	CreateFeed(ctx context.Context, f *Feed) error // sets ID and CreatedAt; ECONFLICT on a duplicate URL
	FindFeedByID(ctx context.Context, id int64) (*Feed, error)
	FindFeeds(ctx context.Context) ([]*Feed, error)
	UpdateFeed(ctx context.Context, f *Feed) error // polling state and title
	DeleteFeed(ctx context.Context, id int64) error
}

// Store is everything orewatch keeps. The sqlite and postgres packages
// implement it and storetest checks that they behave alike.
type Store interface {
	ReferenceStore
	MeasureStore
	ArticleStore
	FeedStore
	Close() error
}
