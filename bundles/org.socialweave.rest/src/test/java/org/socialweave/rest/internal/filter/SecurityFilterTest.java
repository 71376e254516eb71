package org.socialweave.rest.internal.filter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.ws.rs.GET;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.socialweave.api.ApiToken;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.SessionService;
import org.socialweave.api.SessionService.BrowserSession;
import org.socialweave.api.TokenService;
import org.socialweave.api.User;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Role;
import org.socialweave.rest.internal.BodyTooLargeException;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.FakeJaxRs;
import org.socialweave.rest.internal.Problem;
import org.socialweave.rest.internal.ProblemMapper;
import org.socialweave.rest.internal.Requests;
import org.socialweave.rest.internal.RestConfig;
import org.socialweave.rest.internal.resource.HealthResource;
import org.socialweave.rest.internal.resource.WorkspaceResource;

public class SecurityFilterTest {

  private static final String PREFIX = "urn:socialweave:problem:";
  private static final long LIMIT = 1_000;

  private static final Caller VIEWER_OF_WS1 =
      new Caller("u-1", "vera", false, Map.of("ws-1", Role.VIEWER), "t-1");
  private static final Caller ADMIN_OF_WS1 =
      new Caller("u-2", "adam", false, Map.of("ws-1", Role.ADMIN), null);

  /** A resource method that forgot its permission. */
  public static class Forgetful {
    @GET
    public String open() {
      return "";
    }
  }

  private final FakeTokens tokens = new FakeTokens();
  private final FakeSessions sessions = new FakeSessions();
  private final FakeWorkspaces workspaces = new FakeWorkspaces();
  private SecurityFilter filter;

  @BeforeClass
  public static void runtime() {
    FakeJaxRs.install();
  }

  @Before
  public void setUp() {
    tokens.callers.put("secret-viewer", VIEWER_OF_WS1);
    sessions.sessions.put("sess-1", new BrowserSession("sess-1", "csrf-1", ADMIN_OF_WS1));
    workspaces.put(new Workspace("ws-1", "acme", "Acme", "UTC", Instant.EPOCH, 0));
    workspaces.put(new Workspace("ws-2", "other", "Other", "UTC", Instant.EPOCH, 0));
    filter = new SecurityFilter(tokens, sessions, workspaces, config(LIMIT));
  }

  // --- permission declaration --------------------------------------------------------------

  /** Endpoints whose bodies are not JSON say so; everything else takes JSON only. */
  static class Consuming {
    @javax.ws.rs.Consumes("*/*")
    public void webhook(byte[] body) {}

    @javax.ws.rs.Consumes({"application/json", "application/merge-patch+json"})
    public void patch(String body) {}

    public void plain(String body) {}
  }

  @Test
  public void onlyEndpointsThatDeclareOtherTypesTakeBodiesOtherThanJson() throws Exception {
    assertTrue(
        !SecurityFilter.consumesOnlyJson(Consuming.class.getMethod("webhook", byte[].class)));
    assertTrue(SecurityFilter.consumesOnlyJson(Consuming.class.getMethod("patch", String.class)));
    assertTrue(SecurityFilter.consumesOnlyJson(Consuming.class.getMethod("plain", String.class)));
  }

  @Test
  public void methodWithoutPermissionIsRefused() throws Exception {
    FakeRequest request = new FakeRequest("GET", "odd");
    request.header("Authorization", "Bearer secret-viewer");
    run(method(Forgetful.class, "open"), request);
    Problem p = request.aborted();
    assertEquals(403, p.status());
    assertEquals(PREFIX + "forbidden", p.type());
    assertEquals("/odd", p.instance());
  }

  @Test
  public void unmatchedRequestIsLeftToJaxRs() {
    FakeRequest request = new FakeRequest("GET", "nowhere");
    run(null, request);
    assertNull(request.aborted);
  }

  // --- authentication ----------------------------------------------------------------------

  @Test
  public void publicMethodPassesWithoutCredentials() throws Exception {
    FakeRequest request = new FakeRequest("GET", "health/live");
    run(method(HealthResource.class, "liveness"), request);
    assertNull(request.aborted);
    assertSame(request.initialSecurity, request.security);
  }

