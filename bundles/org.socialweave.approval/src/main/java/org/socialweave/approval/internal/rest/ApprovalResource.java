package org.socialweave.approval.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalDecision;
import org.socialweave.api.approval.ApprovalDecision.Verdict;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** A workspace's approval requests and reviewers' verdicts on them. */
@Component(service = ApprovalResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

  /**
   * A verdict on the current stage, with a comment anchored to a span of a variant's text (or of
   * the master copy when {@code channelId} is absent).
   */
  public record DecisionBody(
      Verdict verdict, String comment, Integer spanStart, Integer spanEnd, String channelId) {}

  private final ApprovalService approvals;

  @Activate
  public ApprovalResource(@Reference ApprovalService approvals) {
    this.approvals = approvals;
  }

  /**
   * The requests of the workspace, or with {@code awaiting=me} the pending ones waiting for the
   * caller's verdict (the approval queue).
   */
  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Page<ApprovalRequest> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("status") String status,
      @QueryParam("postId") String postId,
      @QueryParam("awaiting") String awaiting,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor,
      @Context SecurityContext security) {
    PageRequest page = PageRequest.of(limit, cursor);
    if (awaiting == null || awaiting.isBlank()) {
      return approvals.list(workspaceId, status(status), postId, page);
    }
    if (!"me".equals(awaiting.strip())) {
      throw new ValidationException("awaiting", "only awaiting=me is supported");
    }
    if (status != null || postId != null) {
      throw new ValidationException("awaiting", "awaiting=me lists pending requests of any post");
    }
    Caller caller = (Caller) security.getUserPrincipal();
    return approvals.awaiting(workspaceId, caller.userId(), page);
  }

  @GET
  @Path("{requestId}")
  @RequiresPermission(Permission.CONTENT_READ)
  public ApprovalRequest get(
      @PathParam("workspaceId") String workspaceId, @PathParam("requestId") String requestId) {
    return approvals.get(workspaceId, requestId);
  }

  @POST
  @Path("{requestId}/decisions")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.CONTENT_APPROVE)
  public ApprovalRequest decide(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("requestId") String requestId,
      DecisionBody body,
      @Context SecurityContext security) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    Caller caller = (Caller) security.getUserPrincipal();
    return approvals.decide(
        workspaceId,
        requestId,
        caller.userId(),
        new ApprovalDecision(
            0,
            caller.userId(),
            caller.username(),
            body.verdict(),
            body.comment(),
            body.spanStart(),
            body.spanEnd(),
            body.channelId(),
            null));
  }

  private static ApprovalRequest.Status status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ApprovalRequest.Status.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw new ValidationException("status", "not an approval status: " + value);
    }
  }
}
