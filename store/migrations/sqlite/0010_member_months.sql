-- The monthly record a cell keeps of each member: missed the cell meeting, did not pay the
-- dues, and whether there was a good reason. Three unexcused months in a year is a ground for
-- removal from the list (QĐ 294-QĐ/TW, 8.1), so the worklists read it.
CREATE TABLE member_months (
    member_id      INTEGER NOT NULL REFERENCES members(id),
    month          TEXT NOT NULL, -- YYYY-MM
    missed_meeting INTEGER NOT NULL DEFAULT 0,
    dues_unpaid    INTEGER NOT NULL DEFAULT 0,
    excused        INTEGER NOT NULL DEFAULT 0,
    note           TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (member_id, month)
);
CREATE INDEX member_months_month ON member_months(month, member_id);
