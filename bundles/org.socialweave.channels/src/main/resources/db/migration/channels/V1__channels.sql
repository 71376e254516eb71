-- Connected accounts. Credentials are in the core vault (sw_secret), named channel-<id>.
CREATE TABLE sw_channel (
  id                 VARCHAR(26)   NOT NULL PRIMARY KEY,
  workspace_id       VARCHAR(26)   NOT NULL,
  network            VARCHAR(40)   NOT NULL,
  account_id         VARCHAR(255)  NOT NULL,
  display_name       VARCHAR(255)  NOT NULL,
  settings           VARCHAR(4000) NOT NULL,
  health_state       VARCHAR(20)   NOT NULL,
  health_detail      VARCHAR(1000),
  expires_at         TIMESTAMP WITH TIME ZONE,
  access_expires_at  TIMESTAMP WITH TIME ZONE,
  refreshable        BOOLEAN       NOT NULL,
  checked_at         TIMESTAMP WITH TIME ZONE,
  -- Set by the node that refreshes the credentials now, so no other node refreshes them too.
  refresh_lease_until TIMESTAMP WITH TIME ZONE,
  connected_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  version            BIGINT        NOT NULL,
  CONSTRAINT uq_channel_account UNIQUE (workspace_id, network, account_id)
);

-- The refresher's question: which refreshable channels expire soon?
CREATE INDEX ix_channel_access_expiry ON sw_channel (refreshable, access_expires_at);

-- OAuth connects in flight: one row per state, used once, removed when completed or expired.
-- The PKCE verifier is in the vault (oauth-<state hash>), never here.
CREATE TABLE sw_channel_authorization (
  state_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
  workspace_id  VARCHAR(26)  NOT NULL,
  network       VARCHAR(40)  NOT NULL,
  user_id       VARCHAR(26)  NOT NULL,
  channel_id    VARCHAR(26),
  return_to     VARCHAR(500) NOT NULL,
  redirect_uri  VARCHAR(500) NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
