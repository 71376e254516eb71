package org.socialweave.rest.internal;

import javax.ws.rs.core.EntityTag;
import org.socialweave.api.error.IfMatch;

/** Version-based ETags: {@code "<version>"}; updates must send it back in {@code If-Match}. */
public final class Etags {

  private Etags() {}

  public static EntityTag of(long version) {
    return new EntityTag(IfMatch.tag(version));
  }

  /** The version the client saw, from its {@code If-Match} header. */
  public static long expectedVersion(String ifMatch) {
    return IfMatch.expectedVersion(ifMatch);
  }
}
