-- Posts: the master copy. Times are instants; time_zone is the IANA zone the post was planned in.
CREATE TABLE sw_post (
  id            VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)    NOT NULL,
  campaign_id   VARCHAR(26),
  body          VARCHAR(20000) NOT NULL,
  title         VARCHAR(500),
  link          VARCHAR(2000),
  time_zone     VARCHAR(64)    NOT NULL,
  scheduled_at  TIMESTAMP WITH TIME ZONE,
  revision      INTEGER        NOT NULL,
  created_by    VARCHAR(255)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL
);
CREATE INDEX ix_post_calendar ON sw_post (workspace_id, scheduled_at);

-- One variant per target channel; custom_text is null when the master copy is adapted.
CREATE TABLE sw_post_variant (
  id            VARCHAR(26)    NOT NULL PRIMARY KEY,
  post_id       VARCHAR(26)    NOT NULL REFERENCES sw_post (id) ON DELETE CASCADE,
  workspace_id  VARCHAR(26)    NOT NULL,
  channel_id    VARCHAR(26)    NOT NULL,
  network       VARCHAR(40)    NOT NULL,
  custom_text   VARCHAR(20000),
  position      INTEGER        NOT NULL,
  CONSTRAINT uq_variant_channel UNIQUE (post_id, channel_id)
);
CREATE INDEX ix_variant_channel ON sw_post_variant (workspace_id, channel_id);

-- Every revision of a post's content, as JSON, kept for the audit trail and for undo.
CREATE TABLE sw_post_revision (
  post_id     VARCHAR(26)     NOT NULL REFERENCES sw_post (id) ON DELETE CASCADE,
  revision    INTEGER         NOT NULL,
  content     VARCHAR(100000) NOT NULL,
  author      VARCHAR(255)    NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (post_id, revision)
);

-- The publishing outbox: one job per scheduled variant, written in the same transaction as the
-- post command. Dispatchers claim due rows with a conditional update and a lease.
CREATE TABLE sw_publish_job (
  id               VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id     VARCHAR(26)    NOT NULL,
  post_id          VARCHAR(26)    NOT NULL REFERENCES sw_post (id) ON DELETE CASCADE,
  variant_id       VARCHAR(26)    NOT NULL REFERENCES sw_post_variant (id) ON DELETE CASCADE,
  channel_id       VARCHAR(26)    NOT NULL,
  network          VARCHAR(40)    NOT NULL,
  status           VARCHAR(20)    NOT NULL,
  due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts         INTEGER        NOT NULL,
  idempotency_key  VARCHAR(80)    NOT NULL,
  -- An attempt may have reached the network: reconcile before sending again.
  in_doubt         BOOLEAN        NOT NULL,
  first_sent_at    TIMESTAMP WITH TIME ZONE,
  -- The text of the attempt that may have reached the network, to find its post again.
  sent_text        VARCHAR(20000),
  network_job_id   VARCHAR(255),
  lease_owner      VARCHAR(100),
  lease_until      TIMESTAMP WITH TIME ZONE,
  platform_post_id VARCHAR(500),
  url              VARCHAR(2000),
  published_at     TIMESTAMP WITH TIME ZONE,
  failure_kind     VARCHAR(40),
  failure_code     VARCHAR(100),
  failure_message  VARCHAR(2000),
  failure_action   VARCHAR(500),
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  version          BIGINT         NOT NULL,
  CONSTRAINT uq_job_variant UNIQUE (variant_id),
  CONSTRAINT uq_job_key UNIQUE (idempotency_key)
);
CREATE INDEX ix_job_due ON sw_publish_job (status, due_at);
CREATE INDEX ix_job_post ON sw_publish_job (post_id);
