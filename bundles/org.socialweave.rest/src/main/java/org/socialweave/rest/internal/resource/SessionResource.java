package org.socialweave.rest.internal.resource;

import java.time.Clock;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.SessionService;
import org.socialweave.api.SessionService.BrowserSession;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.security.Role;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.LoginThrottle;
import org.socialweave.rest.internal.Requests;
import org.socialweave.rest.internal.RestApplication;
import org.socialweave.rest.internal.RestConfig;
import org.socialweave.rest.internal.filter.SecurityFilter;

/**
 * Browser login through the node's JAAS realm (the same one ssh uses). A successful login sets an
 * HttpOnly, SameSite=Strict session cookie and returns the CSRF token that every state-changing
 * request must echo in {@code X-CSRF-Token}.
 */
@Component(service = SessionResource.class, configurationPid = "org.socialweave.rest")
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  static final String REALM = "karaf";

  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + "]";
    }
  }

  public record SessionInfo(
      String userId,
      String username,
      boolean systemAdmin,
      Map<String, Role> roles,
      String csrfToken) {}

  private final UserService users;
  private final SessionService sessions;
  private final LoginThrottle throttle;
  private final boolean secureCookies;

  @Context HttpServletRequest servletRequest;

  @Activate
  public SessionResource(
      @Reference UserService users, @Reference SessionService sessions, RestConfig config) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = new LoginThrottle(config.loginAttemptsPerMinute(), Clock.systemUTC());
    this.secureCookies = config.secureCookies();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.PUBLIC)
  public Response login(Credentials credentials) {
    if (credentials == null || credentials.username() == null || credentials.password() == null) {
      throw new org.socialweave.api.error.ValidationException(
          "username", "username and password are required");
    }
    // Request properties are servlet attributes, so the audit filter sees who tried to log in.
    servletRequest.setAttribute(Requests.AUDIT_ACTOR_PROPERTY, credentials.username());
    String address = Requests.clientAddress(servletRequest);
    long wait = throttle.attempt(address);
    if (wait > 0) {
      throw new SocialWeaveException(
          429, "too-many-logins", "Too many login attempts", "try again in " + wait + " seconds");
    }
    User user = jaasLogin(credentials, address);
    BrowserSession session = sessions.open(user, address);
    return Response.ok(info(session.caller(), session.csrfToken()))
        .header(HttpHeaders.SET_COOKIE, cookie(session.id(), -1))
        .build();
  }

  private User jaasLogin(Credentials credentials, String address) {
    Subject subject = new Subject();
    subject.getPrincipals().add(new ClientPrincipal("rest", address));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // LoginContext loads Karaf's proxy login module through the context class loader.
    thread.setContextClassLoader(getClass().getClassLoader());
    try {
      LoginContext login =
          new LoginContext(
              REALM,
              subject,
              callbacks -> {
                for (var callback : callbacks) {
                  if (callback instanceof NameCallback name) {
                    name.setName(credentials.username());
                  } else if (callback instanceof PasswordCallback password) {
                    password.setPassword(credentials.password().toCharArray());
                  }
                }
              });
      login.login();
    } catch (LoginException e) {
      throw new SocialWeaveException(
          401,
          "invalid-credentials",
          "Login failed",
          "wrong username or password, or the account is locked for a while");
    } finally {
      thread.setContextClassLoader(previous);
    }
    return users.find(credentials.username()).orElseThrow();
  }

  @GET
  @RequiresPermission(Permission.AUTHENTICATED)
  public SessionInfo current(@Context SecurityContext security, @Context HttpHeaders headers) {
    Caller caller = CallerContext.of(security);
    Cookie cookie = headers.getCookies().get(SecurityFilter.SESSION_COOKIE);
    String csrf =
        caller.tokenId() == null && cookie != null
            ? sessions.find(cookie.getValue()).map(BrowserSession::csrfToken).orElse(null)
            : null;
    return info(caller, csrf);
  }

  @DELETE
  @RequiresPermission(Permission.AUTHENTICATED)
  public Response logout(@Context HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(SecurityFilter.SESSION_COOKIE);
    if (cookie != null) {
      sessions.close(cookie.getValue());
    }
    return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
  }

  private static SessionInfo info(Caller caller, String csrf) {
    return new SessionInfo(
        caller.userId(), caller.username(), caller.systemAdmin(), caller.rolesByWorkspace(), csrf);
  }

  /**
   * The session cookie. It lives until the browser closes ({@code maxAgeSeconds} -1); the server
   * ends the session after its configured lifetime whatever the cookie says. 0 deletes it.
   */
  private String cookie(String value, int maxAgeSeconds) {
    return SecurityFilter.SESSION_COOKIE
        + "="
        + value
        + "; Path=/"
        + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
        + "; HttpOnly; SameSite=Strict"
        + (secureCookies ? "; Secure" : "");
  }
}
