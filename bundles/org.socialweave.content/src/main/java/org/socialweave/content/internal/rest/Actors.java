package org.socialweave.content.internal.rest;

import javax.ws.rs.core.SecurityContext;

/** Who is calling, for the records the content resources write. */
final class Actors {

  private Actors() {}

  static String of(SecurityContext security) {
    return security.getUserPrincipal() == null
        ? "anonymous"
        : security.getUserPrincipal().getName();
  }
}
