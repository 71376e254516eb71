-- The revision an attempt sent, so a publication names the exact revision that went out.
ALTER TABLE sw_publish_job ADD COLUMN sent_revision INTEGER;

-- Each per-channel publication outcome (published with its URL, or failed), linked into the audit
-- chain: the entry's target carries the SHA-256 of the outcome's facts.
CREATE TABLE sw_publication (
  id               VARCHAR(26)    NOT NULL PRIMARY KEY,
  workspace_id     VARCHAR(26)    NOT NULL,
  post_id          VARCHAR(26)    NOT NULL,
  revision         INTEGER        NOT NULL,
  variant_id       VARCHAR(26)    NOT NULL,
  channel_id       VARCHAR(26)    NOT NULL,
  network          VARCHAR(40)    NOT NULL,
  job_id           VARCHAR(26)    NOT NULL,
  outcome          VARCHAR(20)    NOT NULL,
  platform_post_id VARCHAR(500),
  url              VARCHAR(2000),
  failure_kind     VARCHAR(40),
  failure_message  VARCHAR(2000),
  at               TIMESTAMP WITH TIME ZONE NOT NULL,
  digest           VARCHAR(64)    NOT NULL,
  audit_seq        BIGINT         NOT NULL,
  audit_hash       VARCHAR(64)    NOT NULL
);
CREATE INDEX ix_publication_post ON sw_publication (post_id, at);
CREATE INDEX ix_publication_time ON sw_publication (workspace_id, at);
