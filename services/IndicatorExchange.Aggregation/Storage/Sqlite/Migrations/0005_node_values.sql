-- The rollups are stored as each inner node's value (total, growth and the exact sums behind them: a few dozen bytes)
-- rather than as the serialised summary row (one to several KB, with every child's share, pull and ranks): a summary
-- row is built from its children's values when it is read. A national quarter's rollups were about 100 MB to write and
-- commit at each recomputation; their values are a few MB. The values are recomputed from the stored figures before
-- the feed is followed again (the consumer runs it while a row of recomputation_pending is there).
CREATE TABLE node_values (
    period    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    org_unit  TEXT NOT NULL,
    value     BLOB NOT NULL,
    UNIQUE (period, indicator, org_unit)
);
CREATE INDEX node_values_org_unit ON node_values (org_unit, period, indicator);
CREATE TABLE recomputation_pending (reason TEXT NOT NULL);
INSERT INTO recomputation_pending (reason)
SELECT 'migration 0005: node values replace the stored summary rows' WHERE EXISTS (SELECT 1 FROM figures);
DROP TABLE rollups;
