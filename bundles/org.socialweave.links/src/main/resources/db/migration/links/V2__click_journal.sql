-- How far each node's click journal (a memory-mapped file under its data directory) is stored:
-- advanced in the transaction that adds a batch to the counters, so a batch replayed after a
-- crash or a lost commit answer is counted once. It replaces the per-batch marks of V1.
CREATE TABLE sw_link_click_journal (
  journal_id     VARCHAR(26)   NOT NULL PRIMARY KEY,
  stored_through BIGINT        NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

DROP TABLE sw_link_click_batch;
