package org.socialweave.api;

import java.time.Instant;

/** Outcome of a password check. Deliberately vague about which part was wrong. */
public record AuthenticationResult(Outcome outcome, User user, Instant lockedUntil) {

  public enum Outcome {
    SUCCESS,
    INVALID_CREDENTIALS,
    LOCKED,
    DISABLED
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCESS;
  }
}
