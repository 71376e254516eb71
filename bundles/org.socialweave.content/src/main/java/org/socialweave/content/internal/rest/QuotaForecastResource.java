package org.socialweave.content.internal.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.QuotaWarning;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.content.internal.CalendarExport;
import org.socialweave.content.internal.QuotaForecast;

/** The windows of {@code [from, to)} in which the calendar exceeds a network's posting quota. */
@Component(service = QuotaForecastResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts/quota-forecast")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaForecastResource {

  private final WorkspaceService workspaces;
  private final CalendarExport calendar;
  private final Connectors connectors;

  @Activate
  public QuotaForecastResource(
      @Reference WorkspaceService workspaces,
      @Reference PostService posts,
      @Reference CampaignService campaigns,
      @Reference Connectors connectors) {
    this.workspaces = workspaces;
    this.calendar = new CalendarExport(posts, campaigns);
    this.connectors = connectors;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Map<String, List<QuotaWarning>> forecast(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Workspace ws =
        workspaces
            .find(workspaceId)
            .orElseThrow(() -> new NotFoundException("workspace", workspaceId));
    Instant start = RestSupport.instant("from", from);
    Instant end = RestSupport.instant("to", to);
    List<NetworkDescriptor> networks =
        connectors.all().stream().map(PlatformConnector::descriptor).toList();
    // Read around the range: a window that starts before it (or ends after it) counts its posts
    // out there too, as the network will.
    List<Post> around = calendar.postsAround(ws.id(), start, end, QuotaForecast.reach(networks));
    return Map.of(
        "items",
        QuotaForecast.overlapping(
            around,
            network -> networks.stream().filter(n -> n.id().equals(network)).findFirst(),
            start,
            end));
  }
}
