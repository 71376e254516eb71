package org.socialweave.compliance.internal.rest;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.ReadOnly;
import org.socialweave.api.security.RequiresPermission;

/**
 * {@code POST /workspaces/{workspaceId}/checks}: a check of a text or a whole post (see {@link
 * CheckResource}) with the workspace's word lists.
 */
@Component(service = WorkspaceCheckResource.class)
@JaxrsResource
@JaxrsApplicationSelect(CheckResource.APPLICATION)
@Path("workspaces/{workspaceId}/checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkspaceCheckResource {

  private final ComplianceService compliance;
  private final CheckResource requests;

  @Activate
  public WorkspaceCheckResource(
      @Reference ComplianceService compliance, @Reference CheckResource requests) {
    this.compliance = compliance;
    this.requests = requests;
  }

  @POST
  @ReadOnly
  @RequiresPermission(Permission.CONTENT_READ)
  public Object check(
      @PathParam("workspaceId") String workspaceId, CheckResource.CheckRequest body) {
    return requests.answer(body, subject -> compliance.check(workspaceId, subject));
  }
}
