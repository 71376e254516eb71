-- Core records: workspaces, users, memberships, API tokens, browser sessions,
-- the audit hash chain, the secrets vault and stored idempotent responses.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.

CREATE TABLE sw_workspace (
  id          VARCHAR(26)  NOT NULL PRIMARY KEY,
  slug        VARCHAR(64)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  time_zone   VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  version     BIGINT       NOT NULL,
  CONSTRAINT uq_workspace_slug UNIQUE (slug)
);

CREATE TABLE sw_user (
  id              VARCHAR(26)  NOT NULL PRIMARY KEY,
  username        VARCHAR(64)  NOT NULL,
  display_name    VARCHAR(200) NOT NULL,
  email           VARCHAR(320),
  password_hash   VARCHAR(255) NOT NULL,
  system_admin    BOOLEAN      NOT NULL,
  disabled        BOOLEAN      NOT NULL,
  failed_logins   INTEGER      NOT NULL,
  locked_until    TIMESTAMP WITH TIME ZONE,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  version         BIGINT       NOT NULL,
  CONSTRAINT uq_user_username UNIQUE (username)
);

CREATE TABLE sw_membership (
  id            VARCHAR(26) NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26) NOT NULL REFERENCES sw_workspace (id),
  user_id       VARCHAR(26) NOT NULL REFERENCES sw_user (id),
  role          VARCHAR(16) NOT NULL,
  granted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_membership UNIQUE (workspace_id, user_id)
);

CREATE TABLE sw_api_token (
  id            VARCHAR(26)  NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)  NOT NULL REFERENCES sw_workspace (id),
  user_id       VARCHAR(26)  NOT NULL REFERENCES sw_user (id),
  name          VARCHAR(100) NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  prefix        VARCHAR(16)  NOT NULL,
  secret_hash   VARCHAR(64)  NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE,
  revoked_at    TIMESTAMP WITH TIME ZONE,
  last_used_at  TIMESTAMP WITH TIME ZONE,
  CONSTRAINT uq_api_token_hash UNIQUE (secret_hash)
);
CREATE INDEX ix_api_token_workspace ON sw_api_token (workspace_id, id);

CREATE TABLE sw_session (
  id_hash       VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id       VARCHAR(26) NOT NULL REFERENCES sw_user (id),
  csrf_token    VARCHAR(64) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sw_audit_entry (
  seq            BIGINT        NOT NULL PRIMARY KEY,
  at             TIMESTAMP WITH TIME ZONE NOT NULL,
  actor          VARCHAR(120)  NOT NULL,
  workspace_id   VARCHAR(26),
  action         VARCHAR(200)  NOT NULL,
  target         VARCHAR(500),
  source_address VARCHAR(64),
  outcome        VARCHAR(64)   NOT NULL,
  previous_hash  VARCHAR(64)   NOT NULL,
  hash           VARCHAR(64)   NOT NULL
);
CREATE INDEX ix_audit_workspace ON sw_audit_entry (workspace_id, seq);

-- One row: the head of the chain, locked while appending so that nodes append in turn.
CREATE TABLE sw_audit_head (
  id         INTEGER     NOT NULL PRIMARY KEY,
  last_seq   BIGINT      NOT NULL,
  last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO sw_audit_head (id, last_seq, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE sw_secret (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)   NOT NULL REFERENCES sw_workspace (id),
  name          VARCHAR(200)  NOT NULL,
  ciphertext    VARCHAR(16384) NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_secret UNIQUE (workspace_id, name)
);

CREATE TABLE sw_idempotency (
  scope_key     VARCHAR(64)   NOT NULL PRIMARY KEY,
  request_hash  VARCHAR(64)   NOT NULL,
  status        INTEGER       NOT NULL,
  location      VARCHAR(1000),
  body          VARCHAR(1000000),
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
