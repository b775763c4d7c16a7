-- The first schema: reference figures, the bitemporal measures registry,
-- articles with what was extracted from them, and feeds.
-- Dates are text "YYYY-MM-DD" or "YYYY-MM" in the "C" collation, so that
-- they compare as dates; times are timestamptz.

-- +goose Up
CREATE TABLE sources (
	id        text PRIMARY KEY CHECK (id <> ''),
	title     text NOT NULL,
	publisher text NOT NULL DEFAULT '',
	year      integer NOT NULL,
	doi       text NOT NULL DEFAULT '',
	url       text NOT NULL DEFAULT '',
	licence   text NOT NULL DEFAULT '',
	note      text NOT NULL DEFAULT ''
);

CREATE TABLE figures (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_id    text NOT NULL REFERENCES sources (id),
	material     text NOT NULL CHECK (material <> ''),
	commodity    text NOT NULL DEFAULT '',
	country      text NOT NULL CHECK (country <> ''),
	country_name text NOT NULL DEFAULT '',
	year         integer NOT NULL CHECK (year > 0),
	stage        text NOT NULL CHECK (stage IN ('mining', 'refining', 'reserves', 'capacity', 'other')),
	detail       text NOT NULL DEFAULT '',
	quantity     double precision,
	unit         text NOT NULL DEFAULT '',
	basis        text NOT NULL DEFAULT '',
	estimated    boolean NOT NULL DEFAULT false,
	withheld     boolean NOT NULL DEFAULT false,
	revised      boolean NOT NULL DEFAULT false,
	lower_bound  boolean NOT NULL DEFAULT false,
	note         text NOT NULL DEFAULT '',
	UNIQUE (source_id, material, country, year, stage, detail)
);

CREATE INDEX figures_material_year ON figures (material, year, stage);

CREATE TABLE import_reliance (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_id text NOT NULL REFERENCES sources (id),
	material  text NOT NULL CHECK (material <> ''),
	commodity text NOT NULL DEFAULT '',
	year      integer NOT NULL CHECK (year > 0),
	value     text NOT NULL DEFAULT '',
	percent   double precision,
	basis     text NOT NULL DEFAULT '',
	sources   jsonb NOT NULL DEFAULT '[]', -- import shares, largest first
	period    text NOT NULL DEFAULT '',
	product   text NOT NULL DEFAULT '',
	UNIQUE (source_id, material, commodity, year, basis)
);

CREATE TABLE measures (
	id            text NOT NULL CHECK (id <> ''),
	version       integer NOT NULL CHECK (version > 0),
	jurisdiction  text NOT NULL,
	authority     text NOT NULL DEFAULT '',
	instrument    text NOT NULL DEFAULT '',
	title         text NOT NULL DEFAULT '',
	type          text NOT NULL,
	announced     text COLLATE "C",
	effective     text COLLATE "C",
	ends          text COLLATE "C",
	suspends      text[] NOT NULL DEFAULT '{}',
	status_note   text NOT NULL DEFAULT '',
	items         text[] NOT NULL DEFAULT '{}',
	materials     text[] NOT NULL DEFAULT '{}',
	unresolved    text[] NOT NULL DEFAULT '{}',
	tariff_lines  text[] NOT NULL DEFAULT '{}',
	destinations  text[] NOT NULL DEFAULT '{}',
	end_use       text NOT NULL DEFAULT '',
	de_minimis    text NOT NULL DEFAULT '',
	source_url    text NOT NULL DEFAULT '',
	recorded_at   timestamptz NOT NULL,
	superseded_at timestamptz,
	PRIMARY KEY (id, version),
	CHECK (superseded_at IS NULL OR superseded_at > recorded_at)
);

-- At most one current version per measure.
CREATE UNIQUE INDEX measures_current ON measures (id) WHERE superseded_at IS NULL;
CREATE INDEX measures_materials ON measures USING gin (materials);

CREATE TABLE feeds (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	url             text NOT NULL UNIQUE CHECK (url <> ''),
	title           text NOT NULL DEFAULT '',
	etag            text NOT NULL DEFAULT '',
	last_modified   text NOT NULL DEFAULT '',
	last_checked_at timestamptz,
	next_check_at   timestamptz,
	error_count     integer NOT NULL DEFAULT 0,
	last_error      text NOT NULL DEFAULT '',
	created_at      timestamptz NOT NULL
);

CREATE TABLE articles (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	url           text NOT NULL CHECK (url <> ''),
	canonical_url text UNIQUE, -- NULL when unknown
	feed_id       bigint REFERENCES feeds (id) ON DELETE SET NULL,
	title         text NOT NULL DEFAULT '',
	published     text COLLATE "C",
	language      text NOT NULL DEFAULT '',
	body          text NOT NULL DEFAULT '',
	content_hash  text UNIQUE, -- NULL when unknown
	simhash       bigint NOT NULL DEFAULT 0, -- the uint64's bits
	cluster_id    bigint NOT NULL DEFAULT 0,
	fetched_at    timestamptz NOT NULL,
	-- Full-text index over title (weighted higher) and body.
	tsv           tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english'::regconfig, title), 'A') ||
		setweight(to_tsvector('english'::regconfig, body), 'B')) STORED
);

CREATE INDEX articles_fetched_at ON articles (fetched_at);
CREATE INDEX articles_tsv ON articles USING gin (tsv);

-- Countries, organizations and materials named by an article, in order.
CREATE TABLE article_entities (
	article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind       text NOT NULL CHECK (kind IN ('country', 'organization', 'material')),
	position   integer NOT NULL,
	value      text NOT NULL,
	PRIMARY KEY (article_id, kind, position)
);

CREATE INDEX article_entities_value ON article_entities (kind, value);

CREATE TABLE events (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article_id   bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	type         text NOT NULL CHECK (type <> ''),
	actor        text NOT NULL DEFAULT '',
	counterparty text NOT NULL DEFAULT '',
	materials    text[] NOT NULL DEFAULT '{}',
	announced    text COLLATE "C",
	effective    text COLLATE "C",
	evidence     text NOT NULL DEFAULT '',
	confidence   double precision NOT NULL DEFAULT 0,
	is_primary   boolean NOT NULL DEFAULT false,
	measure      text NOT NULL DEFAULT ''
);

CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_actor ON events (actor);
CREATE INDEX events_counterparty ON events (counterparty);
CREATE INDEX events_materials ON events USING gin (materials);

CREATE TABLE claims (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	text       text NOT NULL DEFAULT '',
	subject    text NOT NULL DEFAULT '',
	material   text NOT NULL DEFAULT '',
	stage      text NOT NULL DEFAULT '',
	comparator text NOT NULL DEFAULT '',
	value      double precision NOT NULL DEFAULT 0,
	unit       text NOT NULL DEFAULT '',
	verdict    text NOT NULL DEFAULT '',
	ref_value  double precision, -- the reference, when the claim was checked
	ref_year   integer,
	ref_source text,
	note       text NOT NULL DEFAULT ''
);

CREATE INDEX claims_article ON claims (article_id);

CREATE TABLE date_checks (
	article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	position   integer NOT NULL,
	measure    text NOT NULL DEFAULT '',
	field      text NOT NULL DEFAULT '',
	stated     text COLLATE "C",
	recorded   text COLLATE "C",
	verdict    text NOT NULL DEFAULT '',
	note       text NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, position)
);

-- +goose Down
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
