-- Which channels notifications go over, and in which language: a member's own choice
-- (user_id = their id) or the workspace's default for everyone else (user_id = '*').
CREATE TABLE sw_notify_preference (
  workspace_id  VARCHAR(26)   NOT NULL,
  user_id       VARCHAR(26)   NOT NULL,
  channels      VARCHAR(1000) NOT NULL,
  locale        VARCHAR(20)   NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT        NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
