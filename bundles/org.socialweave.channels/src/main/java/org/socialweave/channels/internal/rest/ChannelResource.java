package org.socialweave.channels.internal.rest;

import java.net.URI;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.channel.AuthorizationStart;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.channels.internal.ChannelServiceImpl;

/** The channels of a workspace: list, connect, test, refresh, reconnect, disconnect. */
@Component(service = ChannelResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ChannelResource.APPLICATION)
@Path("workspaces/{workspaceId}/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelResource {

  /** The platform's JAX-RS application, by name. */
  static final String APPLICATION = "(osgi.jaxrs.name=socialweave)";

  /** A direct connect: the network and the values of its connect fields. */
  public record NewChannel(String network, Map<String, String> fields) {}

  /** An OAuth connect to start, or a reconnect of {@code channelId}. */
  public record NewAuthorization(String network, String channelId, String returnTo) {}

  /** The connect fields again, for a reconnect through a direct flow. */
  public record Reconnect(Map<String, String> fields) {}

  private final ChannelServiceImpl channels;

  @Activate
  public ChannelResource(@Reference ChannelServiceImpl channels) {
    this.channels = channels;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<Channel> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return channels.list(workspaceId, PageRequest.of(limit, cursor));
  }

  @GET
  @Path("{channelId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public Channel get(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    return channels.get(workspaceId, channelId);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Response connect(@PathParam("workspaceId") String workspaceId, NewChannel body) {
    if (body == null || body.network() == null) {
      throw new ValidationException("network", "the network to connect is required");
    }
    Channel channel = channels.connect(workspaceId, body.network(), body.fields());
    return Response.created(URI.create("workspaces/" + workspaceId + "/channels/" + channel.id()))
        .entity(channel)
        .build();
  }

  @POST
  @Path("authorizations")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Response authorize(
      @PathParam("workspaceId") String workspaceId,
      NewAuthorization body,
      @Context SecurityContext security) {
    if (body == null || body.network() == null) {
      throw new ValidationException("network", "the network to connect is required");
    }
    Caller caller = (Caller) security.getUserPrincipal();
    AuthorizationStart start =
        channels.beginAuthorization(
            workspaceId, body.network(), body.channelId(), caller.userId(), body.returnTo());
    return Response.status(Response.Status.CREATED).entity(start).build();
  }

  @POST
  @Path("{channelId}/test")
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Channel test(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    return channels.test(workspaceId, channelId);
  }

  @POST
  @Path("{channelId}/refresh")
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Channel refresh(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    return channels.refresh(workspaceId, channelId);
  }

  @POST
  @Path("{channelId}/reconnect")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Channel reconnect(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("channelId") String channelId,
      Reconnect body) {
    return channels.reconnect(workspaceId, channelId, body == null ? null : body.fields());
  }

  @DELETE
  @Path("{channelId}")
  @RequiresPermission(Permission.CHANNEL_MANAGE)
  public Response disconnect(
      @PathParam("workspaceId") String workspaceId, @PathParam("channelId") String channelId) {
    channels.disconnect(workspaceId, channelId);
    return Response.noContent().build();
  }
}
