package org.socialweave.api;

import java.util.Optional;
import org.socialweave.api.security.Caller;

/** Browser sessions: an opaque cookie value plus a CSRF token bound to it. */
public interface SessionService {

  record BrowserSession(String id, String csrfToken, Caller caller) {
    @Override
    public String toString() {
      return "BrowserSession[caller=" + caller + "]";
    }
  }

  BrowserSession open(User user, String sourceAddress);

  Optional<BrowserSession> find(String sessionId);

  void close(String sessionId);
}
