package org.socialweave.approval.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.approval.ApprovalPolicy;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.approval.internal.ApprovalServiceImpl;
import org.socialweave.approval.internal.rest.ApprovalPolicyResource.PolicyBody;

/**
 * A campaign's own approval policy, used for its posts instead of the workspace's. Without one the
 * answer is the workspace's policy with {@code campaignId} null and ETag {@code "0"}: a PUT with
 * {@code If-Match: "0"} gives the campaign its own.
 */
@Component(service = CampaignPolicyResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/campaigns/{campaignId}/approval-policy")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignPolicyResource {

  private final ApprovalServiceImpl approvals;

  @Activate
  public CampaignPolicyResource(@Reference ApprovalServiceImpl approvals) {
    this.approvals = approvals;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Response policy(
      @PathParam("workspaceId") String workspaceId, @PathParam("campaignId") String campaignId) {
    return ApprovalPolicyResource.tagged(approvals.campaignPolicy(workspaceId, campaignId));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response setPolicy(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("campaignId") String campaignId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      PolicyBody body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    long expected = IfMatch.expectedVersion(ifMatch);
    return ApprovalPolicyResource.tagged(
        approvals.setCampaignPolicy(
            workspaceId,
            campaignId,
            new ApprovalPolicy(null, body.enabled(), body.stages(), 0),
            expected));
  }

  @DELETE
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response deletePolicy(
      @PathParam("workspaceId") String workspaceId, @PathParam("campaignId") String campaignId) {
    approvals.deleteCampaignPolicy(workspaceId, campaignId);
    return Response.noContent().build();
  }
}
