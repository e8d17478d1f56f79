-- Every step of a member's timeline records its deciding document: the symbol (document, e.g.
-- 123-QĐ/ĐU) was there; its date and signer join it.
ALTER TABLE member_events ADD COLUMN doc_date TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE member_events ADD COLUMN doc_signer TEXT COLLATE "C" NOT NULL DEFAULT '';
