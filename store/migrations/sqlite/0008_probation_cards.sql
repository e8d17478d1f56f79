-- Probation to official (công nhận đảng viên chính thức): every vote of the cell (and, after
-- three votes without a two-thirds majority either way, of the higher committee) on a
-- probationary member, with its deciding document. probation_start names the probation the vote
-- belongs to (a re-admitted member serves a new one).
CREATE TABLE probation_reviews (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    probation_start TEXT NOT NULL,
    vote_no         INTEGER NOT NULL,              -- 1..3 at the cell; counted again at the committee
    level           TEXT NOT NULL,                 -- cell, committee
    vote_date       TEXT NOT NULL,
    yes_votes       INTEGER NOT NULL,
    no_votes        INTEGER NOT NULL DEFAULT 0,
    total           INTEGER NOT NULL,              -- official members (or committee members) entitled to vote
    outcome         TEXT NOT NULL,                 -- pass, fail, no_majority
    escalated       INTEGER NOT NULL DEFAULT 0,    -- this vote sent the matter to the higher committee
    document        TEXT NOT NULL DEFAULT '',
    doc_date        TEXT NOT NULL DEFAULT '',
    doc_signer      TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX probation_reviews_member ON probation_reviews(member_id, probation_start, vote_date);

-- Party cards (thẻ đảng viên): every card a member held, with its deciding document and what
-- became of it. The number is an opaque string (its format is not published).
CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    number      TEXT NOT NULL,
    issue_date  TEXT NOT NULL,
    document    TEXT NOT NULL DEFAULT '',
    doc_date    TEXT NOT NULL DEFAULT '',
    doc_signer  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,                     -- issued, lost, damaged, returned, replaced, kept
    status_date TEXT NOT NULL DEFAULT '',
    replaced_by INTEGER REFERENCES cards(id),
    last_check  TEXT NOT NULL,                     -- the last technical check (the issue date at first)
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX cards_member ON cards(member_id, issue_date);
CREATE INDEX cards_number ON cards(number);
CREATE INDEX cards_status ON cards(status, last_check);

-- Card requests: a new official member proposed for a card (forms 1-TĐV and 1A-TĐV), with the
-- organization the member belonged to when proposed.
CREATE TABLE card_requests (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER NOT NULL REFERENCES members(id),
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    requested_date TEXT NOT NULL,
    status         TEXT NOT NULL,                  -- requested, issued
    photos         INTEGER NOT NULL DEFAULT 0,     -- the two 2×3 cm photos were provided
    card_id        INTEGER REFERENCES cards(id),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX card_requests_member ON card_requests(member_id);
CREATE INDEX card_requests_date ON card_requests(requested_date, status);
