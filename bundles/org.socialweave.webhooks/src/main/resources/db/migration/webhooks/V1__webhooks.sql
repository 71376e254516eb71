-- Webhook subscriptions of a workspace. The signing secret lives in the vault under
-- secret_name; event_types is a comma-separated list of event type names.
CREATE TABLE sw_webhook (
  id             VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id   VARCHAR(26)   NOT NULL,
  url            VARCHAR(2000) NOT NULL,
  event_types    VARCHAR(200)  NOT NULL,
  active         BOOLEAN       NOT NULL,
  description    VARCHAR(500),
  secret_name    VARCHAR(200)  NOT NULL,
  -- Why the platform switched the subscription off (a 410 from the receiver), for people.
  disabled_reason VARCHAR(500),
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  version        BIGINT        NOT NULL
);
CREATE INDEX ix_webhook_workspace ON sw_webhook (workspace_id, active);

-- The durable delivery queue and log: one row per (event, subscription), written when the event
-- arrives. Workers claim due rows with a conditional update that takes a lease.
CREATE TABLE sw_webhook_delivery (
  id               VARCHAR(26)    NOT NULL PRIMARY KEY,
  webhook_id       VARCHAR(26)    NOT NULL REFERENCES sw_webhook (id) ON DELETE CASCADE,
  workspace_id     VARCHAR(26)    NOT NULL,
  event_id         VARCHAR(26)    NOT NULL,
  event_type       VARCHAR(40)    NOT NULL,
  payload          VARCHAR(100000) NOT NULL,
  status           VARCHAR(20)    NOT NULL,
  attempts         INTEGER        NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE,
  lease_owner      VARCHAR(100),
  lease_until      TIMESTAMP WITH TIME ZONE,
  last_status_code INTEGER,
  last_error       VARCHAR(1000),
  last_attempt_at  TIMESTAMP WITH TIME ZONE,
  delivered_at     TIMESTAMP WITH TIME ZONE,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT uq_delivery_event UNIQUE (webhook_id, event_id)
);
CREATE INDEX ix_delivery_due ON sw_webhook_delivery (status, next_attempt_at);
CREATE INDEX ix_delivery_webhook ON sw_webhook_delivery (webhook_id, id);
