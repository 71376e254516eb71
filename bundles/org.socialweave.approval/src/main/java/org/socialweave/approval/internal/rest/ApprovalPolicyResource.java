package org.socialweave.approval.internal.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.approval.ApprovalService;
import org.socialweave.api.approval.ApprovalStage;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/** A workspace's approval policy: its sequence of stages. */
@Component(service = ApprovalPolicyResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/approval-policy")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalPolicyResource {

  /** The policy as an admin sets it. */
  public record PolicyBody(boolean enabled, List<ApprovalStage> stages) {}

  private final ApprovalService approvals;

  @Activate
  public ApprovalPolicyResource(@Reference ApprovalService approvals) {
    this.approvals = approvals;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Response policy(@PathParam("workspaceId") String workspaceId) {
    return tagged(approvals.policy(workspaceId));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response setPolicy(
      @PathParam("workspaceId") String workspaceId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      PolicyBody body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    long expected = IfMatch.expectedVersion(ifMatch);
    return tagged(
        approvals.setPolicy(
            workspaceId, new ApprovalPolicy(null, body.enabled(), body.stages(), 0), expected));
  }

  /** The policy with its version as the ETag. */
  static Response tagged(ApprovalPolicy policy) {
    return Response.ok(policy).tag(new EntityTag(IfMatch.tag(policy.version()))).build();
  }
}
