-- The target service on PostgreSQL: the same tables as Storage/Sqlite/Migrations (0001 and 0002 together).
-- Thresholds are numeric (exact, never float); the sequence is an identity column; the constraints keep the
-- guarantees with several writers (replicas): one revision number per target, one answer per request id.
-- Keys compare and sort byte by byte (COLLATE "C"), as on SQLite, whatever the database's collation.

-- Every revision of every target ever set, append-only.
CREATE TABLE target_revisions (
    sequence             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_unit             text    COLLATE "C" NOT NULL,
    indicator            text    COLLATE "C" NOT NULL,
    year                 integer NOT NULL,
    kind                 text    COLLATE "C" NOT NULL CHECK (kind IN ('growth_at_least', 'value_at_least', 'value_at_most', 'rate_at_least', 'rate_at_most')),
    threshold            numeric NOT NULL,
    unit                 text    NOT NULL,
    note                 text    NOT NULL,
    revision             bigint  NOT NULL CHECK (revision > 0),
    set_by               text    NOT NULL,
    request_id           text    NOT NULL,
    -- ISO 8601 UTC text, as on SQLite, so that as_of compares the same way on both engines.
    set_at               text    NOT NULL,
    normalised_threshold numeric NULL,
    canonical_unit       text    NULL,
    milestones           text    NOT NULL DEFAULT '',
    reason               text    NOT NULL DEFAULT '',
    UNIQUE (org_unit, indicator, year, kind, revision)
);

CREATE INDEX target_revisions_set_at ON target_revisions (set_at, sequence);

-- The newest revision of each target.
CREATE TABLE current_targets (
    org_unit  text    COLLATE "C" NOT NULL,
    indicator text    COLLATE "C" NOT NULL,
    year      integer NOT NULL,
    kind      text    COLLATE "C" NOT NULL,
    sequence  bigint  NOT NULL REFERENCES target_revisions (sequence),
    PRIMARY KEY (org_unit, indicator, year, kind)
);

CREATE INDEX current_targets_year ON current_targets (year, org_unit);

-- Answers to SetTargets by request id, so a repeated request returns the first answer.
CREATE TABLE target_requests (
    request_id   text  PRIMARY KEY,
    request_hash text  NOT NULL,
    response     bytea NOT NULL,
    created_at   text  NOT NULL
);
