package org.socialweave.webhooks.internal.rest;

import java.net.URI;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.webhooks.internal.Delivery;
import org.socialweave.webhooks.internal.Webhook;
import org.socialweave.webhooks.internal.WebhookChange;
import org.socialweave.webhooks.internal.WebhookServiceImpl;
import org.socialweave.webhooks.internal.WebhookWithSecret;

/**
 * A workspace's webhook subscriptions, their delivery log, redelivery and a test ping. They are
 * integration settings like API tokens, so they take the token permissions.
 */
@Component(service = WebhookResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

  private final WebhookServiceImpl webhooks;

  @Activate
  public WebhookResource(@Reference WebhookServiceImpl webhooks) {
    this.webhooks = webhooks;
  }

  @GET
  @RequiresPermission(Permission.TOKEN_READ)
  public Page<Webhook> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return webhooks.list(workspaceId, PageRequest.of(limit, cursor));
  }

  /** The answer carries the signing secret; it is never shown again. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response create(@PathParam("workspaceId") String workspaceId, WebhookChange body) {
    WebhookWithSecret created = webhooks.create(workspaceId, body);
    return Response.created(
            URI.create("workspaces/" + workspaceId + "/webhooks/" + created.webhook().id()))
        .tag(tag(created.webhook()))
        .entity(created)
        .build();
  }

  @GET
  @Path("{webhookId}")
  @RequiresPermission(Permission.TOKEN_READ)
  public Response get(
      @PathParam("workspaceId") String workspaceId, @PathParam("webhookId") String webhookId) {
    Webhook hook = webhooks.get(workspaceId, webhookId);
    return Response.ok(hook).tag(tag(hook)).build();
  }

  @PUT
  @Path("{webhookId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("webhookId") String webhookId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      WebhookChange body) {
    long expected = IfMatch.expectedVersion(ifMatch);
    Webhook hook = webhooks.update(workspaceId, webhookId, body, expected);
    return Response.ok(hook).tag(tag(hook)).build();
  }

  @DELETE
  @Path("{webhookId}")
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response delete(
      @PathParam("workspaceId") String workspaceId, @PathParam("webhookId") String webhookId) {
    webhooks.delete(workspaceId, webhookId);
    return Response.noContent().build();
  }

  /** A new signing secret, shown once; the old one stops working at once. */
  @POST
  @Path("{webhookId}/secret")
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public WebhookWithSecret rotateSecret(
      @PathParam("workspaceId") String workspaceId, @PathParam("webhookId") String webhookId) {
    return webhooks.rotateSecret(workspaceId, webhookId);
  }

  @POST
  @Path("{webhookId}/ping")
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response ping(
      @PathParam("workspaceId") String workspaceId, @PathParam("webhookId") String webhookId) {
    return Response.status(Response.Status.ACCEPTED)
        .entity(webhooks.ping(workspaceId, webhookId))
        .build();
  }

  @GET
  @Path("{webhookId}/deliveries")
  @RequiresPermission(Permission.TOKEN_READ)
  public Page<Delivery> deliveries(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("webhookId") String webhookId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return webhooks.deliveries(workspaceId, webhookId, PageRequest.of(limit, cursor));
  }

  @POST
  @Path("{webhookId}/deliveries/{deliveryId}/redeliver")
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response redeliver(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("webhookId") String webhookId,
      @PathParam("deliveryId") String deliveryId) {
    return Response.status(Response.Status.ACCEPTED)
        .entity(webhooks.redeliver(workspaceId, webhookId, deliveryId))
        .build();
  }

  private static EntityTag tag(Webhook hook) {
    return new EntityTag(IfMatch.tag(hook.version()));
  }
}
