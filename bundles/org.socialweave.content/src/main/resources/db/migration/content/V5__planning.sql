-- Reusable snippets, inserted into texts as {{snippet:<name>}} and expanded when a post is saved.
CREATE TABLE sw_snippet (
  id            VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)    NOT NULL,
  name          VARCHAR(40)    NOT NULL,
  body          VARCHAR(4000)  NOT NULL,
  created_by    VARCHAR(255)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL,
  CONSTRAINT uq_snippet_name UNIQUE (workspace_id, name)
);

-- Templates a post draft starts from; channel ids and tags are JSON arrays.
CREATE TABLE sw_template (
  id            VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)    NOT NULL,
  name          VARCHAR(200)   NOT NULL,
  -- lower-cased name: names are unique in a workspace ignoring case
  name_key      VARCHAR(200)   NOT NULL,
  body          VARCHAR(20000) NOT NULL,
  title         VARCHAR(500),
  link          VARCHAR(2000),
  channel_ids   VARCHAR(4000)  NOT NULL,
  tags          VARCHAR(4000)  NOT NULL,
  campaign_id   VARCHAR(26)    REFERENCES sw_campaign (id),
  created_by    VARCHAR(255)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL,
  CONSTRAINT uq_template_name UNIQUE (workspace_id, name_key)
);

-- A channel's preferred weekly slots: a JSON array of {"day":"MONDAY","time":"09:30"} in time_zone.
-- The row is also the lock the queue takes while it picks that channel's next free slot.
CREATE TABLE sw_posting_schedule (
  channel_id    VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)    NOT NULL,
  time_zone     VARCHAR(64)    NOT NULL,
  slots         VARCHAR(8000)  NOT NULL,
  updated_by    VARCHAR(255)   NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL
);

-- The engagement of a published variant as last read from its network, for best-time suggestions.
CREATE TABLE sw_post_engagement (
  variant_id       VARCHAR(26)    NOT NULL PRIMARY KEY REFERENCES sw_post_variant (id) ON DELETE CASCADE,
  workspace_id     VARCHAR(26)    NOT NULL,
  channel_id       VARCHAR(26)    NOT NULL,
  network          VARCHAR(40)    NOT NULL,
  published_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  fetched_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  impressions      BIGINT,
  engagements      BIGINT,
  followers        BIGINT,
  -- engagements per impression (per follower without impressions); null when neither is known
  engagement_rate  DOUBLE PRECISION,
  failure          VARCHAR(500)
);
CREATE INDEX ix_engagement_channel ON sw_post_engagement (channel_id, published_at);
