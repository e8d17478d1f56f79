-- The academic title (học hàm: Phó Giáo sư, Giáo sư) of a member, counted by form 3-TCTW
-- (highest title only); '' when none was entered.
ALTER TABLE members ADD COLUMN academic_title TEXT COLLATE "C" NOT NULL DEFAULT '';
