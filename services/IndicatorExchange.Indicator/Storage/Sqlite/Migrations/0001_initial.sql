-- Reference data: the indicator catalog and the org-unit tree.
CREATE TABLE indicators (
    code              TEXT PRIMARY KEY,
    name_zh           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    unit              TEXT NOT NULL,
    accumulation      TEXT NOT NULL,
    aggregation       TEXT NOT NULL,
    weight_indicator  TEXT NULL,
    display_precision INTEGER NOT NULL,
    description       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE org_units (
    code        TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    level       TEXT NOT NULL,
    parent_code TEXT NULL
);
CREATE INDEX org_units_parent ON org_units (parent_code, code);

-- Every revision ever accepted, append-only. The sequence is the change feed's order.
-- Decimal values are stored as canonical text: exact, never REAL.
CREATE TABLE figure_revisions (
    sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
    org_unit       TEXT NOT NULL,
    period         TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    value          TEXT NOT NULL,
    unit           TEXT NOT NULL,
    sent_value     TEXT NOT NULL,
    sent_unit      TEXT NOT NULL,
    yoy_growth_pct TEXT NULL,
    status         INTEGER NOT NULL,
    note           TEXT NOT NULL,
    submitted_by   TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    UNIQUE (org_unit, period, indicator, revision)
);

-- The newest revision of each figure.
CREATE TABLE current_figures (
    org_unit  TEXT NOT NULL,
    period    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    sequence  INTEGER NOT NULL REFERENCES figure_revisions (sequence),
    PRIMARY KEY (org_unit, period, indicator)
) WITHOUT ROWID;

-- Answers to submissions by request id, so a repeated request returns the first answer.
CREATE TABLE submission_requests (
    request_id   TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    response     BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
