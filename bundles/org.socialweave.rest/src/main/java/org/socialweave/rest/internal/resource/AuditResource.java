package org.socialweave.rest.internal.resource;

import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
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
import org.socialweave.api.audit.AuditEntry;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.RestApplication;

/** The audit trail of the whole node, and the check of its hash chain. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Produces(MediaType.APPLICATION_JSON)
@Path("audit")
public class AuditResource {

  private final AuditLog audit;

  @Activate
  public AuditResource(@Reference AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Page<AuditEntry> tail(@QueryParam("limit") Integer limit) {
    List<AuditEntry> entries = audit.tail(null, PageRequest.of(limit, null).limit());
    return new Page<>(entries, null);
  }

  @GET
  @Path("verification")
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public AuditLog.Verification verify() {
    return audit.verify();
  }
}
