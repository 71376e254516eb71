package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import org.junit.Test;
import org.socialweave.api.security.Permission;
import org.socialweave.rest.internal.docs.OpenApiResource;
import org.socialweave.rest.internal.resource.AuditResource;
import org.socialweave.rest.internal.resource.HealthResource;
import org.socialweave.rest.internal.resource.PluginResource;
import org.socialweave.rest.internal.resource.SecretResource;
import org.socialweave.rest.internal.resource.SessionResource;
import org.socialweave.rest.internal.resource.TokenResource;
import org.socialweave.rest.internal.resource.UserResource;
import org.socialweave.rest.internal.resource.WorkspaceAuditResource;
import org.socialweave.rest.internal.resource.WorkspaceResource;

public class RoutesTest {

  private static Set<String> routes(Class<?> resource) {
    return Routes.of(resource).stream()
        .map(r -> r.httpMethod() + " " + r.template())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> set(String... routes) {
    return new TreeSet<>(List.of(routes));
  }

  @Test
  public void workspaceRoutes() {
    assertEquals(
        set(
            "GET /workspaces",
            "POST /workspaces",
            "GET /workspaces/{workspaceId}",
            "PUT /workspaces/{workspaceId}",
            "GET /workspaces/{workspaceId}/members",
            "PUT /workspaces/{workspaceId}/members/{userId}",
            "DELETE /workspaces/{workspaceId}/members/{userId}"),
        routes(WorkspaceResource.class));
  }

  @Test
  public void workspaceScopedResourceRoutes() {
    assertEquals(
        set(
            "GET /workspaces/{workspaceId}/tokens",
            "POST /workspaces/{workspaceId}/tokens",
            "DELETE /workspaces/{workspaceId}/tokens/{tokenId}"),
        routes(TokenResource.class));
    assertEquals(
        set(
            "GET /workspaces/{workspaceId}/secrets",
            "PUT /workspaces/{workspaceId}/secrets/{name}",
            "DELETE /workspaces/{workspaceId}/secrets/{name}"),
        routes(SecretResource.class));
    assertEquals(set("GET /workspaces/{workspaceId}/audit"), routes(WorkspaceAuditResource.class));
  }

  @Test
  public void userRoutes() {
    assertEquals(
        set(
            "GET /users",
            "POST /users",
            "GET /users/me",
            "GET /users/{userId}",
            "PUT /users/{userId}",
            "PUT /users/{userId}/password",
            "PUT /users/{userId}/disabled"),
        routes(UserResource.class));
  }

  @Test
  public void nodeRoutes() {
    assertEquals(set("GET /audit", "GET /audit/verification"), routes(AuditResource.class));
    assertEquals(set("GET /health", "GET /health/live"), routes(HealthResource.class));
    assertEquals(set("GET /plugins"), routes(PluginResource.class));
    assertEquals(
        set("POST /session", "GET /session", "DELETE /session"), routes(SessionResource.class));
    assertEquals(set("GET /openapi.json"), routes(OpenApiResource.class));
  }

  @Test
  public void routesCarryTheDeclaredPermission() {
    Routes.Route grant =
        Routes.of(WorkspaceResource.class).stream()
            .filter(r -> r.httpMethod().equals("PUT") && r.template().endsWith("{userId}"))
            .findFirst()
            .orElseThrow();
    assertEquals(Permission.MEMBER_MANAGE, grant.permission());
    assertEquals("grant", grant.method().getName());
  }

  @Path("/odd/")
  public static class Slashes {
    @GET
    @Path("/x/")
    public String x() {
      return "";
    }

    @GET
    public String root() {
      return "";
    }
  }

  @Test
  public void slashesAreNormalisedAndMissingPermissionIsNull() {
    assertEquals(set("GET /odd", "GET /odd/x"), routes(Slashes.class));
    for (Routes.Route r : Routes.of(Slashes.class)) {
      assertNull(r.permission());
    }
  }
}
