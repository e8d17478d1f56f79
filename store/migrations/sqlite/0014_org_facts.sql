-- Facts a clerk enters for an org (a commune or ward, a district, a province) for a year, the
-- denominators of the ratios: the population of its area and the number of villages and
-- residential groups (thôn, ấp, bản, tổ dân phố), with how many of them have a party cell.
-- NULL: not entered. villages_with_cell NULL: derived from the cells whose setting is 'village'.
CREATE TABLE org_facts (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    year               INTEGER NOT NULL,
    population         INTEGER,
    villages           INTEGER,
    villages_with_cell INTEGER,
    document           TEXT NOT NULL DEFAULT '',   -- the source (statistical yearbook, decision)
    updated_at         TEXT NOT NULL,
    UNIQUE (org_id, year)
);
CREATE INDEX org_facts_year ON org_facts(year, org_id);
