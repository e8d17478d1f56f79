-- Transfers of party activity (chuyển sinh hoạt đảng) in two steps: the sending side issues the
-- slip (giấy giới thiệu sinh hoạt đảng), the receiving side confirms receipt. An official
-- transfer also writes member events (transfer_out at issue, transfer_in at receipt); a
-- temporary one never changes the placement: the host lists the member without counting them.
CREATE TABLE transfers (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES members(id),
    kind             TEXT NOT NULL,                 -- official, temporary
    scope            TEXT NOT NULL,                 -- domestic, abroad, returning
    purpose          TEXT NOT NULL DEFAULT '',      -- temporary: move, study
    from_org_id      INTEGER NOT NULL REFERENCES orgs(id),
    to_org_id        INTEGER REFERENCES orgs(id),   -- NULL: abroad to a party outside the tree
    destination      TEXT NOT NULL DEFAULT '',      -- free-text destination (abroad)
    slip_number      TEXT NOT NULL DEFAULT '',      -- Số GTSHĐ
    slip_date        TEXT NOT NULL,
    dues_paid_to     TEXT NOT NULL DEFAULT '',      -- YYYY-MM
    card_number      TEXT NOT NULL DEFAULT '',      -- copied at issue
    history_number   TEXT NOT NULL DEFAULT '',      -- copied at issue
    document         TEXT NOT NULL DEFAULT '',
    doc_date         TEXT NOT NULL DEFAULT '',
    doc_signer       TEXT NOT NULL DEFAULT '',
    until_date       TEXT NOT NULL DEFAULT '',      -- temporary: planned end
    status           TEXT NOT NULL,                 -- issued, received, cancelled
    received_date    TEXT NOT NULL DEFAULT '',
    received_doc     TEXT NOT NULL DEFAULT '',
    received_signer  TEXT NOT NULL DEFAULT '',
    cancelled_date   TEXT NOT NULL DEFAULT '',
    out_event_id     INTEGER REFERENCES member_events(id),
    batch_id         TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX transfers_member ON transfers(member_id, slip_date);
CREATE INDEX transfers_status ON transfers(status, slip_date);
CREATE INDEX transfers_from ON transfers(from_org_id, slip_date);
CREATE INDEX transfers_to ON transfers(to_org_id, slip_date);

-- The facts of an exit that later decisions depend on (re-admission is barred after some
-- exits): the removal ground (1–5) and the reason as the re-admission rules name it.
CREATE TABLE member_exits (
    event_id        INTEGER PRIMARY KEY REFERENCES member_events(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    kind            TEXT NOT NULL,
    ground          INTEGER NOT NULL DEFAULT 0,
    reason          TEXT NOT NULL DEFAULT '',
    family_hardship INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX member_exits_member ON member_exits(member_id);
