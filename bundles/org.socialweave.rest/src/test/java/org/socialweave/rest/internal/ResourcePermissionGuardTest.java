package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HEAD;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import org.junit.Test;
import org.socialweave.api.security.RequiresPermission;

/**
 * Fail-closed guard: every JAX-RS resource method of the bundle declares its permission. The
 * classes are found by listing the compiled classes directory, so a new resource cannot be missed;
 * the known list below is cross-checked against that directory so additions are deliberate.
 */
public class ResourcePermissionGuardTest {

  private static final List<String> PACKAGES =
      List.of("org.socialweave.rest.internal.resource", "org.socialweave.rest.internal.docs");

  /** Classes with JAX-RS resource methods today. Update when adding or removing a resource. */
  private static final Set<String> KNOWN_RESOURCES =
      Set.of(
          "org.socialweave.rest.internal.resource.AuditResource",
          "org.socialweave.rest.internal.resource.HealthResource",
          "org.socialweave.rest.internal.resource.PluginResource",
          "org.socialweave.rest.internal.resource.SecretResource",
          "org.socialweave.rest.internal.resource.SessionResource",
          "org.socialweave.rest.internal.resource.TokenResource",
          "org.socialweave.rest.internal.resource.UserResource",
          "org.socialweave.rest.internal.resource.WorkspaceAuditResource",
          "org.socialweave.rest.internal.resource.WorkspaceResource",
          "org.socialweave.rest.internal.docs.OpenApiResource");

  private static final List<Class<? extends Annotation>> HTTP_METHODS =
      List.of(
          GET.class, POST.class, PUT.class, DELETE.class, PATCH.class, HEAD.class, OPTIONS.class);

  @Test
  public void everyResourceMethodDeclaresAPermission() throws Exception {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : compiledClasses()) {
      for (Method method : methodsOf(type)) {
        if (isResourceMethod(method)) {
          checked++;
          if (!method.isAnnotationPresent(RequiresPermission.class)) {
            missing.add(type.getName() + "#" + method.getName());
          }
        }
      }
    }
    assertTrue("no resource method found: the scan is broken", checked >= 30);
    assertEquals("resource methods without @RequiresPermission", List.of(), missing);
  }

  @Test
  public void knownResourceListMatchesTheClassesDirectory() throws Exception {
    Set<String> found = new TreeSet<>();
    for (Class<?> type : compiledClasses()) {
      if (methodsOf(type).stream().anyMatch(ResourcePermissionGuardTest::isResourceMethod)
          || type.isAnnotationPresent(javax.ws.rs.Path.class)) {
        found.add(type.getName());
      }
    }
    assertEquals(new TreeSet<>(KNOWN_RESOURCES), found);
  }

  private static boolean isResourceMethod(Method method) {
    return HTTP_METHODS.stream().anyMatch(method::isAnnotationPresent);
  }

  private static Set<Method> methodsOf(Class<?> type) {
    Set<Method> methods = new LinkedHashSet<>(List.of(type.getDeclaredMethods()));
    methods.addAll(List.of(type.getMethods()));
    return methods;
  }

  /** Every class (nested ones included) compiled into the scanned packages. */
  static List<Class<?>> compiledClasses() throws IOException, ClassNotFoundException {
    Path root =
        Paths.get(
            java.net.URI.create(
                RestApplication.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString()));
    assertTrue("not a classes directory: " + root, Files.isDirectory(root));
    List<Class<?>> classes = new ArrayList<>();
    for (String pkg : PACKAGES) {
      Path dir = root.resolve(pkg.replace('.', '/'));
      assertTrue("missing package directory " + dir, Files.isDirectory(dir));
      List<String> names;
      try (Stream<Path> files = Files.list(dir)) {
        names =
            files
                .map(f -> f.getFileName().toString())
                .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
                .sorted()
                .collect(Collectors.toList());
      }
      for (String name : names) {
        classes.add(Class.forName(name, false, ResourcePermissionGuardTest.class.getClassLoader()));
      }
    }
    return classes;
  }
}
