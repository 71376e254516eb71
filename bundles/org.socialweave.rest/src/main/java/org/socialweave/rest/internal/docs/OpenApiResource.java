package org.socialweave.rest.internal.docs;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.RestApplication;
import org.socialweave.rest.internal.Routes;

/**
 * The OpenAPI 3 document, generated on each request by swagger-core from the resource classes that
 * are registered right now, so a plug-in's endpoints appear and disappear with it. Each operation
 * names the permission it needs in {@code x-required-permission}.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("openapi.json")
public class OpenApiResource {

  public static final String PERMISSION_EXTENSION = "x-required-permission";

  private final BundleContext context;

  @Activate
  public OpenApiResource(BundleContext context) {
    this.context = context;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.PUBLIC)
  public String document() throws Exception {
    Set<Class<?>> resources = resourceClasses();
    OpenAPI base =
        new OpenAPI()
            .info(
                new Info()
                    .title("SocialWeave API")
                    .version(context.getBundle().getVersion().toString())
                    .description(
                        "Errors are RFC 9457 application/problem+json. Lists are {items, nextCursor}"
                            + " with ?limit=&cursor=. Updates need If-Match; creates accept"
                            + " Idempotency-Key."))
            .servers(List.of(new Server().url("/api/v1")))
            .components(
                new Components()
                    .addSecuritySchemes(
                        "bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                    .addSecuritySchemes(
                        "session",
                        new SecurityScheme()
                            .type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.COOKIE)
                            .name("SW_SESSION")))
            .addSecurityItem(new SecurityRequirement().addList("bearer"))
            .addSecurityItem(new SecurityRequirement().addList("session"));
    Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).readAllResources(true));
    OpenAPI api = reader.read(resources);
    annotatePermissions(api, resources);
    return Json.pretty(api);
  }

  private Set<Class<?>> resourceClasses() throws InvalidSyntaxException {
    Set<Class<?>> classes = new LinkedHashSet<>();
    ServiceReference<?>[] refs =
        context.getAllServiceReferences(null, "(osgi.jaxrs.resource=true)");
    if (refs == null) {
      return classes;
    }
    for (ServiceReference<?> ref : refs) {
      if (!RestApplication.SELECT.equals(ref.getProperty("osgi.jaxrs.application.select"))) {
        continue;
      }
      Object resource = context.getService(ref);
      if (resource != null) {
        try {
          classes.add(resource.getClass());
        } finally {
          context.ungetService(ref);
        }
      }
    }
    return classes;
  }

  private static void annotatePermissions(OpenAPI api, Set<Class<?>> resources) {
    if (api.getPaths() == null) {
      return;
    }
    for (Class<?> resource : resources) {
      for (Routes.Route route : Routes.of(resource)) {
        PathItem item = api.getPaths().get(route.template());
        Operation operation =
            item == null
                ? null
                : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.httpMethod()));
        if (operation != null && route.permission() != null) {
          operation.addExtension(PERMISSION_EXTENSION, route.permission().name());
        }
      }
    }
  }
}
