package org.socialweave.api.connector;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One documented limit of a network, so the dispatcher can pace calls instead of running into them.
 * Exceeding a {@link Kind#RATE} limit yields {@link ErrorKind#RATE_LIMITED}, a {@link Kind#QUOTA}
 * {@link ErrorKind#QUOTA_EXHAUSTED}.
 *
 * @param name a short stable name for logs and metrics, e.g. {@code "posts-24h"}
 * @param kind a short-window rate or a long-period quota
 * @param scope whom the limit counts: the whole app or one connected account
 * @param limit how many calls the window allows; at least 1
 * @param window the length of the window; positive
 * @param calendarZone {@code null} for a rolling window; otherwise the window is a whole number of
 *     calendar days that resets at midnight in this zone (WeChat: {@code Asia/Shanghai})
 * @param operations the operations the limit counts; empty means every call to the network
 */
public record RateLimit(
    String name,
    Kind kind,
    Scope scope,
    long limit,
    Duration window,
    ZoneId calendarZone,
    Set<Operation> operations) {

  /** Whether the limit is a short-window rate or a long-period (daily, monthly) quota. */
  public enum Kind {
    RATE,
    QUOTA
  }

  /** Whom a limit counts. */
  public enum Scope {
    /** All calls of the SocialWeave app (or node) together. */
    APP,
    /** The calls made for one connected account. */
    ACCOUNT
  }

  public RateLimit {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (kind == null || scope == null) {
      throw new IllegalArgumentException("kind and scope are required");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    if (calendarZone != null
        && (window.toDays() < 1 || !window.equals(Duration.ofDays(window.toDays())))) {
      throw new IllegalArgumentException("a calendar window must be whole days, was " + window);
    }
    if (operations == null || operations.isEmpty()) {
      operations = Set.of();
    } else {
      for (Operation operation : operations) {
        if (operation == null) {
          throw new IllegalArgumentException("operations must not contain null");
        }
      }
      operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
    }
  }

  /** A rolling-window rate limit on the given operations (none: every call). */
  public static RateLimit rate(
      String name, Scope scope, long limit, Duration window, Operation... operations) {
    return new RateLimit(name, Kind.RATE, scope, limit, window, null, asSet(operations));
  }

  /** A rolling-window quota, such as X's posts per 24 hours. */
  public static RateLimit quota(
      String name, Scope scope, long limit, Duration window, Operation... operations) {
    return new RateLimit(name, Kind.QUOTA, scope, limit, window, null, asSet(operations));
  }

  /** A quota per calendar day that resets at midnight in {@code zone}. */
  public static RateLimit dailyQuota(
      String name, Scope scope, long limit, ZoneId zone, Operation... operations) {
    return new RateLimit(
        name, Kind.QUOTA, scope, limit, Duration.ofDays(1), zone, asSet(operations));
  }

  /** Whether calls for {@code operation} count against this limit. */
  public boolean appliesTo(Operation operation) {
    return operations.isEmpty() || operations.contains(operation);
  }

  private static Set<Operation> asSet(Operation... operations) {
    return new java.util.HashSet<>(java.util.Arrays.asList(operations));
  }
}
