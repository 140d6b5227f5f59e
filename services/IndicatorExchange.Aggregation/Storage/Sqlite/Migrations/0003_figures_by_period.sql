-- The figures keyed by period, indicator and org unit. Every read of the aggregator asks for periods and indicators
-- (a summary, a roll-up transaction, a recomputation one period and indicator at a time), and now finds each pair as
-- one range of the table rather than through a secondary index with a seek into the table per figure.
CREATE TABLE figures_by_period (
    period            TEXT NOT NULL,
    indicator         TEXT NOT NULL,
    org_unit          TEXT NOT NULL,
    value             TEXT NOT NULL,
    yoy_growth_pct    TEXT NULL,
    status            INTEGER NOT NULL,
    revision          INTEGER NOT NULL,
    sequence          INTEGER NOT NULL,
    received_at       TEXT NOT NULL,
    first_received_at TEXT NULL,
    open_warnings     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (period, indicator, org_unit)
) WITHOUT ROWID;
INSERT INTO figures_by_period (period, indicator, org_unit, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings)
SELECT period, indicator, org_unit, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings
FROM figures ORDER BY period, indicator, org_unit;
DROP TABLE figures;
ALTER TABLE figures_by_period RENAME TO figures;
