package org.socialweave.rest.internal.resource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.RestApplication;

/**
 * Liveness (the process answers) and readiness (every health indicator, the database first): 503
 * when any indicator is down, 200 with status DEGRADED when one needs attention.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

  /** One indicator: {@code status} is UP, DEGRADED or DOWN; {@code up} is false only for DOWN. */
  public record Check(String name, String status, boolean up, String detail) {}

  public record Health(String status, List<Check> checks) {}

  private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addIndicator(HealthIndicator indicator) {
    indicators.add(indicator);
  }

  void removeIndicator(HealthIndicator indicator) {
    indicators.remove(indicator);
  }

  @GET
  @RequiresPermission(Permission.PUBLIC)
  public Response readiness() {
    List<Check> checks =
        indicators.stream()
            .map(
                i -> {
                  var status = i.check();
                  return new Check(i.name(), status.state(), status.up(), status.detail());
                })
            .toList();
    boolean up = !checks.isEmpty() && checks.stream().allMatch(Check::up);
    // A degraded node still serves: a load balancer must not pull every node for a late job.
    boolean degraded = checks.stream().anyMatch(c -> c.status().equals("DEGRADED"));
    String status = !up ? "DOWN" : degraded ? "DEGRADED" : "UP";
    return Response.status(up ? 200 : 503).entity(new Health(status, checks)).build();
  }

  @GET
  @Path("live")
  @RequiresPermission(Permission.PUBLIC)
  public Health liveness() {
    return new Health("UP", List.of());
  }
}
