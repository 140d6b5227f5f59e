-- Every revision received, for summaries "as they stood" at a past moment.
CREATE TABLE figure_revisions (
    sequence       INTEGER PRIMARY KEY,
    org_unit       TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          TEXT NOT NULL,
    yoy_growth_pct TEXT NULL,
    status         INTEGER NOT NULL,
    revision       INTEGER NOT NULL,
    received_at    TEXT NOT NULL,
    open_warnings  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX figure_revisions_period ON figure_revisions (period, indicator, received_at);

-- When each figure first arrived (on time or late), and whether its newest revision has unconfirmed warnings.
ALTER TABLE figures ADD COLUMN first_received_at TEXT NULL;
ALTER TABLE figures ADD COLUMN open_warnings INTEGER NOT NULL DEFAULT 0;
UPDATE figures SET first_received_at = received_at WHERE first_received_at IS NULL;

-- One summary row (a serialised indicatorexchange.aggregation.v1.SummaryRow) per node, period and indicator,
-- kept up to date as changes arrive; only rows with at least one reporting child are kept.
CREATE TABLE rollups (
    org_unit  TEXT NOT NULL,
    period    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    row       BLOB NOT NULL,
    PRIMARY KEY (org_unit, period, indicator)
) WITHOUT ROWID;
