package org.socialweave.sandbox.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the calls that reach a simulator: all of them, and per key (a token, an app id). */
final class RequestCounter {

  private final AtomicLong total = new AtomicLong();
  private final Map<String, AtomicLong> byKey = new ConcurrentHashMap<>();

  void countCall() {
    total.incrementAndGet();
  }

  /** Counts a call for {@code key}; a call without a key ({@code null}) is in the total only. */
  void countKey(String key) {
    if (key != null) {
      byKey.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
  }

  long total() {
    return total.get();
  }

  long of(String key) {
    AtomicLong count = byKey.get(key);
    return count == null ? 0 : count.get();
  }

  void reset() {
    total.set(0);
    byKey.clear();
  }
}
