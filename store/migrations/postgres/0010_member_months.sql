-- The monthly record a cell keeps of each member: missed the cell meeting, did not pay the
-- dues, and whether there was a good reason. Three unexcused months in a year is a ground for
-- removal from the list (QĐ 294-QĐ/TW, 8.1), so the worklists read it.
CREATE TABLE member_months (
    member_id      BIGINT NOT NULL REFERENCES members(id),
    month          TEXT COLLATE "C" NOT NULL, -- YYYY-MM
    missed_meeting BOOLEAN NOT NULL DEFAULT FALSE,
    dues_unpaid    BOOLEAN NOT NULL DEFAULT FALSE,
    excused        BOOLEAN NOT NULL DEFAULT FALSE,
    note           TEXT COLLATE "C" NOT NULL DEFAULT '',
    updated_at     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (member_id, month)
);
CREATE INDEX member_months_month ON member_months(month, member_id);
