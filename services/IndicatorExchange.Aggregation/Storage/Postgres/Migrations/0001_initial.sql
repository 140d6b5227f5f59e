-- The aggregation service on PostgreSQL: the tables of Storage/Sqlite/Migrations as they stand after 0005.
-- Figures are numeric (exact, never float) and read back as their text, which keeps their scale ("1.50"); times are
-- ISO 8601 UTC text, as on SQLite, so that as_of compares the same way on both engines. Keys compare and sort byte
-- by byte (COLLATE "C"), as on SQLite, whatever the database's collation.

-- The newest revision of every figure, as learnt from the indicator service's change feed, keyed by period first:
-- every read asks for periods and indicators.
CREATE TABLE figures (
    period            text    COLLATE "C" NOT NULL,
    indicator         text    COLLATE "C" NOT NULL,
    org_unit          text    COLLATE "C" NOT NULL,
    value             numeric NOT NULL,
    yoy_growth_pct    numeric NULL,
    status            integer NOT NULL,
    revision          bigint  NOT NULL,
    sequence          bigint  NOT NULL,
    received_at       text    COLLATE "C" NOT NULL,
    first_received_at text    COLLATE "C" NULL,
    open_warnings     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (period, indicator, org_unit)
);

-- Every revision received, for summaries "as they stood" at a past moment.
CREATE TABLE figure_revisions (
    sequence       bigint  PRIMARY KEY,
    org_unit       text    COLLATE "C" NOT NULL,
    indicator      text    COLLATE "C" NOT NULL,
    period         text    COLLATE "C" NOT NULL,
    value          numeric NOT NULL,
    yoy_growth_pct numeric NULL,
    status         integer NOT NULL,
    revision       bigint  NOT NULL,
    received_at    text    COLLATE "C" NOT NULL,
    open_warnings  integer NOT NULL DEFAULT 0
);
CREATE INDEX figure_revisions_period ON figure_revisions (period, indicator, received_at);

-- Each inner node's value of a period and indicator with something reported below it: NodeValueCodec's bytes, the
-- same as on SQLite (every decimal exact, with its scale).
CREATE TABLE node_values (
    period    text  COLLATE "C" NOT NULL,
    indicator text  COLLATE "C" NOT NULL,
    org_unit  text  COLLATE "C" NOT NULL,
    value     bytea NOT NULL,
    PRIMARY KEY (period, indicator, org_unit)
);
CREATE INDEX node_values_org_unit ON node_values (org_unit, period, indicator);

-- How far each followed feed has been applied (the last sequence received; updated in the same transaction as the
-- figures), and the leader epoch that fences the writers (see docs/operations.md, "Aggregation on PostgreSQL").
CREATE TABLE feed_cursors (
    feed     text   COLLATE "C" PRIMARY KEY,
    sequence bigint NOT NULL,
    epoch    bigint NOT NULL DEFAULT 0
);

-- A row while every node value must be recomputed from the stored figures before the feed is followed.
CREATE TABLE recomputation_pending (reason text NOT NULL);
