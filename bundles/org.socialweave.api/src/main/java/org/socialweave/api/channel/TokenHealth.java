package org.socialweave.api.channel;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a channel's credentials can be used, and for how long.
 *
 * @param state the verdict
 * @param expiresAt when the credentials stop working without a reconnect: the refresh token's
 *     expiry, or the access token's when there is no refresh; {@code null} when the network does
 *     not say
 * @param expiresInDays whole days until {@code expiresAt}, for "expires in N days"; {@code null}
 *     when unknown
 * @param checkedAt when the network was last asked (connect, test or refresh)
 * @param detail why, in plain words: the network's error for {@link State#NEEDS_RECONNECT}, the
 *     transient failure of the last refresh for a channel that is otherwise healthy
 */
public record TokenHealth(
    State state, Instant expiresAt, Long expiresInDays, Instant checkedAt, String detail) {

  /** The verdicts the console shows as green, amber and red. */
  public enum State {
    /** Works, and refreshes itself before it expires. */
    HEALTHY,
    /** Works now but will stop within the warning period unless someone reconnects it. */
    EXPIRING,
    /** The network refused the grant (revoked, {@code invalid_grant}, password changed). */
    NEEDS_RECONNECT
  }

  public TokenHealth {
    if (state == null) {
      throw new IllegalArgumentException("state is required");
    }
  }

  /**
   * Judges credentials that the network has not refused.
   *
   * @param expiresAt when they stop working without a reconnect, or {@code null}
   * @param warning how early to warn
   */
  public static TokenHealth judge(
      Instant expiresAt, Duration warning, Instant now, Instant checkedAt, String detail) {
    if (expiresAt == null) {
      return new TokenHealth(State.HEALTHY, null, null, checkedAt, detail);
    }
    long days = Math.max(0, Duration.between(now, expiresAt).toDays());
    if (!now.isBefore(expiresAt)) {
      return new TokenHealth(
          State.NEEDS_RECONNECT, expiresAt, 0L, checkedAt, "the authorization expired");
    }
    State state = now.plus(warning).isBefore(expiresAt) ? State.HEALTHY : State.EXPIRING;
    return new TokenHealth(state, expiresAt, days, checkedAt, detail);
  }

  /** The network refused the grant; only a reconnect helps. */
  public static TokenHealth needsReconnect(Instant checkedAt, String detail) {
    return new TokenHealth(State.NEEDS_RECONNECT, null, null, checkedAt, detail);
  }
}
