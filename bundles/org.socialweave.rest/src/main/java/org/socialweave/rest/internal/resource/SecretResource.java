package org.socialweave.rest.internal.resource;

import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.Page;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.api.vault.SecretRef;
import org.socialweave.api.vault.SecretVault;
import org.socialweave.rest.internal.RestApplication;

/** Credentials of a workspace: write-only; reads return names and a redacted value. */
@Component(service = SecretResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("workspaces/{workspaceId}/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource {

  public static final String REDACTED = "***redacted***";

  public record SecretValue(String value) {
    @Override
    public String toString() {
      return "SecretValue[" + REDACTED + "]";
    }
  }

  public record RedactedSecret(String name, String value, java.time.Instant updatedAt) {
    static RedactedSecret of(SecretRef ref) {
      return new RedactedSecret(ref.name(), REDACTED, ref.updatedAt());
    }
  }

  private final SecretVault vault;
  private final WorkspaceService workspaces;

  @Activate
  public SecretResource(@Reference SecretVault vault, @Reference WorkspaceService workspaces) {
    this.vault = vault;
    this.workspaces = workspaces;
  }

  @GET
  @RequiresPermission(Permission.SECRET_MANAGE)
  public Page<RedactedSecret> list(@PathParam("workspaceId") String workspaceId) {
    List<RedactedSecret> items =
        vault.list(id(workspaceId)).stream().map(RedactedSecret::of).toList();
    return new Page<>(items, null);
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.SECRET_MANAGE)
  public RedactedSecret put(
      @PathParam("workspaceId") String workspaceId,
      @PathParam("name") String name,
      SecretValue body) {
    if (body == null || body.value() == null || body.value().isEmpty()) {
      throw new ValidationException("value", "value is required");
    }
    return RedactedSecret.of(vault.put(id(workspaceId), name, body.value().toCharArray()));
  }

  @DELETE
  @Path("{name}")
  @RequiresPermission(Permission.SECRET_MANAGE)
  public Response delete(
      @PathParam("workspaceId") String workspaceId, @PathParam("name") String name) {
    vault.delete(id(workspaceId), name);
    return Response.noContent().build();
  }

  private String id(String workspaceId) {
    return workspaces
        .find(workspaceId)
        .orElseThrow(() -> new NotFoundException("workspace", workspaceId))
        .id();
  }
}
