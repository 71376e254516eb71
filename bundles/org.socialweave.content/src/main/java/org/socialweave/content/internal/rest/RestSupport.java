package org.socialweave.content.internal.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import javax.ws.rs.core.SecurityContext;
import org.socialweave.api.error.ValidationException;

/** What the content resources read from a request the same way. */
final class RestSupport {

  private RestSupport() {}

  /** Who is calling, for the records the resources write. */
  static String actor(SecurityContext security) {
    return security.getUserPrincipal() == null
        ? "anonymous"
        : security.getUserPrincipal().getName();
  }

  /** An ISO-8601 instant query parameter, or {@code null} when it is absent. */
  static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field, field + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }
}
