package org.socialweave.example.plugin.internal;

import java.security.Principal;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.RequiresPermission;

/**
 * {@code GET /api/v1/example/greeting?lang=zh|en}: greets the authenticated caller.
 *
 * <p>The resource joins the platform's JAX-RS application by selecting its name, so the platform's
 * security filter, JSON provider and problem mapper apply to it exactly as to the built-in
 * resources. Every method must name a permission or the platform refuses it.
 */
@Component(service = GreetingResource.class)
@JaxrsResource
@JaxrsApplicationSelect(GreetingResource.APPLICATION)
@Path("example/greeting")
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

  /**
   * Selects the SocialWeave application by its public name; a plug-in must not use the REST
   * bundle's internal constant.
   */
  static final String APPLICATION = "(osgi.jaxrs.name=socialweave)";

  @GET
  @RequiresPermission(Permission.AUTHENTICATED)
  public Greeter.Greeting greet(
      @QueryParam("lang") String lang, @Context SecurityContext security) {
    String language = Greeter.language(lang);
    Principal principal = security == null ? null : security.getUserPrincipal();
    if (principal == null) {
      // The platform authenticates before we run; this only guards against misconfiguration.
      throw new SocialWeaveException(
          401, "unauthenticated", "Authentication required", "log in or send a valid API token");
    }
    return Greeter.greet(language, principal.getName());
  }
}
