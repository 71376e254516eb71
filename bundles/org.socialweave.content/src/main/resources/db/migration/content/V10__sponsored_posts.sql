-- A paid or KOL/KOC post: the disclosure check requires an advertising label (广告, #ad) on it.
ALTER TABLE sw_post ADD COLUMN sponsored BOOLEAN DEFAULT FALSE NOT NULL;
