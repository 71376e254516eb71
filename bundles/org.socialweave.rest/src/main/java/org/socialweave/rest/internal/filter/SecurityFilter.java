package org.socialweave.rest.internal.filter;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Consumes;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.metatype.annotations.Designate;
import org.socialweave.api.SessionService;
import org.socialweave.api.SessionService.BrowserSession;
import org.socialweave.api.TokenService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.security.StreamedUpload;
import org.socialweave.core.io.LimitedInputStream;
import org.socialweave.rest.internal.BodyTooLargeException;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.Problem;
import org.socialweave.rest.internal.RestApplication;
import org.socialweave.rest.internal.RestConfig;

/**
 * Guards every resource method: body size and content type, then who is calling (bearer token or
 * session cookie plus CSRF header), then whether their role grants the method's declared
 * permission. A method that declares no permission is refused. Only methods marked {@link
 * StreamedUpload} (media uploads, which enforce their own larger limit while they stream) are
 * exempt from the body limit.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = "org.socialweave.rest")
@Designate(ocd = RestConfig.class)
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
@Priority(Priorities.AUTHENTICATION)
public class SecurityFilter implements ContainerRequestFilter {

  public static final String SESSION_COOKIE = "SW_SESSION";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String WORKSPACE_PARAM = "workspaceId";

  private final TokenService tokens;
  private final SessionService sessions;
  private final WorkspaceService workspaces;
  private final long maxBodyBytes;

  @Context ResourceInfo resourceInfo;

  @Activate
  public SecurityFilter(
      @Reference TokenService tokens,
      @Reference SessionService sessions,
      @Reference WorkspaceService workspaces,
      RestConfig config) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.workspaces = workspaces;
    this.maxBodyBytes = config.maxBodyBytes();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resourceInfo.getResourceMethod();
    if (method == null) {
      return; // unmatched: JAX-RS answers 404/405 itself
    }
    if (method.getAnnotation(StreamedUpload.class) == null) {
      limitBody(request);
    }
    if (takesBody(method) && consumesOnlyJson(method) && !isJson(request.getMediaType())) {
      abort(
          request,
          Problem.of(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "send the body as application/json"));
      return;
    }
    RequiresPermission required = method.getAnnotation(RequiresPermission.class);
    if (required == null) {
      abort(
          request,
          Problem.of(403, "forbidden", "Forbidden", "this endpoint declares no permission"));
      return;
    }
    Authentication auth = authenticate(request);
    if (auth.failure != null) {
      if (required.value() == Permission.PUBLIC) {
        // A stale cookie or token must not stop anyone from logging in again.
        return;
      }
      abort(request, auth.failure);
      return;
    }
    if (auth.caller != null) {
      request.setSecurityContext(
          new CallerContext(auth.caller, auth.scheme, request.getSecurityContext().isSecure()));
    }
    Permission permission = required.value();
    if (permission == Permission.PUBLIC) {
      return;
    }
    if (auth.caller == null) {
      abort(
          request,
          Problem.of(
              401,
              "unauthenticated",
              "Authentication required",
              "log in or send a valid API token"));
      return;
    }
    if (!auth.caller.can(permission, workspaceOf(request))) {
      abort(
          request,
          Problem.of(403, "forbidden", "Forbidden", "your role does not grant " + permission));
    }
  }

  private record Authentication(Caller caller, String scheme, Problem failure) {}

  private Authentication authenticate(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return failed("use 'Authorization: Bearer <token>'");
      }
      Optional<Caller> caller = tokens.authenticate(header.substring(7).strip());
      return caller
          .map(c -> new Authentication(c, "Bearer", null))
          .orElseGet(() -> failed("the token is unknown, expired or revoked"));
    }
    Cookie cookie = request.getCookies().get(SESSION_COOKIE);
    if (cookie == null) {
      return new Authentication(null, null, null);
    }
    Optional<BrowserSession> session = sessions.find(cookie.getValue());
    if (session.isEmpty()) {
      return failed("the session has expired; log in again");
    }
    if (!isSafe(request.getMethod())
        && !org.socialweave.rest.internal.Csrf.matches(
            session.get().csrfToken(), request.getHeaderString(CSRF_HEADER))) {
      return new Authentication(
          null,
          null,
          Problem.of(
              403,
              "csrf",
              "CSRF token missing or wrong",
              "send the session's csrfToken in the " + CSRF_HEADER + " header"));
    }
    return new Authentication(session.get().caller(), "Session", null);
  }

  private static Authentication failed(String detail) {
    return new Authentication(
        null, null, Problem.of(401, "unauthenticated", "Authentication failed", detail));
  }

  /** The workspace id named by the path; a slug is resolved so roles (keyed by id) match. */
  private String workspaceOf(ContainerRequestContext request) {
    String value = request.getUriInfo().getPathParameters().getFirst(WORKSPACE_PARAM);
    if (value == null) {
      return null;
    }
    String id = workspaces.find(value).map(Workspace::id).orElse(value);
    request.setProperty(org.socialweave.rest.internal.Requests.WORKSPACE_PROPERTY, id);
    return id;
  }

  private void limitBody(ContainerRequestContext request) {
    if (request.getLength() > maxBodyBytes) {
      throw new javax.ws.rs.WebApplicationException(
          Problem.of(
                  413,
                  "body-too-large",
                  "Request body too large",
                  "the request body exceeds the limit of " + maxBodyBytes + " bytes")
              .toResponse());
    }
    if (request.hasEntity()) {
      request.setEntityStream(
          new LimitedInputStream(
              request.getEntityStream(), maxBodyBytes, BodyTooLargeException::new));
    }
  }

  /**
   * Every endpoint takes JSON unless it declares other types with {@code @Consumes}, as webhook
   * receivers do for the networks' XML and form bodies.
   */
  static boolean consumesOnlyJson(Method method) {
    Consumes consumes = method.getAnnotation(Consumes.class);
    if (consumes == null) {
      consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
    }
    return consumes == null
        || Arrays.stream(consumes.value())
            .allMatch(type -> type.matches("application/([\\w.-]+\\+)?json(;.*)?"));
  }

  private static boolean takesBody(Method method) {
    for (Parameter parameter : method.getParameters()) {
      if (parameter.getAnnotations().length == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJson(MediaType type) {
    return type != null
        && ("application".equals(type.getType()))
        && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
  }

  static boolean isSafe(String method) {
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  private static void abort(ContainerRequestContext request, Problem problem) {
    request.abortWith(problem.at("/" + request.getUriInfo().getPath()).toResponse());
  }
}
