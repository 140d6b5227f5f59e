-- The target feed in commit order (Storage.Postgres/PostgresFeed): each revision keeps the transaction that wrote it,
-- and the feed serves a revision once every transaction with a lower id has ended, in (xid, sequence) order, so a
-- revision that took a lower sequence and committed later is never skipped. The revisions already stored get this
-- migration's transaction id, which keeps them in sequence order before every later one.
ALTER TABLE target_revisions ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX target_revisions_feed ON target_revisions (xid, sequence);
