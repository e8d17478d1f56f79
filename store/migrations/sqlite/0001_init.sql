-- The organization tree through time, the member register and its timeline.
CREATE TABLE orgs (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE org_events (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    document       TEXT NOT NULL DEFAULT '',
    detail         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX org_events_org ON org_events(org_id, effective_date);

CREATE TABLE org_versions (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    valid_from      TEXT NOT NULL,
    valid_to        TEXT NOT NULL DEFAULT '9999-12-31',
    parent_id       INTEGER REFERENCES orgs(id),
    path            TEXT NOT NULL,
    depth           INTEGER NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    setting         TEXT NOT NULL DEFAULT '',
    admin_unit_code TEXT NOT NULL DEFAULT '',
    attrs           TEXT NOT NULL DEFAULT '',
    sort_key        BLOB NOT NULL
);
CREATE INDEX org_versions_org ON org_versions(org_id, valid_from);
CREATE INDEX org_versions_path ON org_versions(path, valid_from);
CREATE INDEX org_versions_parent ON org_versions(parent_id, valid_from);

CREATE TABLE members (
    id                         INTEGER PRIMARY KEY,
    surname                    TEXT NOT NULL DEFAULT '',
    middle_name                TEXT NOT NULL DEFAULT '',
    given_name                 TEXT NOT NULL,
    full_name                  TEXT NOT NULL,
    birth_name                 TEXT NOT NULL DEFAULT '',
    aliases                    TEXT NOT NULL DEFAULT '',
    sex                        TEXT NOT NULL,
    birth_date                 TEXT NOT NULL DEFAULT '',
    birth_place                TEXT NOT NULL DEFAULT '',
    home_town                  TEXT NOT NULL DEFAULT '',
    residence                  TEXT NOT NULL DEFAULT '',
    ethnicity                  TEXT NOT NULL DEFAULT '',
    religion                   TEXT NOT NULL DEFAULT '',
    education                  TEXT NOT NULL DEFAULT '',
    professional_qualification TEXT NOT NULL DEFAULT '',
    political_theory           TEXT NOT NULL DEFAULT '',
    occupation                 TEXT NOT NULL DEFAULT '',
    citizen_id                 TEXT NOT NULL DEFAULT '',
    card_number                TEXT NOT NULL DEFAULT '',
    history_number             TEXT NOT NULL DEFAULT '',
    admission_date             TEXT NOT NULL DEFAULT '',
    ceremony_date              TEXT NOT NULL DEFAULT '',
    official_date              TEXT NOT NULL DEFAULT '',
    org_id                     INTEGER REFERENCES orgs(id),
    status                     TEXT NOT NULL DEFAULT '',
    sort_key                   BLOB NOT NULL,
    name_fold                  TEXT NOT NULL,
    full_fold                  TEXT NOT NULL,
    created_at                 TEXT NOT NULL,
    updated_at                 TEXT NOT NULL
);
CREATE INDEX members_org_sort ON members(org_id, sort_key);
CREATE INDEX members_name_fold ON members(name_fold, status);
CREATE INDEX members_full_fold ON members(full_fold, status);
CREATE INDEX members_citizen_id ON members(citizen_id) WHERE citizen_id <> '';
CREATE INDEX members_card_number ON members(card_number) WHERE card_number <> '';

CREATE TABLE member_photos (
    member_id    INTEGER PRIMARY KEY REFERENCES members(id),
    content_type TEXT NOT NULL,
    data         BLOB NOT NULL
);

CREATE TABLE member_events (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    kind       TEXT NOT NULL,
    event_date TEXT NOT NULL,
    org_id     INTEGER REFERENCES orgs(id),
    document   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_events_member ON member_events(member_id, event_date);

-- Spans are stored clustered by member (a member's spans never share a start day): the bulk
-- loader writes them in member order, so no separate per-member index has to be built, and the
-- org index below carries member_id, which makes it covering for as-of lists and exports.
CREATE TABLE member_spans (
    member_id     INTEGER NOT NULL REFERENCES members(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    valid_from    TEXT NOT NULL,
    valid_to      TEXT NOT NULL,
    state         TEXT NOT NULL,
    official_from TEXT NOT NULL,
    end_kind      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX member_spans_org ON member_spans(org_id, valid_from, valid_to, state, official_from);
