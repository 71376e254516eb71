package org.socialweave.api.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The credentials of one connected account, opaque to everything but its connector: an OAuth access
 * token and refresh token (X), a session pair (Bluesky), a bot token (Telegram), or app secrets
 * from which the connector obtains an access token (WeChat {@code stable_token}, a Bluesky app
 * password). The channel layer stores it in the secrets vault and only reads the expiry times.
 *
 * <p>{@link #toString()} never shows a token or a secret. A refresh token is either absent ({@code
 * null}) or non-blank: an empty one cannot be built, so a network answer without a new refresh
 * token can never replace a good one by accident (use {@link #refreshed}).
 *
 * @param accessToken the token sent with requests, or {@code null} when the connector derives it
 *     from {@code secrets}; never blank
 * @param refreshToken the token that obtains a new access token, or {@code null} when the network
 *     has none (Mastodon, Telegram, Weibo web apps); never blank
 * @param accessExpiresAt when the access token expires, or {@code null} if it does not
 * @param refreshExpiresAt when the refresh token expires, or {@code null} if unknown or never
 * @param scopes the scopes the network granted; may be empty
 * @param secrets further secret values by name (e.g. {@code appSecret}, {@code appPassword}, {@code
 *     webhookToken}); never printed
 * @param attributes non-secret facts that came with the credentials (e.g. Bluesky {@code did},
 *     Weibo {@code uid}); printed by {@code toString}
 */
public record Credentials(
    String accessToken,
    String refreshToken,
    Instant accessExpiresAt,
    Instant refreshExpiresAt,
    Set<String> scopes,
    Map<String, String> secrets,
    Map<String, String> attributes) {

  private static final String REDACTED = "<redacted>";

  public Credentials {
    if (accessToken != null && accessToken.isBlank()) {
      throw new IllegalArgumentException("accessToken must be null or non-blank");
    }
    if (refreshToken != null && refreshToken.isBlank()) {
      throw new IllegalArgumentException(
          "refreshToken must be null or non-blank: an empty refresh token is never stored");
    }
    scopes = copySet(scopes);
    secrets = copyMap("secrets", secrets);
    attributes = copyMap("attributes", attributes);
    if (accessToken == null && secrets.isEmpty()) {
      throw new IllegalArgumentException("credentials need an accessToken or at least one secret");
    }
  }

  /** A token that does not expire and cannot be refreshed (a Telegram bot token, Mastodon). */
  public static Credentials ofToken(String accessToken) {
    return new Credentials(accessToken, null, null, null, Set.of(), Map.of(), Map.of());
  }

  /** An OAuth 2.0 token pair. */
  public static Credentials oauth(
      String accessToken,
      Instant accessExpiresAt,
      String refreshToken,
      Instant refreshExpiresAt,
      Set<String> scopes) {
    return new Credentials(
        accessToken, refreshToken, accessExpiresAt, refreshExpiresAt, scopes, Map.of(), Map.of());
  }

  /** App secrets only; the connector obtains the access token itself on refresh. */
  public static Credentials ofSecrets(Map<String, String> secrets) {
    return new Credentials(null, null, null, null, Set.of(), secrets, Map.of());
  }

  public boolean hasRefreshToken() {
    return refreshToken != null;
  }

  /** The secret called {@code name}, or {@code null}. */
  public String secret(String name) {
    return secrets.get(name);
  }

  /** Whether there is no usable access token at {@code now}. */
  public boolean isAccessExpiredAt(Instant now) {
    return accessToken == null || (accessExpiresAt != null && !now.isBefore(accessExpiresAt));
  }

  /** Whether the access token is missing or expires within {@code margin} after {@code now}. */
  public boolean accessExpiresWithin(Duration margin, Instant now) {
    return isAccessExpiredAt(now.plus(margin));
  }

  /**
   * The credentials after a refresh. A {@code null} or blank {@code newRefreshToken} means the
   * network did not rotate it: the current refresh token and its expiry are kept, never dropped.
   * Secrets, scopes and attributes are kept.
   */
  public Credentials refreshed(
      String newAccessToken,
      Instant newAccessExpiresAt,
      String newRefreshToken,
      Instant newRefreshExpiresAt) {
    boolean rotated = newRefreshToken != null && !newRefreshToken.isBlank();
    return new Credentials(
        newAccessToken,
        rotated ? newRefreshToken : refreshToken,
        newAccessExpiresAt,
        rotated ? newRefreshExpiresAt : refreshExpiresAt,
        scopes,
        secrets,
        attributes);
  }

  /** A copy with further non-secret attributes (replacing those of the same name). */
  public Credentials withAttributes(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(attributes);
    merged.putAll(copyMap("attributes", more));
    return new Credentials(
        accessToken, refreshToken, accessExpiresAt, refreshExpiresAt, scopes, secrets, merged);
  }

  /** Shows which credentials are present and when they expire, never their values. */
  @Override
  public String toString() {
    return "Credentials[accessToken="
        + (accessToken == null ? "<none>" : REDACTED)
        + ", refreshToken="
        + (refreshToken == null ? "<none>" : REDACTED)
        + ", accessExpiresAt="
        + accessExpiresAt
        + ", refreshExpiresAt="
        + refreshExpiresAt
        + ", scopes="
        + new TreeSet<>(scopes)
        + ", secrets="
        + new TreeSet<>(secrets.keySet())
        + ", attributes="
        + new TreeMap<>(attributes)
        + "]";
  }

  private static Set<String> copySet(Set<String> values) {
    if (values == null) {
      return Set.of();
    }
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("scopes must not contain null or blank values");
      }
    }
    return Set.copyOf(values);
  }

  private static Map<String, String> copyMap(String what, Map<String, String> values) {
    if (values == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
        throw new IllegalArgumentException(what + " need non-blank names and non-null values");
      }
    }
    return Map.copyOf(values);
  }
}
