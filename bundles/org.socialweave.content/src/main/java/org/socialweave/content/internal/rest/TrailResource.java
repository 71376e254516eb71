package org.socialweave.content.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.content.internal.ComplianceTrail;

/**
 * {@code workspaces/{workspaceId}/trail}: the compliance trail of a post, a campaign or a time
 * range as CSV or JSON, streamed; {@code .../trail/verify} recomputes the audit chain and checks
 * every check run, approval decision and publication against its digest and audit entry.
 */
@Component(service = TrailResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=socialweave)")
@Path("workspaces/{workspaceId}/trail")
public class TrailResource {

  static final String TEXT_CSV = "text/csv; charset=UTF-8";
  private final ComplianceTrail trail;

  @Activate
  public TrailResource(@Reference ComplianceTrail trail) {
    this.trail = trail;
  }

  @GET
  @Produces({"text/csv", MediaType.APPLICATION_JSON, "*/*"})
  @RequiresPermission(Permission.AUDIT_READ)
  public Response export(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("postId") String postId,
      @QueryParam("campaignId") String campaignId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("format") String format) {
    String type = format == null || format.isBlank() ? "json" : format.strip();
    if (!type.equals("json") && !type.equals("csv")) {
      throw new ValidationException("format", "format is csv or json, was " + format);
    }
    // Everything that can be refused is refused before the first byte is streamed.
    ComplianceTrail.Scope scope =
        trail.scope(
            workspaceId,
            blankToNull(postId),
            blankToNull(campaignId),
            RestSupport.instant("from", from),
            RestSupport.instant("to", to));
    StreamingOutput body =
        type.equals("csv") ? out -> trail.csv(scope, out) : out -> trail.json(scope, out);
    return Response.ok(body)
        .type(type.equals("csv") ? TEXT_CSV : MediaType.APPLICATION_JSON)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"trail-" + scope.workspaceId() + "." + type + "\"")
        .build();
  }

  @GET
  @Path("verify")
  @Produces(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.AUDIT_READ)
  public ComplianceTrail.Verification verify(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("postId") String postId,
      @QueryParam("campaignId") String campaignId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return trail.verify(
        trail.scope(
            workspaceId,
            blankToNull(postId),
            blankToNull(campaignId),
            RestSupport.instant("from", from),
            RestSupport.instant("to", to)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
