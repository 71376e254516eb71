package org.socialweave.compliance.internal.rest;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.compliance.CheckSettings;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.error.IfMatch;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * {@code workspaces/{workspaceId}/check-settings}: which checks run in the workspace, at which
 * severity, with which parameters. {@code PUT} replaces them whole and needs the ETag of {@code
 * GET} in {@code If-Match}.
 */
@Component(service = CheckSettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(CheckResource.APPLICATION)
@Path("workspaces/{workspaceId}/check-settings")
@Produces(MediaType.APPLICATION_JSON)
public class CheckSettingsResource {

  /** The body of a {@code PUT}: every check the workspace sets; the others get their defaults. */
  public record SettingsRequest(List<CheckSettings.Change> checks) {}

  private final ComplianceService compliance;

  @Activate
  public CheckSettingsResource(@Reference ComplianceService compliance) {
    this.compliance = compliance;
  }

  @GET
  @RequiresPermission(Permission.CONTENT_READ)
  public Response get(@PathParam("workspaceId") String workspaceId) {
    CheckSettings settings = compliance.checkSettings(workspaceId);
    return Response.ok(settings).tag(tag(settings)).build();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response put(
      @PathParam("workspaceId") String workspaceId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      @Context SecurityContext security,
      SettingsRequest body) {
    if (body == null || body.checks() == null) {
      throw new ValidationException(
          "checks", "a list of check settings is required (an empty list resets every check)");
    }
    CheckSettings saved =
        compliance.replaceCheckSettings(
            workspaceId, body.checks(), IfMatch.expectedVersion(ifMatch), actor(security));
    return Response.ok(saved).tag(tag(saved)).build();
  }

  private static String actor(SecurityContext security) {
    return security.getUserPrincipal() instanceof Caller caller ? caller.userId() : null;
  }

  private static EntityTag tag(CheckSettings settings) {
    return new EntityTag(IfMatch.tag(settings.version()));
  }
}
