-- The audit trail (security.md §2): one row per event, append-only, each row sealed with
-- hash = hex(SHA-256(prev_hash ‖ canonical(row))) by package audit, so that an edited, removed
-- or moved row is found by `tochuc audit verify`. seq is assigned by the store (head + 1) inside
-- the write transaction of the change the row describes; the single SQLite writer serialises it.
-- actor_id and org_id carry no foreign key: the trail must outlive what it names and an audit
-- write must never fail on it. changes is the JSON array of {field, old, new}.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    ts           TEXT NOT NULL,
    actor_id     INTEGER NOT NULL DEFAULT 0,
    actor_name   TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT '',
    session_hash TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL DEFAULT '',
    object_id    TEXT NOT NULL DEFAULT '',
    org_id       INTEGER NOT NULL DEFAULT 0,
    outcome      TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    changes      TEXT NOT NULL DEFAULT '[]',
    detail       TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq);
CREATE INDEX audit_log_org ON audit_log(org_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_id, seq);

-- Append-only (ASVS 16.4.2): the application never updates or deletes an audit row, and the
-- database refuses it. (Triggers also disable SQLite's truncate optimisation, so a DELETE
-- without WHERE is refused too.) Someone holding the file can still drop the triggers: the hash
-- chain, and a head recorded outside the database, show what they then did.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- Rows are added at the head only: seq = last seq + 1. This also refuses INSERT OR REPLACE,
-- whose implicit delete fires no delete trigger, and a row slipped in below or after a gap.
CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: seq must follow the last entry');
END;
