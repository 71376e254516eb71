package org.socialweave.rest.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.SecurityContext;
import org.socialweave.api.security.Caller;

/** Small facts about the current request shared by filters and resources. */
public final class Requests {

  /** Request property: the workspace id the security filter resolved from the path. */
  public static final String WORKSPACE_PROPERTY = "socialweave.workspaceId";

  /** Request property: who to name in the audit log when the request is not authenticated. */
  public static final String AUDIT_ACTOR_PROPERTY = "socialweave.auditActor";

  private Requests() {}

  public static String clientAddress(HttpServletRequest request) {
    return request == null ? null : request.getRemoteAddr();
  }

  /** Names the caller in the audit log: the user, and the token id when one was used. */
  public static String actor(ContainerRequestContext request) {
    SecurityContext context = request.getSecurityContext();
    if (context != null && context.getUserPrincipal() instanceof Caller caller) {
      return caller.tokenId() == null
          ? caller.username()
          : caller.username() + " (token " + caller.tokenId() + ")";
    }
    Object named = request.getProperty(AUDIT_ACTOR_PROPERTY);
    return named != null ? "anonymous:" + named : "anonymous";
  }
}
