package org.socialweave.notify.internal.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.notify.internal.NotificationServiceImpl;
import org.socialweave.notify.internal.NotificationSettings;

/**
 * Which channels a workspace's notifications go over (its default) and the caller's own choice.
 * Without a setting of its own a member gets the workspace's ({@code inherited}, ETag {@code "0"}).
 */
@Component(service = NotificationSettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationSettingsResource {

  /** Channel names ({@code []} for none) and {@code zh} or {@code en}. */
  public record SettingsBody(List<String> channels, String locale) {}

  private final NotificationServiceImpl notifications;

  @Activate
  public NotificationSettingsResource(@Reference NotificationServiceImpl notifications) {
    this.notifications = notifications;
  }

  @GET
  @RequiresPermission(Permission.WORKSPACE_READ)
  public Response workspace(@PathParam("workspaceId") String workspaceId) {
    return tagged(notifications.settings(workspaceId, "*"));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response setWorkspace(
      @PathParam("workspaceId") String workspaceId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      SettingsBody body) {
    return tagged(set(workspaceId, "*", ifMatch, body));
  }

  @GET
  @Path("me")
  @RequiresPermission(Permission.WORKSPACE_READ)
  public Response mine(
      @PathParam("workspaceId") String workspaceId, @Context SecurityContext security) {
    return tagged(notifications.settings(workspaceId, caller(security)));
  }

  @PUT
  @Path("me")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_READ)
  public Response setMine(
      @PathParam("workspaceId") String workspaceId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      SettingsBody body,
      @Context SecurityContext security) {
    return tagged(set(workspaceId, caller(security), ifMatch, body));
  }

  private NotificationSettings set(
      String workspaceId, String subject, String ifMatch, SettingsBody body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    long expected = IfMatch.expectedVersion(ifMatch);
    return notifications.setSettings(
        workspaceId, subject, body.channels(), body.locale(), expected);
  }

  private static String caller(SecurityContext security) {
    return ((Caller) security.getUserPrincipal()).userId();
  }

  private static Response tagged(NotificationSettings settings) {
    return Response.ok(settings).tag(new EntityTag(IfMatch.tag(settings.version()))).build();
  }
}
