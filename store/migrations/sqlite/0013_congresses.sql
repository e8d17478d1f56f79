-- Congresses (đại hội) held by an org for a term: the fact behind "497/567 tổ chức cơ sở đảng
-- đã tổ chức đại hội". One row per org and term; the date it was held and the document that
-- records it (the congress resolution or the superior committee's approval).
CREATE TABLE congresses (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    term_from   INTEGER NOT NULL,
    term_to     INTEGER NOT NULL,
    held_on     TEXT NOT NULL,
    document    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    UNIQUE (org_id, term_from)
);
CREATE INDEX congresses_term ON congresses(term_from, held_on);
