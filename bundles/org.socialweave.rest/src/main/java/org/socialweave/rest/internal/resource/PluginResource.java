package org.socialweave.rest.internal.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.RestApplication;

/**
 * The SocialWeave bundles of this node (ours, and any plug-in that declares a {@code
 * SocialWeave-Plugin} header) with the services they register: what the node can do right now.
 */
@Component(service = PluginResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

  public static final String PLUGIN_HEADER = "SocialWeave-Plugin";

  public record Capability(String service, Map<String, String> properties) {}

  public record Plugin(
      String symbolicName,
      String name,
      String version,
      String state,
      boolean thirdParty,
      List<Capability> capabilities) {}

  private final BundleContext context;

  @Activate
  public PluginResource(BundleContext context) {
    this.context = context;
  }

  @GET
  @RequiresPermission(Permission.AUTHENTICATED)
  public Page<Plugin> list() {
    return new Page<>(
        Arrays.stream(context.getBundles())
            .filter(PluginResource::isSocialWeave)
            .map(this::describe)
            .toList(),
        null);
  }

  static boolean isSocialWeave(Bundle bundle) {
    String name = bundle.getSymbolicName();
    return (name != null && name.startsWith("org.socialweave."))
        || bundle.getHeaders().get(PLUGIN_HEADER) != null;
  }

  private Plugin describe(Bundle bundle) {
    ServiceReference<?>[] registered = bundle.getRegisteredServices();
    List<Capability> capabilities =
        registered == null
            ? List.of()
            : Arrays.stream(registered).flatMap(PluginResource::capabilities).toList();
    return new Plugin(
        bundle.getSymbolicName(),
        bundle.getHeaders().get(Constants.BUNDLE_NAME),
        bundle.getVersion().toString(),
        state(bundle.getState()),
        bundle.getHeaders().get(PLUGIN_HEADER) != null,
        capabilities);
  }

  private static Stream<Capability> capabilities(ServiceReference<?> ref) {
    String[] classes = (String[]) ref.getProperty(Constants.OBJECTCLASS);
    Map<String, String> properties = new java.util.TreeMap<>();
    for (String key : ref.getPropertyKeys()) {
      if (key.startsWith("osgi.jaxrs.")
          || key.startsWith("socialweave.")
          || key.startsWith("osgi.command.")) {
        properties.put(key, String.valueOf(ref.getProperty(key)));
      }
    }
    return Arrays.stream(classes).map(c -> new Capability(c, properties));
  }

  private static String state(int state) {
    return switch (state) {
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      case Bundle.INSTALLED -> "INSTALLED";
      default -> "UNINSTALLED";
    };
  }
}
