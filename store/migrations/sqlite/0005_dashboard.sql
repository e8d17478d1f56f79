-- The dashboard counts the events of a year (admissions, recognitions, exits) by kind and date;
-- without this index that would read every event of the register.
CREATE INDEX member_events_kind_date ON member_events(kind, event_date);
