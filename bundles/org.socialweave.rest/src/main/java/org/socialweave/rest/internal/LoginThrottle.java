package org.socialweave.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window limit of login attempts per client address on this node, in front of the per-account
 * lockout, so one address cannot spray passwords across many accounts.
 */
public final class LoginThrottle {

  private static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int MAX_TRACKED = 100_000;

  private record Window(Instant start, int attempts) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final int maxAttempts;
  private final Clock clock;

  public LoginThrottle(int maxAttempts, Clock clock) {
    this.maxAttempts = maxAttempts;
    this.clock = clock;
  }

  /**
   * Counts an attempt.
   *
   * @return seconds to wait if the address is over its limit, or 0 to go ahead
   */
  public long attempt(String address) {
    Instant now = clock.instant();
    if (windows.size() > MAX_TRACKED) {
      windows.values().removeIf(w -> w.start.plus(WINDOW).isBefore(now));
    }
    Window window =
        windows.compute(
            address == null ? "unknown" : address,
            (key, current) ->
                current == null || !now.isBefore(current.start.plus(WINDOW))
                    ? new Window(now, 1)
                    : new Window(current.start, current.attempts + 1));
    if (window.attempts <= maxAttempts) {
      return 0;
    }
    return Math.max(1, Duration.between(now, window.start.plus(WINDOW)).toSeconds());
  }
}
