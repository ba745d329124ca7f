-- The first schema of kiez serve. Times are INTEGER microseconds since
-- 1970-01-01 UTC; digests lower-case hexadecimal SHA-256.

-- One row per uploaded version of a programme's data for a year.
CREATE TABLE datasets (
	id          INTEGER PRIMARY KEY,
	programme   TEXT    NOT NULL,
	year        INTEGER NOT NULL,
	version     INTEGER NOT NULL CHECK (version >= 1),
	digest      TEXT    NOT NULL,
	uploaded_by TEXT    NOT NULL,
	uploaded_at INTEGER NOT NULL,
	UNIQUE (programme, year, version)
);

-- The files of a dataset version, whole, in the order uploaded.
CREATE TABLE dataset_files (
	dataset_id INTEGER NOT NULL REFERENCES datasets (id),
	position   INTEGER NOT NULL,
	name       TEXT    NOT NULL,
	content    BLOB    NOT NULL,
	PRIMARY KEY (dataset_id, position),
	UNIQUE (dataset_id, name)
);

-- Rule files as uploaded, or embedded rule sets as they were when used;
-- one row per content.
CREATE TABLE rule_files (
	id          INTEGER PRIMARY KEY,
	name        TEXT    NOT NULL,
	programme   TEXT    NOT NULL,
	version     TEXT    NOT NULL,
	embedded    INTEGER NOT NULL CHECK (embedded IN (0, 1)),
	content     BLOB    NOT NULL,
	digest      TEXT    NOT NULL UNIQUE,
	uploaded_by TEXT    NOT NULL,
	uploaded_at INTEGER NOT NULL
);

-- Checks as they ran, with their results as JSON.
CREATE TABLE evaluations (
	id           INTEGER PRIMARY KEY,
	dataset_id   INTEGER NOT NULL REFERENCES datasets (id),
	programme    TEXT    NOT NULL,
	year         INTEGER NOT NULL,
	period       TEXT    NOT NULL,
	module       TEXT    NOT NULL,
	input_digest TEXT    NOT NULL,
	counts       TEXT    NOT NULL, -- JSON object outcome -> count
	results      BLOB    NOT NULL, -- JSON array of rules.Result
	created_by   TEXT    NOT NULL,
	created_at   INTEGER NOT NULL,
	duration_ns  INTEGER NOT NULL,
	published    INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))
);
CREATE INDEX evaluations_programme_year ON evaluations (programme, year);
CREATE INDEX evaluations_dataset ON evaluations (dataset_id);

-- The rule files an evaluation read, in order.
CREATE TABLE evaluation_rule_files (
	evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),
	position      INTEGER NOT NULL,
	rule_file_id  INTEGER NOT NULL REFERENCES rule_files (id),
	PRIMARY KEY (evaluation_id, position)
);

CREATE TABLE accounts (
	name          TEXT    PRIMARY KEY,
	role          TEXT    NOT NULL,
	password_hash TEXT    NOT NULL, -- '' signs in only through the reverse proxy
	created_at    INTEGER NOT NULL
);

-- Sessions by the SHA-256 of their token; the token is never stored.
CREATE TABLE sessions (
	token_hash TEXT    PRIMARY KEY,
	account    TEXT    NOT NULL REFERENCES accounts (name) ON DELETE CASCADE,
	csrf       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE audit_log (
	id     INTEGER PRIMARY KEY,
	time   INTEGER NOT NULL,
	actor  TEXT    NOT NULL,
	action TEXT    NOT NULL,
	target TEXT    NOT NULL,
	detail TEXT    NOT NULL
);
