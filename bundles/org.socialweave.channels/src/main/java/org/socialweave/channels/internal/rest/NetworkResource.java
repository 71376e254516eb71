package org.socialweave.channels.internal.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.channel.AuthorizationOutcome;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.Network;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** The networks that can be connected, and the OAuth callback they send the browser back to. */
@Component(service = NetworkResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ChannelResource.APPLICATION)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {

  private final ChannelService channels;

  @Activate
  public NetworkResource(@Reference ChannelService channels) {
    this.channels = channels;
  }

  @GET
  @Path("networks")
  @RequiresPermission(Permission.AUTHENTICATED)
  public Page<Network> networks() {
    List<Network> all = channels.networks();
    return new Page<>(all, null);
  }

  /**
   * Where the network sends the browser after the user consented (or declined). The one-time {@code
   * state} names the workspace and user, so no session is needed; the answer sends the browser back
   * to the console page the connect started from, with {@code channel} or {@code connectError} in
   * the query.
   */
  @GET
  @Path("oauth/{network}/callback")
  @RequiresPermission(Permission.PUBLIC)
  public Response callback(
      @PathParam("network") String network,
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error,
      @Context UriInfo uri) {
    AuthorizationOutcome outcome = channels.completeAuthorization(network, state, code, error);
    String back = outcome.returnTo() + (outcome.returnTo().contains("?") ? "&" : "?");
    back +=
        outcome.channel() != null
            ? "channel=" + outcome.channel().id()
            : "connectError=" + URLEncoder.encode(outcome.error(), StandardCharsets.UTF_8);
    // JAX-RS would resolve a relative Location against /api/v1; the console lives at the root.
    return Response.seeOther(uri.getBaseUri().resolve(back)).build();
  }
}
