-- The newest revision of every figure, as learnt from the indicator service's change feed.
-- Values are in the indicator's canonical unit, as canonical decimal text.
CREATE TABLE figures (
    org_unit       TEXT NOT NULL,
    indicator      TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          TEXT NOT NULL,
    yoy_growth_pct TEXT NULL,
    status         INTEGER NOT NULL,
    revision       INTEGER NOT NULL,
    sequence       INTEGER NOT NULL,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (org_unit, indicator, period)
) WITHOUT ROWID;
CREATE INDEX figures_period ON figures (period, indicator);

-- How far each followed feed has been applied; updated in the same transaction as the figures.
CREATE TABLE feed_cursors (
    feed     TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL
);
