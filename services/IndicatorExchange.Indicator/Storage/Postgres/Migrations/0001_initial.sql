-- The indicator service on PostgreSQL: the final state of Storage/Sqlite/Migrations (0001 to 0004) for a new database.
-- Figures, growth rates, bounds and tolerances are numeric (exact, never float); the sequence is an identity column;
-- the constraints keep the guarantees with several writers (replicas): one revision number per figure, one answer per
-- request id. Keys compare and sort byte by byte (COLLATE "C"), as on SQLite, whatever the database's collation.
-- Times are ISO 8601 UTC text, as on SQLite, so that as_of compares the same way on both engines.

-- Reference data: the indicator catalog, in the prefecture's report order.
CREATE TABLE indicators (
    code                    text    COLLATE "C" PRIMARY KEY,
    name_zh                 text    NOT NULL,
    name_en                 text    NOT NULL,
    unit                    text    NOT NULL,
    accumulation            text    NOT NULL,
    aggregation             text    NOT NULL,
    weight_indicator        text    COLLATE "C" NULL,
    display_precision       integer NOT NULL,
    description             text    NOT NULL DEFAULT '',
    periodicities           text    NOT NULL DEFAULT 'annual,quarterly',
    min_value               numeric NULL,
    max_value               numeric NULL,
    max_yoy_change_pct      numeric NULL,
    jan_feb_combined        boolean NOT NULL DEFAULT false,
    max_revision_change_pct numeric NULL,
    report_order            integer NOT NULL DEFAULT 0
);

CREATE INDEX indicators_report_order ON indicators (report_order, code);

-- The org-unit tree; org units live from a date and can be closed or merged from a date, their figures stay.
CREATE TABLE org_units (
    code        text COLLATE "C" PRIMARY KEY,
    name_zh     text NOT NULL,
    name_en     text NOT NULL,
    level       text NOT NULL,
    parent_code text COLLATE "C" NULL,
    valid_from  text NULL,
    closed_on   text NULL,
    merged_into text COLLATE "C" NULL
);

CREATE INDEX org_units_parent ON org_units (parent_code, code);

-- Reporting periods the prefecture opened, with their deadlines.
CREATE TABLE periods (
    code      text COLLATE "C" PRIMARY KEY,
    state     text NOT NULL CHECK (state IN ('open', 'closed')),
    deadline  text NOT NULL,
    opened_at text NOT NULL,
    closed_at text NULL
);

-- Validation rules are data, seeded with the domain's default rules on first start.
CREATE TABLE validation_rules (
    id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text    NOT NULL,
    indicator    text    NOT NULL,
    accumulation text    NULL,
    left_expr    text    NOT NULL,
    operator     text    NOT NULL,
    right_expr   text    NOT NULL,
    tolerance    numeric NOT NULL DEFAULT 0,
    severity     text    NOT NULL CHECK (severity IN ('error', 'warning')),
    message_zh   text    NOT NULL,
    message_en   text    NOT NULL
);

-- Every revision ever accepted, append-only. xid is the writing transaction: the change feed serves a revision once
-- every transaction that could still commit before it has ended, in (xid, sequence) order (Storage.Postgres/PostgresFeed).
CREATE TABLE figure_revisions (
    sequence          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid               xid8    NOT NULL DEFAULT pg_current_xact_id(),
    org_unit          text    COLLATE "C" NOT NULL,
    period            text    COLLATE "C" NOT NULL,
    indicator         text    COLLATE "C" NOT NULL,
    revision          bigint  NOT NULL CHECK (revision > 0),
    value             numeric NOT NULL,
    unit              text    NOT NULL,
    sent_value        numeric NOT NULL,
    sent_unit         text    NOT NULL,
    yoy_growth_pct    numeric NULL,
    status            integer NOT NULL,
    note              text    NOT NULL,
    submitted_by      text    NOT NULL,
    request_id        text    NOT NULL,
    received_at       text    NOT NULL,
    replaces_sequence bigint  NULL,
    -- JSON array of {rule, message, confirmed}, as written by the service (kept as text so both engines answer alike).
    warnings          text    NOT NULL DEFAULT '[]',
    UNIQUE (org_unit, period, indicator, revision)
);

CREATE INDEX figure_revisions_received ON figure_revisions (received_at, sequence);
CREATE INDEX figure_revisions_feed ON figure_revisions (xid, sequence);

-- The newest revision of each figure.
CREATE TABLE current_figures (
    org_unit  text   COLLATE "C" NOT NULL,
    period    text   COLLATE "C" NOT NULL,
    indicator text   COLLATE "C" NOT NULL,
    sequence  bigint NOT NULL REFERENCES figure_revisions (sequence),
    PRIMARY KEY (org_unit, period, indicator)
);

-- Answers to submissions by request id, so a repeated request returns the first answer.
CREATE TABLE submission_requests (
    request_id   text  PRIMARY KEY,
    request_hash text  NOT NULL,
    response     bytea NOT NULL,
    created_at   text  NOT NULL
);
