package org.socialweave.content.internal.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
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
import org.socialweave.api.content.PostingSchedule;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.PostingSlot;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * A channel's posting schedule: the preferred weekly slots the queue fills. The path names its last
 * segment so that the channels' own resource keeps every other path below a channel.
 */
@Component(service = ScheduleResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/channels/{channelId}/schedule")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

  /**
   * The slots as wall-clock times, e.g. {@code {"timeZone":"Asia/Shanghai","slots":[{"day":
   * "MONDAY","time":"09:30"}]}}; without {@code timeZone} the workspace's.
   */
  public record ScheduleBody(String timeZone, List<PostingSlot> slots) {}

  private final PostingScheduleService schedules;

  @Activate
  public ScheduleResource(@Reference PostingScheduleService schedules) {
    this.schedules = schedules;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Response schedule(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    PostingSchedule s = schedules.get(workspaceId, channelId);
    return Response.ok(s).tag(TemplateResource.etag(s.version())).build();
  }

  /** Replaces the slots; {@code If-Match: "0"} for a channel that has no schedule yet. */
  @PUT
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
}
