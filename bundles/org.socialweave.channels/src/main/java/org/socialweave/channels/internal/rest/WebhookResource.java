package org.socialweave.channels.internal.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.connector.WebhookRequest;
import org.socialweave.api.connector.WebhookVerdict;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.channels.internal.ChannelServiceImpl;

/**
 * Where networks push events for a channel: {@code /api/v1/webhooks/{network}/{channelId}}, the URL
 * to register with the network. The network's signature is the only credential; the connector
 * checks it over the raw body, and forged or replayed calls are refused and counted.
 */
@Component(service = WebhookResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ChannelResource.APPLICATION)
@Path("webhooks/{network}/{channelId}")
public class WebhookResource {

  private final ChannelServiceImpl channels;

  @Activate
  public WebhookResource(@Reference ChannelServiceImpl channels) {
    this.channels = channels;
  }

  /** Handshakes: WeChat's {@code echostr}, X's CRC. */
  @GET
  @RequiresPermission(Permission.PUBLIC)
  public Response handshake(
      @PathParam("network") String network,
      @PathParam("channelId") String channelId,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    return receive(network, channelId, new byte[0], headers, uri);
  }

  /** Events, in whatever body the network sends (JSON, XML, form). */
  @POST
  @Consumes(MediaType.WILDCARD)
  @RequiresPermission(Permission.PUBLIC)
  public Response event(
      @PathParam("network") String network,
      @PathParam("channelId") String channelId,
      byte[] body,
      @Context HttpHeaders headers,
      @Context UriInfo uri) {
    return receive(network, channelId, body, headers, uri);
  }

  private Response receive(
      String network, String channelId, byte[] body, HttpHeaders headers, UriInfo uri) {
    WebhookVerdict verdict =
        channels.receiveWebhook(
            network,
            channelId,
            new WebhookRequest(
                headers.getRequestHeaders(), body, uri.getQueryParameters(), Instant.now()));
    return switch (verdict.outcome()) {
      case ACCEPTED, CHALLENGE -> answer(verdict);
      case FORGED, REPLAYED -> throw refusal(401, verdict);
      case MALFORMED -> throw refusal(400, verdict);
    };
  }

  private static Response answer(WebhookVerdict verdict) {
    String body = verdict.response() == null ? "" : verdict.response();
    String type =
        verdict.responseContentType() == null
            ? MediaType.TEXT_PLAIN + ";charset=utf-8"
            : verdict.responseContentType();
    return Response.ok(body.getBytes(StandardCharsets.UTF_8), type).build();
  }

  /** A refusal as an RFC 9457 problem, like every other error of the API. */
  private static SocialWeaveException refusal(int status, WebhookVerdict verdict) {
    return new SocialWeaveException(
        status,
        "webhook-" + verdict.outcome().name().toLowerCase(Locale.ROOT),
        "Webhook refused",
        verdict.outcome() + ": " + verdict.reason());
  }
}
