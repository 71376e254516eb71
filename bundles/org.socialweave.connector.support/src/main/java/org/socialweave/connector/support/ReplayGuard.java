package org.socialweave.connector.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers recently seen webhook ids or nonces for a while, so a replayed delivery is recognised.
 *
 * <p>Why: a captured, correctly signed webhook can be sent again; networks also redeliver on their
 * own (WeChat retries three times, Meta and TikTok for hours). Entries expire after {@code ttl}; at
 * most {@code maxEntries} are kept, the oldest dropped first when full. Use a {@code ttl} at least
 * as long as the timestamp tolerance of {@link WebhookSignatures#withinTolerance(Instant, Duration,
 * Clock)}, so anything older than the memory is rejected by its timestamp. Memory of one node only:
 * in a cluster, durable deduplication (e.g. a unique key in the database) stays needed.
 * Thread-safe.
 */
public final class ReplayGuard {

  private final int maxEntries;
  private final Duration ttl;
  private final Clock clock;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  /**
   * @param maxEntries most ids remembered, at least 1
   * @param ttl how long an id is remembered, positive
   * @param clock time source
   */
  public ReplayGuard(int maxEntries, Duration ttl, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    this.maxEntries = maxEntries;
    this.ttl = ttl;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Records {@code id} and returns true if it was not seen within the ttl; returns false (a replay)
   * otherwise. A replay does not extend the memory of the id.
   */
  public synchronized boolean firstSeen(String id) {
    Objects.requireNonNull(id, "id");
    Instant now = clock.instant();
    purgeExpired(now);
    if (seen.containsKey(id)) {
      return false;
    }
    seen.put(id, now.plus(ttl));
    while (seen.size() > maxEntries) {
      Iterator<String> oldest = seen.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  /** Number of ids remembered now. */
  public synchronized int size() {
    purgeExpired(clock.instant());
    return seen.size();
  }

  /**
   * Entries are in insertion order, so expiry instants are ascending: stop at the first live one.
   */
  private void purgeExpired(Instant now) {
    Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isAfter(now)) {
        return;
      }
      it.remove();
    }
  }
}
