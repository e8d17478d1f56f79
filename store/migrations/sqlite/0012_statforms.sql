-- Submission rounds of the official statistical forms (…-TCTW, HD 11-HD/BTCTW): a level (a
-- province board…) opens a round for a form as of a date over the units directly under it; each
-- unit submits its figures computed from the register (frozen as JSON, valid by the form's
-- rules) and the level above approves or returns them.
CREATE TABLE stat_rounds (
    id          INTEGER PRIMARY KEY,
    form        TEXT NOT NULL,                 -- 1-TCTW…
    as_of       TEXT NOT NULL,                 -- YYYY-MM-DD
    org_id      INTEGER NOT NULL REFERENCES orgs(id),  -- the level that opened it
    deadline    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    opened_by   TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    UNIQUE (form, as_of, org_id)
);

CREATE TABLE stat_submissions (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES stat_rounds(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),  -- the unit
    status        TEXT NOT NULL,               -- draft, submitted, approved, returned
    figures       TEXT NOT NULL,               -- the form's values as computed, JSON
    issues        TEXT NOT NULL DEFAULT '[]',  -- the warnings at submission, JSON
    submitted_by  TEXT NOT NULL DEFAULT '',
    submitted_at  TEXT NOT NULL DEFAULT '',
    decided_by    TEXT NOT NULL DEFAULT '',
    decided_at    TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, org_id)
);
