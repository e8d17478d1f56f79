-- Targets (chỉ tiêu) of an org for a year or a term [year_from, year_to], on a figure the
-- statistics engine computes: the members of the subtree at the end of the period ('members')
-- or a flow over the period ('admitted', 'removed'…), narrowed by a filter of dimensions
-- ('border=true'), with a direction (at_least, at_most: "kéo giảm") and a baseline.
CREATE TABLE targets (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    year_from   INTEGER NOT NULL,
    year_to     INTEGER NOT NULL,
    figure      TEXT NOT NULL,
    filter      TEXT NOT NULL DEFAULT '',      -- dim=code;dim=code, sorted
    direction   TEXT NOT NULL,                 -- at_least, at_most
    target      INTEGER NOT NULL,
    baseline    INTEGER,                       -- NULL: none given
    label       TEXT NOT NULL DEFAULT '',
    document    TEXT NOT NULL DEFAULT '',      -- the resolution that set it
    updated_at  TEXT NOT NULL,
    UNIQUE (org_id, year_from, year_to, figure, filter)
);
CREATE INDEX targets_year ON targets(year_from, year_to, org_id);

-- A committee's indicator set for a year: each indicator computed from a target or entered by
-- hand with its value, achieved or not, and the evidence document.
CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    year        INTEGER NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    target_id   INTEGER REFERENCES targets(id),   -- NULL: entered by hand
    value       TEXT NOT NULL DEFAULT '',
    achieved    INTEGER NOT NULL DEFAULT 0,
    evidence    TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    UNIQUE (org_id, year, name)
);

-- A work programme: projects and tasks (đề án, nhiệm vụ) with owner, deadline, status and
-- result document; overdue is computed (not done after the deadline).
CREATE TABLE work_items (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,                 -- project, task
    title       TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    deadline    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,                 -- not_started, in_progress, done
    done_date   TEXT NOT NULL DEFAULT '',
    result_doc  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    UNIQUE (org_id, year, title)
);
