-- A workspace's sensitive-word lists. The words of a list are one text, one word per line, sorted
-- and without duplicates: a list is always read and replaced whole (import, export, compile).
CREATE TABLE sw_word_list (
  id            VARCHAR(26)  NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)  NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  severity      VARCHAR(10)  NOT NULL,
  word_count    INTEGER      NOT NULL,
  words         VARCHAR      NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  version       BIGINT       NOT NULL,
  CONSTRAINT uq_word_list_name UNIQUE (workspace_id, name)
);
