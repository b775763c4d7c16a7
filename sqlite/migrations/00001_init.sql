-- The first schema: reference figures, the bitemporal measures registry,
-- articles with what was extracted from them, and feeds.
-- Dates are TEXT "YYYY-MM-DD" or "YYYY-MM" and times TEXT
-- "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC, fixed width), so both compare lexically.

-- +goose Up
CREATE TABLE sources (
	id        TEXT PRIMARY KEY CHECK (id <> ''),
	title     TEXT NOT NULL,
	publisher TEXT NOT NULL DEFAULT '',
	year      INTEGER NOT NULL,
	doi       TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	licence   TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT ''
) STRICT;

-- A figure's identity is (source_id, material, country, year, stage,
-- detail). ImportRelease keeps it unique: it reads the source's figures and
-- writes only new identities, inside the one write transaction the store
-- allows at a time. There is no unique index, because maintaining one costs
-- a bulk import more than its rows; the index on material serves lookups.
-- Nor are there CHECK constraints: orewatch.ValidateRelease applies the same
-- rules to every figure before the transaction begins, and evaluating them
-- again per row cost a bulk import over a tenth of its time.
CREATE TABLE figures (
	id           INTEGER PRIMARY KEY,
	source_id    TEXT NOT NULL REFERENCES sources (id),
	material     TEXT NOT NULL,
	commodity    TEXT NOT NULL DEFAULT '',
	country      TEXT NOT NULL,
	country_name TEXT NOT NULL DEFAULT '',
	year         INTEGER NOT NULL,
	stage        TEXT NOT NULL,
	detail       TEXT NOT NULL DEFAULT '',
	quantity     REAL,
	unit         TEXT NOT NULL DEFAULT '',
	basis        TEXT NOT NULL DEFAULT '',
	estimated    INTEGER NOT NULL DEFAULT 0,
	withheld     INTEGER NOT NULL DEFAULT 0,
	revised      INTEGER NOT NULL DEFAULT 0,
	lower_bound  INTEGER NOT NULL DEFAULT 0,
	note         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX figures_material ON figures (material);

CREATE TABLE import_reliance (
	id        INTEGER PRIMARY KEY,
	source_id TEXT NOT NULL REFERENCES sources (id),
	material  TEXT NOT NULL CHECK (material <> ''),
	commodity TEXT NOT NULL DEFAULT '',
	year      INTEGER NOT NULL CHECK (year > 0),
	value     TEXT NOT NULL DEFAULT '',
	percent   REAL,
	basis     TEXT NOT NULL DEFAULT '',
	sources   TEXT NOT NULL DEFAULT '[]', -- JSON array of import shares
	period    TEXT NOT NULL DEFAULT '',
	product   TEXT NOT NULL DEFAULT '',
	UNIQUE (source_id, material, commodity, year, basis)
) STRICT;

CREATE TABLE measures (
	id            TEXT NOT NULL CHECK (id <> ''),
	version       INTEGER NOT NULL CHECK (version > 0),
	jurisdiction  TEXT NOT NULL,
	authority     TEXT NOT NULL DEFAULT '',
	instrument    TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	type          TEXT NOT NULL,
	announced     TEXT,
	effective     TEXT,
	ends          TEXT,
	suspends      TEXT NOT NULL DEFAULT '[]', -- JSON arrays of strings
	status_note   TEXT NOT NULL DEFAULT '',
	items         TEXT NOT NULL DEFAULT '[]',
	materials     TEXT NOT NULL DEFAULT '[]',
	unresolved    TEXT NOT NULL DEFAULT '[]',
	tariff_lines  TEXT NOT NULL DEFAULT '[]',
	destinations  TEXT NOT NULL DEFAULT '[]',
	end_use       TEXT NOT NULL DEFAULT '',
	de_minimis    TEXT NOT NULL DEFAULT '',
	source_url    TEXT NOT NULL DEFAULT '',
	recorded_at   TEXT NOT NULL,
	superseded_at TEXT,
	PRIMARY KEY (id, version),
	CHECK (superseded_at IS NULL OR superseded_at > recorded_at)
) STRICT;

-- At most one current version per measure.
CREATE UNIQUE INDEX measures_current ON measures (id) WHERE superseded_at IS NULL;

CREATE TABLE feeds (
	id              INTEGER PRIMARY KEY,
	url             TEXT NOT NULL UNIQUE CHECK (url <> ''),
	title           TEXT NOT NULL DEFAULT '',
	etag            TEXT NOT NULL DEFAULT '',
	last_modified   TEXT NOT NULL DEFAULT '',
	last_checked_at TEXT,
	next_check_at   TEXT,
	error_count     INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL CHECK (url <> ''),
	canonical_url TEXT UNIQUE,  -- NULL when unknown
	feed_id       INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
	title         TEXT NOT NULL DEFAULT '',
	published     TEXT,
	language      TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL DEFAULT '',
	content_hash  TEXT UNIQUE,  -- NULL when unknown
	simhash       INTEGER NOT NULL DEFAULT 0, -- the uint64's bits
	cluster_id    INTEGER NOT NULL DEFAULT 0,
	fetched_at    TEXT NOT NULL
) STRICT;

CREATE INDEX articles_fetched_at ON articles (fetched_at);

-- Countries, organizations and materials named by an article, in order.
CREATE TABLE article_entities (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('country', 'organization', 'material')),
	position   INTEGER NOT NULL,
	value      TEXT NOT NULL,
	PRIMARY KEY (article_id, kind, position)
) STRICT;

CREATE INDEX article_entities_value ON article_entities (kind, value);

CREATE TABLE events (
	id           INTEGER PRIMARY KEY,
	article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	type         TEXT NOT NULL CHECK (type <> ''),
	actor        TEXT NOT NULL DEFAULT '',
	counterparty TEXT NOT NULL DEFAULT '',
	materials    TEXT NOT NULL DEFAULT '[]', -- JSON array of catalogue names
	announced    TEXT,
	effective    TEXT,
	evidence     TEXT NOT NULL DEFAULT '',
	confidence   REAL NOT NULL DEFAULT 0,
	is_primary   INTEGER NOT NULL DEFAULT 0,
	measure      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_actor ON events (actor);
CREATE INDEX events_counterparty ON events (counterparty);

CREATE TABLE claims (
	id          INTEGER PRIMARY KEY,
	article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	text        TEXT NOT NULL DEFAULT '',
	subject     TEXT NOT NULL DEFAULT '',
	material    TEXT NOT NULL DEFAULT '',
	stage       TEXT NOT NULL DEFAULT '',
	comparator  TEXT NOT NULL DEFAULT '',
	value       REAL NOT NULL DEFAULT 0,
	unit        TEXT NOT NULL DEFAULT '',
	verdict     TEXT NOT NULL DEFAULT '',
	ref_value   REAL,    -- the reference, when the claim was checked
	ref_year    INTEGER,
	ref_source  TEXT,
	note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX claims_article ON claims (article_id);

CREATE TABLE date_checks (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	measure    TEXT NOT NULL DEFAULT '',
	field      TEXT NOT NULL DEFAULT '',
	stated     TEXT,
	recorded   TEXT,
	verdict    TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, position)
) STRICT;

-- Full-text index over article title and body, kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, body,
	content = 'articles', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE articles_fts;
DROP TABLE date_checks;
DROP TABLE claims;
DROP TABLE events;
DROP TABLE article_entities;
DROP TABLE articles;
DROP TABLE feeds;
DROP TABLE measures;
DROP TABLE import_reliance;
DROP TABLE figures;
DROP TABLE sources;
