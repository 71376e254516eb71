package org.socialweave.rest.internal.resource;

import java.net.URI;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.security.Role;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.Etags;
import org.socialweave.rest.internal.RestApplication;

/** Workspaces and who belongs to them. */
@Component(service = WorkspaceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("workspaces")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

  public record NewWorkspace(String slug, String name, String timeZone) {}

  public record WorkspaceChange(String name, String timeZone) {}

  public record RoleAssignment(Role role) {}

  private final WorkspaceService workspaces;

  @Activate
  public WorkspaceResource(@Reference WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  @GET
  @RequiresPermission(Permission.AUTHENTICATED)
  public Page<Workspace> list(
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor,
      @Context SecurityContext security) {
    Caller caller = CallerContext.of(security);
    PageRequest page = PageRequest.of(limit, cursor);
    if (caller.tokenId() != null) {
      // A token sees only its own workspace.
      String id = caller.rolesByWorkspace().keySet().iterator().next();
      return new Page<>(workspaces.find(id).stream().toList(), null);
    }
    return workspaces.listFor(caller.userId(), page);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Response create(NewWorkspace body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    Workspace ws =
        workspaces.create(
            body.slug(), body.name(), body.timeZone() == null ? "Asia/Shanghai" : body.timeZone());
    return Response.created(URI.create("workspaces/" + ws.id()))
        .tag(Etags.of(ws.version()))
        .entity(ws)
        .build();
  }

  @GET
  @Path("{workspaceId}")
  @RequiresPermission(Permission.WORKSPACE_READ)
  public Response get(@PathParam("workspaceId") String workspaceId) {
    Workspace ws = required(workspaceId);
    return Response.ok(ws).tag(Etags.of(ws.version())).build();
  }

  @PUT
  @Path("{workspaceId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.WORKSPACE_UPDATE)
  public Response update(
      @PathParam("workspaceId") String workspaceId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      WorkspaceChange body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    long expected = Etags.expectedVersion(ifMatch);
    Workspace ws =
        workspaces.update(required(workspaceId).id(), body.name(), body.timeZone(), expected);
    return Response.ok(ws).tag(Etags.of(ws.version())).build();
  }

  @GET
  @Path("{workspaceId}/members")
  @RequiresPermission(Permission.MEMBER_READ)
  public Page<Membership> members(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return workspaces.members(workspaceId, PageRequest.of(limit, cursor));
  }

  @PUT
  @Path("{workspaceId}/members/{userId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.MEMBER_MANAGE)
  public Membership grant(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("userId") String userId,
      RoleAssignment body) {
    if (body == null || body.role() == null) {
      throw new ValidationException("role", "role is required");
    }
    return workspaces.grant(workspaceId, userId, body.role());
  }

  @DELETE
  @Path("{workspaceId}/members/{userId}")
  @RequiresPermission(Permission.MEMBER_MANAGE)
  public Response revoke(
      @PathParam("workspaceId") String workspaceId, @PathParam("userId") String userId) {
    workspaces.revoke(workspaceId, userId);
    return Response.noContent().build();
  }

  private Workspace required(String workspaceId) {
    return workspaces
        .find(workspaceId)
        .orElseThrow(() -> new NotFoundException("workspace", workspaceId));
  }
}
