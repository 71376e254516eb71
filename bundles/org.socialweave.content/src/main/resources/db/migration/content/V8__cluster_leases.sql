-- Periodic work that one node of a cluster does once per period (the engagement fetch behind best
-- times): the node whose conditional update moves lease_until past now runs it, the others skip
-- the period; a node that dies holding it lets it run out, and the next node to ask takes over.
CREATE TABLE sw_content_lease (
  name          VARCHAR(64)    NOT NULL PRIMARY KEY,
  owner         VARCHAR(255),
  claimed_at    TIMESTAMP WITH TIME ZONE,
  lease_until   TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO sw_content_lease (name, owner, claimed_at, lease_until)
  VALUES ('engagement-fetch', NULL, NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
