-- Every revision of every target ever set, append-only.
-- Thresholds are stored as canonical decimal text: exact, never REAL.
CREATE TABLE target_revisions (
    sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
    org_unit   TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('growth_at_least', 'value_at_least', 'value_at_most', 'rate_at_least', 'rate_at_most')),
    threshold  TEXT NOT NULL,
    unit       TEXT NOT NULL,
    note       TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    set_by     TEXT NOT NULL,
    request_id TEXT NOT NULL,
    set_at     TEXT NOT NULL,
    UNIQUE (org_unit, indicator, year, kind, revision)
);

-- The newest revision of each target.
CREATE TABLE current_targets (
    org_unit  TEXT NOT NULL,
    indicator TEXT NOT NULL,
    year      INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    sequence  INTEGER NOT NULL REFERENCES target_revisions (sequence),
    PRIMARY KEY (org_unit, indicator, year, kind)
) WITHOUT ROWID;

-- Answers to SetTargets by request id, so a repeated request returns the first answer.
CREATE TABLE target_requests (
    request_id   TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    response     BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
