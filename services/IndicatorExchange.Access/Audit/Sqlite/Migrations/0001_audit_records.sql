-- The audit trail of writes: appended to, never changed.
CREATE TABLE audit_records (
    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at      TEXT NOT NULL,
    subject          TEXT NOT NULL,
    role             TEXT NOT NULL,
    org_unit         TEXT NOT NULL,
    token_id         TEXT NOT NULL,
    method           TEXT NOT NULL,
    request_id       TEXT NOT NULL,
    peer             TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    detail           TEXT NOT NULL,
    target_org_units TEXT NOT NULL
);
CREATE INDEX audit_records_subject ON audit_records (subject, sequence);
CREATE INDEX audit_records_method ON audit_records (method, sequence);

CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit records are append-only');
END;
