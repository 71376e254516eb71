-- Campaigns with a SMART goal. Dates are days in the workspace's time zone; channel ids and tags
-- are JSON arrays, read and written whole with the campaign.
CREATE TABLE sw_campaign (
  id            VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)    NOT NULL,
  name          VARCHAR(200)   NOT NULL,
  -- lower-cased name: names are unique in a workspace ignoring case
  name_key      VARCHAR(200)   NOT NULL,
  objective     VARCHAR(2000)  NOT NULL,
  kpi           VARCHAR(40)    NOT NULL,
  target_value  DECIMAL(19, 4) NOT NULL,
  starts_on     DATE,
  deadline      DATE           NOT NULL,
  owner_id      VARCHAR(255)   NOT NULL,
  channel_ids   VARCHAR(4000)  NOT NULL,
  tags          VARCHAR(4000)  NOT NULL,
  status        VARCHAR(20)    NOT NULL,
  budget_id     VARCHAR(26),
  created_by    VARCHAR(255)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL,
  CONSTRAINT uq_campaign_name UNIQUE (workspace_id, name_key)
);

-- Until now a post's campaign id was only checked for its form: ids that name no campaign are
-- dropped, and from here on the database refuses them (and the deletion of a campaign in use).
UPDATE sw_post SET campaign_id = NULL WHERE campaign_id IS NOT NULL;
ALTER TABLE sw_post ADD CONSTRAINT fk_post_campaign FOREIGN KEY (campaign_id) REFERENCES sw_campaign (id);
CREATE INDEX ix_post_campaign ON sw_post (campaign_id);
