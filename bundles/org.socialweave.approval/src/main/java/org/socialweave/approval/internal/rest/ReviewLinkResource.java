package org.socialweave.approval.internal.rest;

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
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.approval.internal.ReviewLink;
import org.socialweave.approval.internal.ReviewLinks;

/** Signed review links for reviewers without an account, issued by approvers. */
@Component(service = ReviewLinkResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/approvals/{requestId}/review-links")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewLinkResource {

  /** Who reviews, and for how long the link works (72 hours unless said). */
  public record LinkBody(String email, String name, Integer expiresInHours) {}

  private final ReviewLinks links;

  @Activate
  public ReviewLinkResource(@Reference ReviewLinks links) {
    this.links = links;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_APPROVE)
  public Response issue(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("requestId") String requestId,
      LinkBody body,
      @Context SecurityContext security) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    Caller caller = (Caller) security.getUserPrincipal();
    ReviewLink link =
        links.issue(
            workspaceId,
            requestId,
            body.email(),
            body.name(),
            body.expiresInHours(),
            caller.userId(),
            caller.username());
    return Response.status(201).entity(link).build();
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<ReviewLink> list(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("requestId") String requestId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return links.list(workspaceId, requestId, PageRequest.of(limit, cursor));
  }

  @DELETE
  @Path("{linkId}")
  @RequiresPermission(Permission.CONTENT_APPROVE)
  public ReviewLink revoke(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("requestId") String requestId,
      @PathParam("linkId") String linkId,
      @Context SecurityContext security) {
    Caller caller = (Caller) security.getUserPrincipal();
    return links.revoke(workspaceId, requestId, linkId, caller.username());
  }
}
