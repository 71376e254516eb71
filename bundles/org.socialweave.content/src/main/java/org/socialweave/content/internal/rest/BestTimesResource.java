package org.socialweave.content.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
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
import org.socialweave.api.content.BestTimeService;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * A channel's best-time suggestions from past engagement. The path names its last segment so that
 * the channels' own resource keeps every other path below a channel.
 */
@Component(service = BestTimesResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/channels/{channelId}/best-times")
@Produces(MediaType.APPLICATION_JSON)
public class BestTimesResource {

  private final BestTimeService bestTimes;

  @Activate
  public BestTimesResource(@Reference BestTimeService bestTimes) {
    this.bestTimes = bestTimes;
  }

  /**
   * The best weekday-and-hour slots from the channel's own published posts, or the network's
   * general times marked {@code NETWORK_DEFAULTS} when there is too little history.
   */
  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public BestTimes bestTimes(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("channelId") String channelId,
      @QueryParam("limit") Integer limit) {
    return bestTimes.bestTimes(workspaceId, channelId, limit == null ? 5 : limit);
  }

  /** Reads the engagement of the channel's published posts that are due for a read, now. */
  @POST
  @Path("fetch")
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public EngagementFetch fetch(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    return bestTimes.fetchEngagement(workspaceId, channelId);
  }
}
