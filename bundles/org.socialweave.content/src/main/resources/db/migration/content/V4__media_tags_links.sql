-- Media, hashtags and tracked links of posts (JSON arrays and objects, read and written whole with
-- their row). A variant's media is null when it takes the master copy's; short_links maps each link
-- of its text to the tracked short link that replaces it, minted once per revision.
ALTER TABLE sw_post ADD COLUMN media VARCHAR(4000);
ALTER TABLE sw_post ADD COLUMN tags VARCHAR(4000);
ALTER TABLE sw_post ADD COLUMN utm_campaign VARCHAR(200);
ALTER TABLE sw_post_variant ADD COLUMN media VARCHAR(4000);
ALTER TABLE sw_post_variant ADD COLUMN mentions VARCHAR(4000);
ALTER TABLE sw_post_variant ADD COLUMN short_links VARCHAR(20000);
