-- A person with the override right accepted the blocking findings of one revision of a post,
-- with a written reason. An edit makes a new revision, which the override does not cover.
CREATE TABLE sw_post_compliance_override (
  post_id     VARCHAR(26)   NOT NULL REFERENCES sw_post (id) ON DELETE CASCADE,
  revision    INTEGER       NOT NULL,
  reason      VARCHAR(2000) NOT NULL,
  author      VARCHAR(255)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (post_id, revision)
);
