-- A workspace's check settings as one JSON document (check id -> enabled, severity, parameters),
-- read and replaced whole under one version, the settings' ETag. No row: every check at its
-- defaults.
CREATE TABLE sw_check_settings (
  workspace_id  VARCHAR(26)  NOT NULL PRIMARY KEY,
  settings      VARCHAR      NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT       NOT NULL
);

-- One check run on one variant of one revision of a post (at submit, approval, schedule or
-- dispatch). The findings are kept as JSON; digest covers them, and the audit entry audit_seq
-- carries the digest, so the stored findings can be proven unchanged.
CREATE TABLE sw_check_run (
  id             VARCHAR(26)  NOT NULL PRIMARY KEY,
  workspace_id   VARCHAR(26)  NOT NULL,
  post_id        VARCHAR(26)  NOT NULL,
  revision       INTEGER      NOT NULL,
  variant_id     VARCHAR(26),
  network        VARCHAR(64),
  stage          VARCHAR(16)  NOT NULL,
  ran_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  actor          VARCHAR(255),
  blocked        BOOLEAN      NOT NULL,
  block_count    INTEGER      NOT NULL,
  warn_count     INTEGER      NOT NULL,
  info_count     INTEGER      NOT NULL,
  body           VARCHAR      NOT NULL,
  digest         VARCHAR(64)  NOT NULL,
  audit_seq      BIGINT       NOT NULL,
  audit_hash     VARCHAR(64)  NOT NULL
);
CREATE INDEX ix_check_run_post ON sw_check_run (workspace_id, post_id, revision, ran_at);
CREATE INDEX ix_check_run_time ON sw_check_run (workspace_id, ran_at);
