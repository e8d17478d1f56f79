-- The audit trail (security.md §2): one row per event, append-only, each row sealed with
-- hash = hex(SHA-256(prev_hash ‖ canonical(row))) by package audit, so that an edited, removed
-- or moved row is found by `tochuc audit verify`. seq is assigned by the store (head + 1) inside
-- the write transaction of the change the row describes, under a transaction-scoped advisory
-- lock, so that concurrent transactions cannot fork the chain.
-- actor_id and org_id carry no foreign key: the trail must outlive what it names and an audit
-- write must never fail on it. changes is the JSON array of {field, old, new}, kept as TEXT (not
-- JSONB, which would rewrite it).
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    ts           TEXT COLLATE "C" NOT NULL,
    actor_id     BIGINT NOT NULL DEFAULT 0,
    actor_name   TEXT COLLATE "C" NOT NULL DEFAULT '',
    channel      TEXT COLLATE "C" NOT NULL DEFAULT '',
    ip           TEXT COLLATE "C" NOT NULL DEFAULT '',
    session_hash TEXT COLLATE "C" NOT NULL DEFAULT '',
    action       TEXT COLLATE "C" NOT NULL,
    object_type  TEXT COLLATE "C" NOT NULL DEFAULT '',
    object_id    TEXT COLLATE "C" NOT NULL DEFAULT '',
    org_id       BIGINT NOT NULL DEFAULT 0,
    outcome      TEXT COLLATE "C" NOT NULL DEFAULT '',
    reason       TEXT COLLATE "C" NOT NULL DEFAULT '',
    changes      TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    detail       TEXT COLLATE "C" NOT NULL DEFAULT '',
    prev_hash    TEXT COLLATE "C" NOT NULL,
    hash         TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq);
CREATE INDEX audit_log_org ON audit_log(org_id, seq);
CREATE INDEX audit_log_actor ON audit_log(actor_id, seq);

-- Append-only (ASVS 16.4.2): the application never updates, deletes or truncates an audit row,
-- and the database refuses it, whatever the row count (statement-level triggers).
--
-- PRODUCTION: a trigger stops mistakes and the application's own role, not a table owner, who
-- can drop it. A production deployment should make audit_log (and this function) owned by a
-- separate role, ideally in a separate schema, and grant the application's role only
--     GRANT SELECT, INSERT ON audit_log TO tochuc_app;
-- (no UPDATE, DELETE, TRUNCATE, TRIGGER or ownership), and consider pgaudit for DBA activity.
-- The hash chain, with a head recorded outside the database, shows what an owner then did.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
-- Rows are added at the head only: seq = last seq + 1 (no row slipped in below or after a gap;
-- an upsert over an existing row is refused here and by the UPDATE trigger).
CREATE FUNCTION audit_log_append_at_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS DISTINCT FROM (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log) THEN
        RAISE EXCEPTION 'audit_log is append-only: seq must follow the last entry'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_at_head();
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
