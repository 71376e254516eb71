package org.socialweave.api.connector;

/** How a channel of a network is connected: the network's own flow, not a generic form. */
public enum ConnectMethod {
  /**
   * OAuth 2.0 authorization code with PKCE (S256): the user is redirected to the network and back
   * to {@code /api/v1/oauth/{network}/callback} (X).
   */
  OAUTH2_PKCE,
  /** OAuth 2.0 authorization code without PKCE, for networks that do not support it (Weibo). */
  OAUTH2,
  /** An app id and secret exchanged for an access token, e.g. WeChat's {@code stable_token}. */
  APP_SECRET,
  /** A handle and an app password exchanged for a session, e.g. Bluesky's createSession. */
  APP_PASSWORD,
  /** A bot token issued by the network, e.g. Telegram's BotFather token, plus a target chat. */
  BOT_TOKEN,
  /** A long-lived access token the user created on the network, e.g. a Mastodon app's token. */
  ACCESS_TOKEN;

  /** Whether the flow goes through the browser redirect and the OAuth callback. */
  public boolean isRedirect() {
    return this == OAUTH2_PKCE || this == OAUTH2;
  }
}
