package org.socialweave.rest.internal.resource;

import java.net.URI;
import javax.ws.rs.Consumes;
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
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Caller;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.rest.internal.CallerContext;
import org.socialweave.rest.internal.Etags;
import org.socialweave.rest.internal.RestApplication;

/** User accounts: node administrators manage them; everyone manages their own password. */
@Component(service = UserResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestApplication.SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  public record NewUser(
      String username, String displayName, String email, String password, Boolean systemAdmin) {
    @Override
    public String toString() {
      return "NewUser[" + username + "]";
    }
  }

  public record UserChange(String displayName, String email) {}

  public record PasswordChange(String password) {
    @Override
    public String toString() {
      return "PasswordChange[***]";
    }
  }

  public record Enabled(Boolean disabled) {}

  private final UserService users;

  @Activate
  public UserResource(@Reference UserService users) {
    this.users = users;
  }

  @GET
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Page<User> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    return users.list(PageRequest.of(limit, cursor));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Response create(NewUser body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    User user =
        users.create(
            body.username(),
            body.displayName(),
            body.email(),
            body.password() == null ? null : body.password().toCharArray(),
            Boolean.TRUE.equals(body.systemAdmin()));
    return Response.created(URI.create("users/" + user.id()))
        .tag(Etags.of(user.version()))
        .entity(user)
        .build();
  }

  @GET
  @Path("me")
  @RequiresPermission(Permission.AUTHENTICATED)
  public User me(@Context SecurityContext security) {
    Caller caller = CallerContext.of(security);
    return users
        .find(caller.userId())
        .orElseThrow(() -> new NotFoundException("user", caller.userId()));
  }

  @GET
  @Path("{userId}")
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Response get(@PathParam("userId") String userId) {
    User user = users.find(userId).orElseThrow(() -> new NotFoundException("user", userId));
    return Response.ok(user).tag(Etags.of(user.version())).build();
  }

  @PUT
  @Path("{userId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Response update(
      @PathParam("userId") String userId,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      UserChange body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    User user =
        users.update(userId, body.displayName(), body.email(), Etags.expectedVersion(ifMatch));
    return Response.ok(user).tag(Etags.of(user.version())).build();
  }

  @PUT
  @Path("{userId}/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.AUTHENTICATED)
  public Response changePassword(
      @PathParam("userId") String userId, PasswordChange body, @Context SecurityContext security) {
    Caller caller = CallerContext.of(security);
    User target = users.find(userId).orElseThrow(() -> new NotFoundException("user", userId));
    boolean self = target.id().equals(caller.userId()) && caller.tokenId() == null;
    if (!self && !caller.can(Permission.SYSTEM_ADMIN, null)) {
      throw new SocialWeaveException(
          403, "forbidden", "Forbidden", "you may change only your own password");
    }
    if (body == null || body.password() == null) {
      throw new ValidationException("password", "password is required");
    }
    users.changePassword(target.id(), body.password().toCharArray());
    return Response.noContent().build();
  }

  @PUT
  @Path("{userId}/disabled")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresPermission(Permission.SYSTEM_ADMIN)
  public Response setDisabled(@PathParam("userId") String userId, Enabled body) {
    if (body == null || body.disabled() == null) {
      throw new ValidationException("disabled", "disabled (true or false) is required");
    }
    User target = users.find(userId).orElseThrow(() -> new NotFoundException("user", userId));
    users.setDisabled(target.id(), body.disabled());
    return Response.noContent().build();
  }
}
