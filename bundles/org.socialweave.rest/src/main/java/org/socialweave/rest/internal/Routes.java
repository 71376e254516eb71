package org.socialweave.rest.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** What the annotations of a resource class say about its endpoints. */
public final class Routes {

  /** One endpoint: {@code POST /workspaces/{workspaceId}/tokens} and the permission it needs. */
  public record Route(String httpMethod, String template, Permission permission, Method method) {}

  private Routes() {}

  public static List<Route> of(Class<?> resource) {
    List<Route> routes = new ArrayList<>();
    for (Method method : resource.getMethods()) {
      String verb = httpMethod(method);
      if (verb != null) {
        RequiresPermission required = method.getAnnotation(RequiresPermission.class);
        routes.add(
            new Route(
                verb,
                template(resource, method),
                required == null ? null : required.value(),
                method));
      }
    }
    return routes;
  }

  public static String template(Class<?> resource, Method method) {
    String base = pathOf(resource.getAnnotation(Path.class));
    String sub = pathOf(method.getAnnotation(Path.class));
    String joined = (base + "/" + sub).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }

  private static String pathOf(Path path) {
    return path == null ? "" : "/" + path.value();
  }

  public static String httpMethod(Method method) {
    if (method.isAnnotationPresent(GET.class)) return "GET";
    if (method.isAnnotationPresent(POST.class)) return "POST";
    if (method.isAnnotationPresent(PUT.class)) return "PUT";
    if (method.isAnnotationPresent(DELETE.class)) return "DELETE";
    if (method.isAnnotationPresent(PATCH.class)) return "PATCH";
    if (method.isAnnotationPresent(HEAD.class)) return "HEAD";
    if (method.isAnnotationPresent(OPTIONS.class)) return "OPTIONS";
    return null;
  }
}
