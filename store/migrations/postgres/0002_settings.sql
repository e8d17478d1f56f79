-- Small key/value facts about the database itself, e.g. the day the "today" placement columns
-- of members were last brought up to date.
CREATE TABLE settings (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);
