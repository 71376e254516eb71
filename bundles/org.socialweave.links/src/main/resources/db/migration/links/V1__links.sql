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

-- Click counters: one row per link, hour, bot reason and referer host, incremented by the click
-- writer's batches, so the table grows with links x hours, not with clicks. No IP address and no
-- exact time (privacy). The attribution is copied from the link so that aggregates need no join.
CREATE TABLE sw_link_click (
  link_id       VARCHAR(26)   NOT NULL,
  hour_bucket   TIMESTAMP WITH TIME ZONE NOT NULL,
  -- Why the clicks count as a bot: crawler, preview, prefetch, head, no-agent; '' for people.
  bot_reason    VARCHAR(20)   NOT NULL,
  -- The Referer's host, '' when there was none.
  referer_host  VARCHAR(255)  NOT NULL,
  workspace_id  VARCHAR(26)   NOT NULL,
  campaign_id   VARCHAR(64),
  post_id       VARCHAR(64),
  channel_id    VARCHAR(64),
  bot           BOOLEAN       NOT NULL,
  clicks        BIGINT        NOT NULL,
  CONSTRAINT pk_link_click PRIMARY KEY (link_id, hour_bucket, bot_reason, referer_host)
);

CREATE INDEX ix_link_click_workspace ON sw_link_click (workspace_id, hour_bucket);

-- The click batches already counted: a batch retried after a lost commit answer is not counted twice.
CREATE TABLE sw_link_click_batch (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  stored_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
