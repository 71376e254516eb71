package org.socialweave.rest.internal.resource;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.RestApplication;

/** The audit trail of one workspace. */
@Component(service = WorkspaceAuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Produces(MediaType.APPLICATION_JSON)
@Path("workspaces/{workspaceId}/audit")
public class WorkspaceAuditResource {

  private final AuditLog audit;
  private final WorkspaceService workspaces;

  @Activate
  public WorkspaceAuditResource(@Reference AuditLog audit, @Reference WorkspaceService workspaces) {
    this.audit = audit;
    this.workspaces = workspaces;
  }

  @GET
  @RequiresPermission(Permission.AUDIT_READ)
  public Page<AuditEntry> workspaceTail(
      @PathParam("workspaceId") String workspaceId, @QueryParam("limit") Integer limit) {
    String id =
        workspaces
            .find(workspaceId)
            .orElseThrow(() -> new NotFoundException("workspace", workspaceId))
            .id();
    return new Page<>(audit.tail(id, PageRequest.of(limit, null).limit()), null);
  }
}
