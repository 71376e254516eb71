-- Short links. A link never changes once minted: the redirector caches it without invalidation.
CREATE TABLE sw_link (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)   NOT NULL,
  code          VARCHAR(16)   NOT NULL,
  target        VARCHAR(4000) NOT NULL,
  utm_source    VARCHAR(200),
  utm_medium    VARCHAR(200),
  utm_campaign  VARCHAR(200),
  utm_term      VARCHAR(200),
  utm_content   VARCHAR(200),
  campaign_id   VARCHAR(64),
  post_id       VARCHAR(64),
  variant_id    VARCHAR(64),
  channel_id    VARCHAR(64),
  -- SHA-256 of target (UTM applied) and attribution: the same inputs give the same link.
  identity_hash VARCHAR(64)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_link_code UNIQUE (code),
  CONSTRAINT uq_link_identity UNIQUE (workspace_id, identity_hash)
);

-- One row per redirect. No IP address and no exact time (privacy): the hour and the referer's
-- host only. The attribution is copied from the link so that aggregates need no join.
CREATE TABLE sw_link_click (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  link_id       VARCHAR(26)   NOT NULL,
  workspace_id  VARCHAR(26)   NOT NULL,
  campaign_id   VARCHAR(64),
  post_id       VARCHAR(64),
  channel_id    VARCHAR(64),
  hour_bucket   TIMESTAMP WITH TIME ZONE NOT NULL,
  bot           BOOLEAN       NOT NULL,
  -- Why a click counts as a bot: crawler, preview, prefetch, head, no-agent; NULL for humans.
  bot_reason    VARCHAR(20),
  referer_host  VARCHAR(255)
);

CREATE INDEX ix_link_click_link ON sw_link_click (workspace_id, link_id);
CREATE INDEX ix_link_click_post ON sw_link_click (workspace_id, post_id);
CREATE INDEX ix_link_click_channel ON sw_link_click (workspace_id, channel_id);
CREATE INDEX ix_link_click_campaign ON sw_link_click (workspace_id, campaign_id);
