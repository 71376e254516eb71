package org.socialweave.api.content;

import java.util.List;

/** A post after "add to queue", with the slot each of its channels got. */
public record QueueResult(Post post, List<QueuedSlot> slots) {

  public QueueResult {
    slots = slots == null ? List.of() : List.copyOf(slots);
  }
}
