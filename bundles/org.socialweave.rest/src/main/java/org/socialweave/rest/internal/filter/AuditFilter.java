package org.socialweave.rest.internal.filter;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.security.ReadOnly;
import org.socialweave.rest.internal.Requests;
import org.socialweave.rest.internal.RestApplication;
import org.socialweave.rest.internal.Routes;

/** Writes one audit entry for every state-changing call, allowed or not. */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
@Priority(Priorities.USER)
public class AuditFilter implements ContainerResponseFilter {

  private final AuditLog audit;

  @Context ResourceInfo resourceInfo;
  @Context HttpServletRequest servletRequest;

  @Activate
  public AuditFilter(@Reference AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (SecurityFilter.isSafe(request.getMethod())
        || resourceInfo.getResourceMethod() == null
        || resourceInfo.getResourceMethod().isAnnotationPresent(ReadOnly.class)) {
      return;
    }
    int status = response.getStatus();
    String outcome =
        status < 400 ? "success" : status == 401 || status == 403 ? "denied" : "failure:" + status;
    Object workspace = request.getProperty(Requests.WORKSPACE_PROPERTY);
    audit.record(
        new AuditEvent(
            Requests.actor(request),
            workspace == null ? null : workspace.toString(),
            request.getMethod()
                + " "
                + Routes.template(
                    resourceInfo.getResourceClass(), resourceInfo.getResourceMethod()),
            "/" + request.getUriInfo().getPath(),
            Requests.clientAddress(servletRequest),
            outcome));
  }
}
