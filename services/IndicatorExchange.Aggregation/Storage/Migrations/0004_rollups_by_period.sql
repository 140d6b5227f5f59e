-- Summary rows keyed by period, indicator and org unit, with an index for reading one org unit's rows. A recomputation
-- writes every row anew one period and indicator at a time: in key order its inserts append to the table, where in
-- the old order (org unit first) each went to a random page of a table far larger than the page cache, and a
-- four-quarter recomputation spent most of its time spilling and re-reading pages.
CREATE TABLE rollups_by_period (
    period    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    org_unit  TEXT NOT NULL,
    row       BLOB NOT NULL,
    PRIMARY KEY (period, indicator, org_unit)
) WITHOUT ROWID;
INSERT INTO rollups_by_period (period, indicator, org_unit, row)
SELECT period, indicator, org_unit, row FROM rollups ORDER BY period, indicator, org_unit;
DROP TABLE rollups;
ALTER TABLE rollups_by_period RENAME TO rollups;
CREATE INDEX rollups_org_unit ON rollups (org_unit, period, indicator);
