package org.socialweave.content.internal.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.content.BestTimeService;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.api.content.PostingSchedule;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.PostingSlot;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * A channel's posting schedule (preferred weekly slots the queue fills) and its best-time
 * suggestions from past engagement.
 */
@Component(service = PlanningResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/channels/{channelId}")
@Produces(MediaType.APPLICATION_JSON)
public class PlanningResource {

  /**
   * The slots as wall-clock times, e.g. {@code {"timeZone":"Asia/Shanghai","slots":[{"day":
   * "MONDAY","time":"09:30"}]}}; without {@code timeZone} the workspace's.
   */
  public record ScheduleBody(String timeZone, List<PostingSlot> slots) {}

  private final PostingScheduleService schedules;
  private final BestTimeService bestTimes;

  @Activate
  public PlanningResource(
      @Reference PostingScheduleService schedules, @Reference BestTimeService bestTimes) {
    this.schedules = schedules;
    this.bestTimes = bestTimes;
  }

  @GET
  @Path("schedule")
  @RequiresPermission(Permission.CONTENT_READ)
  public Response schedule(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    PostingSchedule s = schedules.get(workspaceId, channelId);
    return Response.ok(s).tag(TemplateResource.etag(s.version())).build();
  }

  /** Replaces the slots; {@code If-Match: "0"} for a channel that has no schedule yet. */
  @PUT
  @Path("schedule")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Response putSchedule(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("channelId") String channelId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      ScheduleBody body,
      @Context SecurityContext security) {
    ScheduleBody b = TemplateResource.required(body);
    long expected = IfMatch.expectedVersion(ifMatch);
    PostingSchedule s =
        schedules.put(
            workspaceId, channelId, b.timeZone(), b.slots(), expected, RestSupport.actor(security));
    return Response.ok(s).tag(TemplateResource.etag(s.version())).build();
  }

  /**
   * The best weekday-and-hour slots from the channel's own published posts, or the network's
   * general times marked {@code NETWORK_DEFAULTS} when there is too little history.
   */
  @GET
  @Path("best-times")
  @RequiresPermission(Permission.CONTENT_READ)
  public BestTimes bestTimes(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("channelId") String channelId,
      @QueryParam("limit") Integer limit) {
    return bestTimes.bestTimes(workspaceId, channelId, limit == null ? 5 : limit);
  }

  /** Reads the engagement of the channel's published posts that are due for a read, now. */
  @POST
  @Path("best-times/fetch")
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public EngagementFetch fetch(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    return bestTimes.fetchEngagement(workspaceId, channelId);
  }
}