  @Test
  public void missingCredentialsAre401() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1").pathParam("workspaceId", "ws-1");
    run(workspaceGet(), request);
    Problem p = request.aborted();
    assertEquals(401, p.status());
    assertEquals(PREFIX + "unauthenticated", p.type());
  }

  @Test
  public void basicAuthorizationIs401() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1")
            .pathParam("workspaceId", "ws-1")
            .header("Authorization", "Basic dmVyYTpzZWNyZXQ=");
    run(workspaceGet(), request);
    Problem p = request.aborted();
    assertEquals(401, p.status());
    assertEquals(PREFIX + "unauthenticated", p.type());
    assertTrue(p.detail(), p.detail().contains("Bearer"));
  }

  @Test
  public void unknownBearerTokenIs401() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1")
            .pathParam("workspaceId", "ws-1")
            .header("Authorization", "Bearer nope");
    run(workspaceGet(), request);
    assertEquals(401, request.aborted().status());
  }

  @Test
  public void expiredSessionCookieIs401() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1")
            .pathParam("workspaceId", "ws-1")
            .cookie("SW_SESSION", "gone");
    run(workspaceGet(), request);
    assertEquals(401, request.aborted().status());
  }

  @Test
  public void aStaleCookieDoesNotStopPublicEndpointsSuchAsLogin() throws Exception {
    FakeRequest request = new FakeRequest("GET", "health/live").cookie("SW_SESSION", "gone");
    run(method(HealthResource.class, "liveness"), request);
    assertNull(request.aborted);
    assertSame(request.initialSecurity, request.security);
  }

  // --- authorization -----------------------------------------------------------------------

  @Test
  public void bearerCallerWithoutTheWorkspacePermissionIs403() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-2")
            .pathParam("workspaceId", "ws-2")
            .header("Authorization", "Bearer secret-viewer");
    run(workspaceGet(), request);
    Problem p = request.aborted();
    assertEquals(403, p.status());
    assertEquals(PREFIX + "forbidden", p.type());
    assertTrue(p.detail(), p.detail().contains("WORKSPACE_READ"));
  }

  @Test
  public void bearerCallerWithARoleTooWeakIs403() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1/members")
            .pathParam("workspaceId", "ws-1")
            .header("Authorization", "bearer secret-viewer");
    run(method(WorkspaceResource.class, "members"), request);
    assertEquals(403, request.aborted().status());
  }

  @Test
  public void bearerCallerWithThePermissionPassesAndIsSetOnTheRequest() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1")
            .pathParam("workspaceId", "ws-1")
            .header("Authorization", "Bearer secret-viewer");
    run(workspaceGet(), request);
    assertNull(request.aborted);
    assertTrue(request.security instanceof CallerContext);
    assertSame(VIEWER_OF_WS1, CallerContext.of(request.security));
    assertEquals("Bearer", request.security.getAuthenticationScheme());
    assertEquals("ws-1", request.properties.get(Requests.WORKSPACE_PROPERTY));
  }

  @Test
  public void workspaceSlugInThePathIsResolvedToItsId() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/acme")
            .pathParam("workspaceId", "acme")
            .header("Authorization", "Bearer secret-viewer");
    run(workspaceGet(), request);
    assertNull(request.aborted);
    assertEquals("ws-1", request.properties.get(Requests.WORKSPACE_PROPERTY));
  }

  // --- session cookie and CSRF -------------------------------------------------------------

  @Test
  public void cookieSessionWithUnsafeMethodNeedsTheCsrfHeader() throws Exception {
    FakeRequest missing = grantRequest();
    run(grant(), missing);
    assertEquals(403, missing.aborted().status());
    assertEquals(PREFIX + "csrf", missing.aborted().type());

    FakeRequest wrong = grantRequest().header("X-CSRF-Token", "csrf-2");
    run(grant(), wrong);
    assertEquals(403, wrong.aborted().status());
    assertEquals(PREFIX + "csrf", wrong.aborted().type());
  }

  @Test
  public void cookieSessionWithTheRightCsrfTokenPasses() throws Exception {
    FakeRequest request = grantRequest().header("X-CSRF-Token", "csrf-1");
    run(grant(), request);
    assertNull(request.aborted);
    assertSame(ADMIN_OF_WS1, CallerContext.of(request.security));
    assertEquals("Session", request.security.getAuthenticationScheme());
  }

  @Test
  public void cookieSessionWithSafeMethodNeedsNoCsrfHeader() throws Exception {
    FakeRequest request =
        new FakeRequest("GET", "workspaces/ws-1")
            .pathParam("workspaceId", "ws-1")
            .cookie("SW_SESSION", "sess-1");
    run(workspaceGet(), request);
    assertNull(request.aborted);
    assertSame(ADMIN_OF_WS1, CallerContext.of(request.security));
  }

  // --- body checks -------------------------------------------------------------------------

  @Test
  public void nonJsonBodyOnAMethodThatTakesABodyIs415() throws Exception {
    FakeRequest request =
        grantRequest()
            .header("X-CSRF-Token", "csrf-1")
            .body(MediaType.TEXT_PLAIN_TYPE, "{\"role\":\"VIEWER\"}");
    request.method = "POST";
    run(grant(), request);
    Problem p = request.aborted();
    assertEquals(415, p.status());
    assertEquals(PREFIX + "unsupported-media-type", p.type());
  }

  @Test
  public void jsonVariantsAreAccepted() throws Exception {
    for (MediaType type :
        List.of(
            MediaType.APPLICATION_JSON_TYPE,
            new MediaType("application", "merge-patch+json"),
            new MediaType("application", "json", "utf-8"))) {
      FakeRequest request =
          grantRequest().header("X-CSRF-Token", "csrf-1").body(type, "{\"role\":\"VIEWER\"}");
      run(grant(), request);
      assertNull(type.toString(), request.aborted);
    }
  }

  @Test
  public void declaredLengthAboveTheLimitIs413() throws Exception {
    FakeRequest request =
        grantRequest().header("X-CSRF-Token", "csrf-1").body(MediaType.APPLICATION_JSON_TYPE, "{}");
    request.length = (int) LIMIT + 1;
    WebApplicationException e =
        assertThrows(WebApplicationException.class, () -> run(grant(), request));
    assertEquals(413, e.getResponse().getStatus());
    Problem p = (Problem) e.getResponse().getEntity();
    assertEquals(PREFIX + "body-too-large", p.type());
    // What the client finally sees after the exception mapper: the same stable type.
    Problem mapped = (Problem) new ProblemMapper().toResponse(e).getEntity();
    assertEquals(413, mapped.status());
    assertEquals(PREFIX + "body-too-large", mapped.type());
  }

  @Test
  public void undeclaredLengthIsCountedWhileReading() throws Exception {
    FakeRequest request =
        grantRequest()
            .header("X-CSRF-Token", "csrf-1")
            .body(MediaType.APPLICATION_JSON_TYPE, "x".repeat((int) LIMIT + 1));
    request.length = -1;
    run(grant(), request);
    assertNull(request.aborted);
    assertThrows(BodyTooLargeException.class, () -> request.entity.readAllBytes());
  }

  /** An upload endpoint that streams its body and limits it itself. */
  public static class Uploads {
    @javax.ws.rs.POST
    @javax.ws.rs.Consumes("*/*")
    @org.socialweave.api.security.RequiresPermission(
        org.socialweave.api.security.Permission.CONTENT_EDIT)
    @org.socialweave.api.security.StreamedUpload
    public void upload(@javax.ws.rs.PathParam("workspaceId") String ws, InputStream body) {}

    @javax.ws.rs.POST
    @javax.ws.rs.Consumes("*/*")
    @org.socialweave.api.security.RequiresPermission(
        org.socialweave.api.security.Permission.CONTENT_EDIT)
    public void buffered(@javax.ws.rs.PathParam("workspaceId") String ws, InputStream body) {}
  }

  @Test
  public void streamedUploadsAreExemptFromTheBodyLimitAndOnlyThey() throws Exception {
    String large = "x".repeat((int) LIMIT * 3);
    FakeRequest upload =
        grantRequest()
            .header("X-CSRF-Token", "csrf-1")
            .body(MediaType.APPLICATION_OCTET_STREAM_TYPE, large);
    upload.method = "POST";
    run(method(Uploads.class, "upload"), upload);
    assertNull(upload.aborted);
    assertEquals(large.length(), upload.entity.readAllBytes().length);

    FakeRequest declared =
        grantRequest()
            .header("X-CSRF-Token", "csrf-1")
            .body(MediaType.APPLICATION_OCTET_STREAM_TYPE, large);
    declared.method = "POST";
    WebApplicationException e =
        assertThrows(
            WebApplicationException.class, () -> run(method(Uploads.class, "buffered"), declared));
    assertEquals(413, e.getResponse().getStatus());

    FakeRequest chunked =
        grantRequest()
            .header("X-CSRF-Token", "csrf-1")
            .body(MediaType.APPLICATION_OCTET_STREAM_TYPE, large);
    chunked.method = "POST";
    chunked.length = -1;
    run(method(Uploads.class, "buffered"), chunked);
    assertThrows(BodyTooLargeException.class, () -> chunked.entity.readAllBytes());
  }

  // --- helpers -----------------------------------------------------------------------------

  private FakeRequest grantRequest() {
    return new FakeRequest("PUT", "workspaces/ws-1/members/u-9")
        .pathParam("workspaceId", "ws-1")
        .pathParam("userId", "u-9")
        .cookie("SW_SESSION", "sess-1")
        .body(MediaType.APPLICATION_JSON_TYPE, "{\"role\":\"VIEWER\"}");
  }

  private static Method workspaceGet() throws NoSuchMethodException {
    return WorkspaceResource.class.getMethod("get", String.class);
  }

  private static Method grant() throws NoSuchMethodException {
    return WorkspaceResource.class.getMethod(
        "grant", String.class, String.class, WorkspaceResource.RoleAssignment.class);
  }

  private static Method method(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(type + " has no method " + name);
  }

  private void run(Method resourceMethod, FakeRequest request) {
    filter.resourceInfo =
        new ResourceInfo() {
          @Override
          public Method getResourceMethod() {
            return resourceMethod;
          }

          @Override
          public Class<?> getResourceClass() {
            return resourceMethod == null ? null : resourceMethod.getDeclaringClass();
          }
        };
    filter.filter(request);
  }

  private static RestConfig config(long maxBodyBytes) {
    return new RestConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return RestConfig.class;
      }

      @Override
      public long maxBodyBytes() {
        return maxBodyBytes;
      }

      @Override
      public int loginAttemptsPerMinute() {
        return 10;
      }

      @Override
      public boolean secureCookies() {
        return false;
      }
    };
  }

  /** A request as the JAX-RS runtime would hand it to a pre-matching-less request filter. */
  static final class FakeRequest implements ContainerRequestContext {
    String method;
    final String path;
    final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    final MultivaluedMap<String, String> pathParameters = new MultivaluedHashMap<>();
    final Map<String, Cookie> cookies = new HashMap<>();
    final Map<String, Object> properties = new HashMap<>();
    MediaType mediaType;
    int length = -1;
    InputStream entity;
    final SecurityContext initialSecurity = new Anonymous();
    SecurityContext security = initialSecurity;
    Response aborted;

    FakeRequest(String method, String path) {
      this.method = method;
      this.path = path;
    }

    FakeRequest header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    FakeRequest pathParam(String name, String value) {
      pathParameters.add(name, value);
      return this;
    }

    FakeRequest cookie(String name, String value) {
      cookies.put(name, new Cookie(name, value));
      return this;
    }

    FakeRequest body(MediaType type, String text) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      this.mediaType = type;
      this.length = bytes.length;
      this.entity = new ByteArrayInputStream(bytes);
      return this;
    }

    Problem aborted() {
      assertNotNull("the request was not aborted", aborted);
      Problem problem = (Problem) aborted.getEntity();
      assertEquals(aborted.getStatus(), problem.status());
      assertEquals("application/problem+json", aborted.getMediaType().toString());
      return problem;
    }

    @Override
    public Object getProperty(String name) {
      return properties.get(name);
    }

    @Override
    public Collection<String> getPropertyNames() {
      return properties.keySet();
    }

    @Override
    public void setProperty(String name, Object object) {
      properties.put(name, object);
    }

    @Override
    public void removeProperty(String name) {
      properties.remove(name);
    }

    @Override
    public UriInfo getUriInfo() {
      return (UriInfo)
          Proxy.newProxyInstance(
              UriInfo.class.getClassLoader(),
              new Class<?>[] {UriInfo.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "getPath" -> path;
                    case "getPathParameters" -> pathParameters;
                    case "toString" -> "UriInfo[" + path + "]";
                    default -> throw new UnsupportedOperationException(m.getName());
                  });
    }

    @Override
    public void setRequestUri(URI requestUri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setRequestUri(URI baseUri, URI requestUri) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Request getRequest() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public void setMethod(String method) {
      this.method = method;
    }

    @Override
    public MultivaluedMap<String, String> getHeaders() {
      return headers;
    }

    @Override
    public String getHeaderString(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }

    @Override
    public Date getDate() {
      return null;
    }

    @Override
    public Locale getLanguage() {
      return null;
    }

    @Override
    public int getLength() {
      return length;
    }

    @Override
    public MediaType getMediaType() {
      return mediaType;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
      return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
      return List.of();
    }

    @Override
    public Map<String, Cookie> getCookies() {
      return cookies;
    }

    @Override
    public boolean hasEntity() {
      return entity != null;
    }

    @Override
    public InputStream getEntityStream() {
      return entity;
    }

    @Override
    public void setEntityStream(InputStream input) {
      this.entity = input;
    }

    @Override
    public SecurityContext getSecurityContext() {
      return security;
    }

    @Override
    public void setSecurityContext(SecurityContext context) {
      this.security = context;
    }

    @Override
    public void abortWith(Response response) {
      this.aborted = response;
    }
  }

  static final class Anonymous implements SecurityContext {
    @Override
    public java.security.Principal getUserPrincipal() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return false;
    }

    @Override
    public String getAuthenticationScheme() {
      return null;
    }
  }

  static final class FakeTokens implements TokenService {
    final Map<String, Caller> callers = new HashMap<>();

    @Override
    public Optional<Caller> authenticate(String secret) {
      return Optional.ofNullable(callers.get(secret));
    }

    @Override
    public IssuedToken issue(
        String workspaceId, String userId, String name, Role role, Instant expiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<ApiToken> list(String workspaceId, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void revoke(String tokenId) {
      throw new UnsupportedOperationException();
    }
  }

  static final class FakeSessions implements SessionService {
    final Map<String, BrowserSession> sessions = new HashMap<>();

    @Override
    public Optional<BrowserSession> find(String sessionId) {
      return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public BrowserSession open(User user, String sourceAddress) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close(String sessionId) {
      sessions.remove(sessionId);
    }
  }

  static final class FakeWorkspaces implements WorkspaceService {
    final Map<String, Workspace> byIdOrSlug = new HashMap<>();

    void put(Workspace ws) {
      byIdOrSlug.put(ws.id(), ws);
      byIdOrSlug.put(ws.slug(), ws);
    }

    @Override
    public Optional<Workspace> find(String idOrSlug) {
      return Optional.ofNullable(byIdOrSlug.get(idOrSlug));
    }

    @Override
    public Workspace create(String slug, String name, String timeZone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<Workspace> list(PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<Workspace> listFor(String userId, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Workspace update(String id, String name, String timeZone, long expectedVersion) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Membership grant(String workspaceId, String userId, Role role) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void revoke(String workspaceId, String userId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<Membership> members(String workspaceId, PageRequest page) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Role> rolesOf(String userId) {
      throw new UnsupportedOperationException();
    }
  }
}
