package org.socialweave.rest.internal;

import java.security.Principal;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.core.SecurityContext;
import org.socialweave.api.security.Caller;

/**
 * The JAX-RS security context of an authenticated request. Its principal is the {@link Caller}
 * itself, so resources of any bundle read it with {@code (Caller) security.getUserPrincipal()}.
 */
public record CallerContext(Caller caller, String scheme, boolean secure)
    implements SecurityContext {

  /** The caller of the current request, which the security filter has already authenticated. */
  public static Caller of(SecurityContext context) {
    if (context != null && context.getUserPrincipal() instanceof Caller caller) {
      return caller;
    }
    throw new NotAuthorizedException("Bearer");
  }

  @Override
  public Principal getUserPrincipal() {
    return caller;
  }

  @Override
  public boolean isUserInRole(String role) {
    return "admin".equals(role) && caller.systemAdmin();
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return scheme;
  }
}
