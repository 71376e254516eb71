package org.socialweave.compliance.internal.rest;

import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.CheckSubject;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.MediaFact;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Permission;
import org.socialweave.api.security.ReadOnly;
import org.socialweave.api.security.RequiresPermission;
import org.socialweave.compliance.internal.NetworkDirectory;

/**
 * Checks a text as the editor types: {@code POST /checks} for a bare text (the platform's checks,
 * no workspace word lists) and {@code POST /workspaces/{workspaceId}/checks} with the workspace's
 * word lists. A missing {@code text} is a 400; an empty text is checked (and usually yields an
 * empty report).
 *
 * <p>Two root resources, not one at {@code ""}: JAX-RS picks the root resource with the longest
 * literal path and never falls back to another, so a root at {@code ""} would lose {@code
 * workspaces/...} to the workspace resource.
 */
@Component(service = CheckResource.class)
@JaxrsResource
@JaxrsApplicationSelect(CheckResource.APPLICATION)
@Path("checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckResource {

  static final String APPLICATION = "(osgi.jaxrs.name=socialweave)";

  /** One attached medium. */
  public record Medium(String mimeType, Long sizeBytes) {}

  /**
   * What to check.
   *
   * @param network a network id ({@code weibo}, {@code x}, ...) for its platform rules, or null
   */
  public record CheckRequest(
      String text,
      String title,
      String network,
      Boolean sponsored,
      List<Medium> media,
      String language) {}

  private final ComplianceService compliance;
  private final NetworkDirectory networks;

  @Activate
  public CheckResource(
      @Reference ComplianceService compliance, @Reference NetworkDirectory networks) {
    this.compliance = compliance;
    this.networks = networks;
  }

  @POST
  @ReadOnly
  @RequiresPermission(Permission.AUTHENTICATED)
  public CheckReport check(CheckRequest body) {
    return compliance.check(subject(body));
  }

  CheckSubject subject(CheckRequest body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object with a text is required");
    }
    if (body.text() == null) {
      throw new ValidationException("text", "the text to check is required (it may be empty)");
    }
    NetworkDescriptor network = null;
    if (body.network() != null) {
      network =
          networks
              .find(body.network())
              .orElseThrow(
                  () -> new ValidationException("network", "no such network: " + body.network()));
    }
    List<MediaFact> media = new ArrayList<>();
    if (body.media() != null) {
      for (Medium m : body.media()) {
        if (m == null || m.mimeType() == null || m.mimeType().isBlank()) {
          throw new ValidationException("media", "every medium needs a mimeType");
        }
        if (m.sizeBytes() == null || m.sizeBytes() < 0) {
          throw new ValidationException("media", "every medium needs a sizeBytes of 0 or more");
        }
        media.add(new MediaFact(m.mimeType(), m.sizeBytes()));
      }
    }
    return new CheckSubject(
        body.text(),
        body.title(),
        network,
        Boolean.TRUE.equals(body.sponsored()),
        media,
        body.language());
  }
}
