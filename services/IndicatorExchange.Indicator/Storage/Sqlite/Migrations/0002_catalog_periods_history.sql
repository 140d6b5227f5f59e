-- Catalog: periodicities, bounds, quality threshold, Jan-Feb publication.
ALTER TABLE indicators ADD COLUMN periodicities TEXT NOT NULL DEFAULT 'annual,quarterly';
ALTER TABLE indicators ADD COLUMN min_value TEXT NULL;
ALTER TABLE indicators ADD COLUMN max_value TEXT NULL;
ALTER TABLE indicators ADD COLUMN max_yoy_change_pct TEXT NULL;
ALTER TABLE indicators ADD COLUMN jan_feb_combined INTEGER NOT NULL DEFAULT 0;

-- Org units live from a date and can be closed or merged from a date; their figures stay.
ALTER TABLE org_units ADD COLUMN valid_from TEXT NULL;
ALTER TABLE org_units ADD COLUMN closed_on TEXT NULL;
ALTER TABLE org_units ADD COLUMN merged_into TEXT NULL;

-- Reporting periods the prefecture opened, with their deadlines.
CREATE TABLE periods (
    code      TEXT PRIMARY KEY,
    state     TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    deadline  TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT NULL
);

-- What each revision replaced, and the quality warnings it raised (JSON array of {rule, message, confirmed}).
ALTER TABLE figure_revisions ADD COLUMN replaces_sequence INTEGER NULL;
ALTER TABLE figure_revisions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
CREATE INDEX figure_revisions_received ON figure_revisions (received_at, sequence);

-- Validation rules are data: left expression, operator, right expression, severity.
-- Seeded with the domain's default rules on first start; a code may appear on several rows
-- (GROSS_INDUSTRIAL_OUTPUT is checked against two components).
CREATE TABLE validation_rules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    accumulation TEXT NULL,
    left_expr   TEXT NOT NULL,
    operator    TEXT NOT NULL,
    right_expr  TEXT NOT NULL,
    tolerance   TEXT NOT NULL DEFAULT '0',
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message_zh  TEXT NOT NULL,
    message_en  TEXT NOT NULL
);
