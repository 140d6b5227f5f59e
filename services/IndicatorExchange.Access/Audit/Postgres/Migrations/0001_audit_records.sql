-- The audit trail on PostgreSQL: the same table as Audit/Sqlite/Migrations/0001, appended to, never changed.
-- Every replica of every service appends here; the identity column numbers the records across replicas.
CREATE TABLE audit_records (
    sequence         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- ISO 8601 UTC text with seven fractional digits, as on SQLite: the moment keeps its 100 ns ticks and from/to
    -- compare the same way on both engines (COLLATE "C": byte by byte).
    received_at      text COLLATE "C" NOT NULL,
    subject          text COLLATE "C" NOT NULL,
    role             text NOT NULL,
    org_unit         text COLLATE "C" NOT NULL,
    token_id         text NOT NULL,
    method           text COLLATE "C" NOT NULL,
    request_id       text NOT NULL,
    peer             text NOT NULL,
    outcome          text COLLATE "C" NOT NULL,
    detail           text NOT NULL,
    target_org_units text NOT NULL
);
CREATE INDEX audit_records_subject ON audit_records (subject, sequence);
CREATE INDEX audit_records_method ON audit_records (method, sequence);

CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only';
END;
$$;
CREATE TRIGGER audit_records_no_update BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
