-- A workspace's approval sequence; stages as JSON (name, role, userIds, rule, slaHours).
CREATE TABLE sw_approval_policy (
  workspace_id  VARCHAR(26)    NOT NULL PRIMARY KEY,
  enabled       BOOLEAN        NOT NULL,
  stages        VARCHAR(20000) NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT         NOT NULL
);

-- One request per submitted revision of a post.
CREATE TABLE sw_approval_request (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)   NOT NULL,
  post_id       VARCHAR(26)   NOT NULL,
  revision      INTEGER       NOT NULL,
  status        VARCHAR(20)   NOT NULL,
  stage         INTEGER       NOT NULL,
  stage_due_at  TIMESTAMP WITH TIME ZONE,
  -- The stages as they were when the request was opened: a policy change does not move it.
  stages        VARCHAR(20000) NOT NULL,
  submitted_by  VARCHAR(26)   NOT NULL,
  submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at     TIMESTAMP WITH TIME ZONE,
  version       BIGINT        NOT NULL
);
CREATE INDEX ix_approval_post ON sw_approval_request (workspace_id, post_id);
CREATE INDEX ix_approval_status ON sw_approval_request (workspace_id, status);

CREATE TABLE sw_approval_decision (
  id            VARCHAR(26)   NOT NULL PRIMARY KEY,
  request_id    VARCHAR(26)   NOT NULL REFERENCES sw_approval_request (id) ON DELETE CASCADE,
  stage         INTEGER       NOT NULL,
  user_id       VARCHAR(26)   NOT NULL,
  username      VARCHAR(255)  NOT NULL,
  verdict       VARCHAR(20)   NOT NULL,
  comment       VARCHAR(4000),
  span_start    INTEGER,
  span_end      INTEGER,
  channel_id    VARCHAR(26),
  decided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_decision_once UNIQUE (request_id, stage, user_id)
);
