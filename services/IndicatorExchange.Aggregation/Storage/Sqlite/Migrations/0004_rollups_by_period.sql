-- Summary rows in a table with a rowid, unique by period, indicator and org unit, with an index for reading one org
-- unit's rows. A recomputation writes every row anew one period and indicator at a time, so its inserts append, where
-- with the old key (org unit first) each went to a random page of a table far larger than the page cache. And a row
-- (a serialised SummaryRow, one to several KB) fits in a table page, where a WITHOUT ROWID table keeps under 1 KB of
-- a row in its page and the rest in an overflow page of its own.
CREATE TABLE rollups_by_period (
    period    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    org_unit  TEXT NOT NULL,
    row       BLOB NOT NULL,
    UNIQUE (period, indicator, org_unit)
);
INSERT INTO rollups_by_period (period, indicator, org_unit, row)
SELECT period, indicator, org_unit, row FROM rollups ORDER BY period, indicator, org_unit;
DROP TABLE rollups;
ALTER TABLE rollups_by_period RENAME TO rollups;
CREATE INDEX rollups_org_unit ON rollups (org_unit, period, indicator);
