package org.socialweave.sandbox.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Faults queued per key (a token, an app id), oldest first; each plays for the next {@code times}
 * calls with its key. {@code F} is what a network queues: a {@link org.socialweave.sandbox.Fault},
 * or its own error envelope.
 */
final class FaultQueue<F> {

  private static final class Queued<F> {
    final F fault;
    int remaining;

    Queued(F fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final Map<String, Deque<Queued<F>>> byKey = new HashMap<>();

  synchronized void add(String key, F fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1");
    }
    byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Queued<>(fault, times));
  }

  /** The oldest fault queued for {@code key}, using up one of its times; {@code null} if none. */
  F next(String key) {
    return next(key, fault -> true);
  }

  /**
   * The oldest fault queued for {@code key} that {@code applies} to this call, as {@link #next}.
   */
  synchronized F next(String key, Predicate<? super F> applies) {
    Deque<Queued<F>> queue = byKey.get(key);
    if (queue == null) {
      return null;
    }
    for (Iterator<Queued<F>> it = queue.iterator(); it.hasNext(); ) {
      Queued<F> queued = it.next();
      if (applies.test(queued.fault)) {
        if (--queued.remaining <= 0) {
          it.remove();
        }
        return queued.fault;
      }
    }
    return null;
  }

  synchronized void clear(String key) {
    byKey.remove(key);
  }

  synchronized void reset() {
    byKey.clear();
  }
}
