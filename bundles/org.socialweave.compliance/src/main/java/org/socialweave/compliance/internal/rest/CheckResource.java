package org.socialweave.compliance.internal.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * Checks a text or a whole post as the editor types: {@code POST /checks} (the platform's checks,
 * no workspace word lists) and {@code POST /workspaces/{workspaceId}/checks} with the workspace's
 * word lists. A body without {@code variants} is one text and answers one {@link CheckReport}; a
 * body with {@code variants} is a post (the master copy and one entry per channel) and answers a
 * {@link PostCheckReport}, so the editor checks every channel in one call. A missing {@code text}
 * is a 400; an empty text is checked (and usually yields an empty report).
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

  /** As many variants as a post may have channels. */
  static final int MAX_VARIANTS = 50;

  /** The longest channel id a variant may carry. */
  static final int MAX_CHANNEL_ID_LENGTH = 100;

  /** One attached medium. */
  public record Medium(String mimeType, Long sizeBytes) {}

  /**
   * One channel's copy of a post.
   *
   * @param channelId the channel it goes to, echoed in its report; a channel id or a network is
   *     required, and channel ids are unique within a request
   * @param network the channel's network ({@code weibo}, {@code x}, ...) for its platform rules, or
   *     null
   * @param text the channel's own text, or null for the master's
   * @param title the channel's own title, or null for the master's
   * @param media the channel's own media, or null for the master's (an empty list: none)
   */
  public record Variant(
      String channelId, String network, String text, String title, List<Medium> media) {}

  /**
   * What to check.
   *
   * @param text the text, or with {@code variants} the post's master copy
   * @param network a network id ({@code weibo}, {@code x}, ...) for its platform rules, or null
   * @param sponsored whether the post is paid for; applies to every variant
   * @param language a BCP 47 hint; applies to every variant
   * @param variants null for a single text; else the post's channels (may be empty)
   */
  public record CheckRequest(
      String text,
      String title,
      String network,
      Boolean sponsored,
      List<Medium> media,
      String language,
      List<Variant> variants) {

    /** A single text. */
    public CheckRequest(
        String text,
        String title,
        String network,
        Boolean sponsored,
        List<Medium> media,
        String language) {
      this(text, title, network, sponsored, media, language, null);
    }
  }

  /** One variant's report, with the channel and network it was for. */
  public record VariantCheckReport(String channelId, String network, CheckReport report) {}

  /**
   * The answer for a whole post.
   *
   * @param master the master copy's report
   * @param variants one report per variant, in the request's order
   * @param blocked whether any report is blocked
   * @param elapsedMicros how long all the checks took together
   */
  public record PostCheckReport(
      CheckReport master, List<VariantCheckReport> variants, boolean blocked, long elapsedMicros) {

    public PostCheckReport {
      variants = List.copyOf(variants);
    }
  }

  private final ComplianceService compliance;
  private final NetworkDirectory networks;

  @Activate
  public CheckResource(
      @Reference ComplianceService compliance, @Reference NetworkDirectory networks) {
    this.compliance = compliance;
    this.networks = networks;
  }

  /** A {@link CheckReport} for a single text, a {@link PostCheckReport} for a post. */
  @POST
  @ReadOnly
  @RequiresPermission(Permission.AUTHENTICATED)
  public Object check(CheckRequest body) {
    return answer(body, compliance::check);
  }

  /**
   * Validates the whole body first (nothing runs for a bad variant), then runs {@code checks} on
   * the text or on the master and each variant.
   */
  Object answer(CheckRequest body, Function<CheckSubject, CheckReport> checks) {
    CheckSubject master = subject(body);
    if (body.variants() == null) {
      return checks.apply(master);
    }
    List<CheckSubject> subjects = variants(body.variants(), master);
    long started = System.nanoTime();
    CheckReport masterReport = checks.apply(master);
    boolean blocked = masterReport.blocked();
    List<VariantCheckReport> reports = new ArrayList<>(subjects.size());
    for (int i = 0; i < subjects.size(); i++) {
      Variant variant = body.variants().get(i);
      CheckSubject subject = subjects.get(i);
      CheckReport report = checks.apply(subject);
      blocked |= report.blocked();
      reports.add(
          new VariantCheckReport(
              variant.channelId(),
              subject.network() == null ? null : subject.network().id(),
              report));
    }
    return new PostCheckReport(
        masterReport, reports, blocked, (System.nanoTime() - started) / 1000);
  }

  private CheckSubject subject(CheckRequest body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object with a text is required");
    }
    if (body.text() == null) {
      throw new ValidationException("text", "the text to check is required (it may be empty)");
    }
    return new CheckSubject(
        body.text(),
        body.title(),
        network("network", body.network()),
        Boolean.TRUE.equals(body.sponsored()),
        media("media", body.media()),
        body.language());
  }

  /** Each variant as a subject, taking the master's text, title and media where it has none. */
  private List<CheckSubject> variants(List<Variant> variants, CheckSubject master) {
    if (variants.size() > MAX_VARIANTS) {
      throw new ValidationException(
          "variants", "at most " + MAX_VARIANTS + " variants, as many as a post has channels");
    }
    Set<String> channels = new HashSet<>();
    List<CheckSubject> subjects = new ArrayList<>(variants.size());
    for (int i = 0; i < variants.size(); i++) {
      Variant v = variants.get(i);
      String at = "variants[" + i + "]";
      if (v == null) {
        throw new ValidationException("variants", at + " must be an object, not null");
      }
      if (v.channelId() == null && v.network() == null) {
        throw new ValidationException(
            "variants", at + " needs a channelId or a network (for its platform rules)");
      }
      if (v.channelId() != null) {
        if (v.channelId().isBlank() || v.channelId().length() > MAX_CHANNEL_ID_LENGTH) {
          throw new ValidationException(
              "variants", at + ".channelId must be 1 to " + MAX_CHANNEL_ID_LENGTH + " characters");
        }
        if (!channels.add(v.channelId())) {
          throw new ValidationException(
              "variants", at + ".channelId " + v.channelId() + " is given twice");
        }
      }
      subjects.add(
          new CheckSubject(
              v.text() == null ? master.text() : v.text(),
              v.title() == null ? master.title() : v.title(),
              network("variants", v.network()),
              master.sponsored(),
              v.media() == null ? master.media() : media("variants", v.media()),
              master.language()));
    }
    return subjects;
  }

  private NetworkDescriptor network(String field, String id) {
    if (id == null) {
      return null;
    }
    return networks
        .find(id)
        .orElseThrow(() -> new ValidationException(field, "no such network: " + id));
  }

  private static List<MediaFact> media(String field, List<Medium> media) {
    List<MediaFact> facts = new ArrayList<>();
    if (media == null) {
      return facts;
    }
    for (Medium m : media) {
      if (m == null || m.mimeType() == null || m.mimeType().isBlank()) {
        throw new ValidationException(field, "every medium needs a mimeType");
      }
      if (m.sizeBytes() == null || m.sizeBytes() < 0) {
        throw new ValidationException(field, "every medium needs a sizeBytes of 0 or more");
      }
      facts.add(new MediaFact(m.mimeType(), m.sizeBytes()));
    }
    return facts;
  }
}
