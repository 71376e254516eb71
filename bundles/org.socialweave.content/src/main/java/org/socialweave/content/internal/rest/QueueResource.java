package org.socialweave.content.internal.rest;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.QueueResult;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** "Add to queue": each channel of the post at its next free posting-schedule slot. */
@Component(service = QueueResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/posts/{postId}/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  private final PostingScheduleService schedules;

  @Activate
  public QueueResource(@Reference PostingScheduleService schedules) {
    this.schedules = schedules;
  }

  @POST
  @RequiresPermission(Permission.PUBLISH)
  public QueueResult queue(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("postId") String postId,
      @Context SecurityContext security) {
    return schedules.queue(workspaceId, postId, RestSupport.actor(security));
  }
}
