-- A campaign's own approval sequence, used for its posts instead of the workspace's.
CREATE TABLE sw_approval_campaign_policy (
  workspace_id  VARCHAR(26)    NOT NULL,
  campaign_id   VARCHAR(26)    NOT NULL,
  enabled       BOOLEAN        NOT NULL,
  stages        VARCHAR(20000) NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL,
  PRIMARY KEY (workspace_id, campaign_id)
);

-- The policy a request was opened under (null: the workspace's).
ALTER TABLE sw_approval_request ADD COLUMN campaign_id VARCHAR(26);

-- A signed link for a reviewer without an account: one stage of one request (one revision).
CREATE TABLE sw_approval_review_link (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)   NOT NULL,
  request_id    VARCHAR(26)   NOT NULL REFERENCES sw_approval_request (id) ON DELETE CASCADE,
  post_id       VARCHAR(26)   NOT NULL,
  revision      INTEGER       NOT NULL,
  stage         INTEGER       NOT NULL,
  email         VARCHAR(254)  NOT NULL,
  name          VARCHAR(100)  NOT NULL,
  -- The vault entry of the key that signed the link.
  key_name      VARCHAR(200)  NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by    VARCHAR(26)   NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at    TIMESTAMP WITH TIME ZONE,
  decided_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_review_link_request ON sw_approval_review_link (request_id);

-- An external reviewer's decision names the link (user_id) and this address.
ALTER TABLE sw_approval_decision ADD COLUMN external_email VARCHAR(254);

-- One row per reminder sent: the primary key is what keeps nodes and restarts from sending twice.
CREATE TABLE sw_approval_reminder (
  request_id    VARCHAR(26)   NOT NULL REFERENCES sw_approval_request (id) ON DELETE CASCADE,
  stage         INTEGER       NOT NULL,
  threshold     VARCHAR(20)   NOT NULL,
  sent_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  recipients    INTEGER       NOT NULL,
  PRIMARY KEY (request_id, stage, threshold)
);
CREATE INDEX ix_approval_due ON sw_approval_request (status, stage_due_at);
