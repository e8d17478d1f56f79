-- The development pipeline (phát triển đảng viên): candidates a cell develops before they are
-- members, the steps of the procedure with their artefacts and deciding documents, and the
-- introducers. The ceremony links the candidate to the member it became.
CREATE TABLE candidates (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    surname      TEXT NOT NULL DEFAULT '',
    middle_name  TEXT NOT NULL DEFAULT '',
    given_name   TEXT NOT NULL,
    full_name    TEXT NOT NULL,
    sex          TEXT NOT NULL,
    birth_date   TEXT NOT NULL DEFAULT '',
    citizen_id   TEXT NOT NULL DEFAULT '',
    ethnicity    TEXT NOT NULL DEFAULT '',
    religion     TEXT NOT NULL DEFAULT '',
    education    TEXT NOT NULL DEFAULT '',
    occupation   TEXT NOT NULL DEFAULT '',
    residence    TEXT NOT NULL DEFAULT '',
    youth_union  INTEGER NOT NULL DEFAULT 0,
    stage        TEXT NOT NULL,
    member_id    INTEGER REFERENCES members(id),
    note         TEXT NOT NULL DEFAULT '',
    sort_key     BLOB NOT NULL,
    name_fold    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX candidates_org ON candidates(org_id, stage);
CREATE INDEX candidates_member ON candidates(member_id) WHERE member_id IS NOT NULL;

CREATE TABLE candidate_steps (
    id               INTEGER PRIMARY KEY,
    candidate_id     INTEGER NOT NULL REFERENCES candidates(id),
    stage            TEXT NOT NULL,
    step_date        TEXT NOT NULL,
    number           TEXT NOT NULL DEFAULT '',
    history_date     TEXT NOT NULL DEFAULT '',
    union_resolution TEXT NOT NULL DEFAULT '',
    result           TEXT NOT NULL DEFAULT '',
    yes_votes        INTEGER NOT NULL DEFAULT 0,
    total_votes      INTEGER NOT NULL DEFAULT 0,
    committee        TEXT NOT NULL DEFAULT '',
    extended         INTEGER NOT NULL DEFAULT 0,
    consent          TEXT NOT NULL DEFAULT '',
    exception_doc    TEXT NOT NULL DEFAULT '',
    document         TEXT NOT NULL DEFAULT '',
    doc_date         TEXT NOT NULL DEFAULT '',
    doc_signer       TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX candidate_steps_candidate ON candidate_steps(candidate_id, step_date);

CREATE TABLE candidate_introducers (
    step_id      INTEGER NOT NULL REFERENCES candidate_steps(id),
    candidate_id INTEGER NOT NULL REFERENCES candidates(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    since        TEXT NOT NULL,
    PRIMARY KEY (step_id, member_id)
);
CREATE INDEX candidate_introducers_member ON candidate_introducers(member_id);
