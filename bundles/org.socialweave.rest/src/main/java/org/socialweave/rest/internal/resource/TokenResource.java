package org.socialweave.rest.internal.resource;

import java.net.URI;
import java.time.Instant;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.ApiToken;
import org.socialweave.api.IssuedToken;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.TokenService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.security.Role;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.RestApplication;

/** API tokens of a workspace. The secret is in the creation response and nowhere else, ever. */
@Component(service = TokenResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("workspaces/{workspaceId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  public record NewToken(String name, Role role, Instant expiresAt) {}

  private final TokenService tokens;
  private final WorkspaceService workspaces;

  @Activate
  public TokenResource(@Reference TokenService tokens, @Reference WorkspaceService workspaces) {
    this.tokens = tokens;
    this.workspaces = workspaces;
  }

  @GET
  @RequiresPermission(Permission.TOKEN_READ)
  public Page<ApiToken> list(
      @PathParam("workspaceId") String workspaceId,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return tokens.list(workspaceId, PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response create(
      @PathParam("workspaceId") String workspaceId,
      NewToken body,
      @Context SecurityContext security) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    IssuedToken issued =
        tokens.issue(
            workspaceId,
            CallerContext.of(security).userId(),
            body.name(),
            body.role(),
            body.expiresAt());
    return Response.created(
            URI.create(
                "workspaces/" + issued.token().workspaceId() + "/tokens/" + issued.token().id()))
        .entity(issued)
        .build();
  }

  @DELETE
  @Path("{tokenId}")
  @RequiresPermission(Permission.TOKEN_MANAGE)
  public Response revoke(
      @PathParam("workspaceId") String workspaceId, @PathParam("tokenId") String tokenId) {
    Workspace ws =
        workspaces
            .find(workspaceId)
            .orElseThrow(() -> new NotFoundException("workspace", workspaceId));
    ApiToken token =
        tokens
            .find(tokenId)
            .filter(t -> t.workspaceId().equals(ws.id()))
            .orElseThrow(() -> new NotFoundException("token", tokenId));
    tokens.revoke(token.id());
    return Response.noContent().build();
  }
}
