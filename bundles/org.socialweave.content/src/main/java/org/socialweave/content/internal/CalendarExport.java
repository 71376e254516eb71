package org.socialweave.content.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.error.ValidationException;

/**
 * The calendar of a workspace as CSV (one row per post, the import's column names where they mean
 * the same) and as iCalendar (one event per post).
 */
public final class CalendarExport {

  /** The longest range one export covers. */
  static final Duration MAX_RANGE = Duration.ofDays(366);

  /** The most posts one export holds. */
  static final int MAX_POSTS = 5000;

  static final List<String> CSV_COLUMNS =
      List.of(
          "id",
          "scheduledAt",
          "localTime",
          "timeZone",
          "status",
          "campaign",
          "title",
          "link",
          "text",
          "channels",
          "deliveries");

  private static final int SUMMARY_LENGTH = 80;

  private final PostService posts;
  private final CampaignService campaigns;

  public CalendarExport(PostService posts, CampaignService campaigns) {
    this.posts = posts;
    this.campaigns = campaigns;
  }

  /** The scheduled posts of {@code [from, to)}, in id order. */
  public List<Post> posts(String workspaceId, Instant from, Instant to) {
    return posts(workspaceId, from, to, null);
  }

  /** The scheduled posts of {@code [from, to)} of one campaign, or of all when it is null. */
  public List<Post> posts(String workspaceId, Instant from, Instant to, String campaignId) {
    requireRange(from, to);
    return read(workspaceId, new CalendarQuery(from, to, campaignId, null, null));
  }

  /**
   * The scheduled posts of {@code [from - margin, to + margin)}, for a range {@code [from, to)}
   * within the export's bounds: what a view of the range needs to know of the days around it.
   */
  public List<Post> postsAround(String workspaceId, Instant from, Instant to, Duration margin) {
    requireRange(from, to);
    return read(
        workspaceId, new CalendarQuery(from.minus(margin), to.plus(margin), null, null, null));
  }

  private static void requireRange(Instant from, Instant to) {
    if (from == null || to == null) {
      throw new ValidationException(from == null ? "from" : "to", "give from and to (instants)");
    }
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new ValidationException(
          "to", "to must be after from, and at most " + MAX_RANGE.toDays() + " days later");
    }
  }

  private List<Post> read(String workspaceId, CalendarQuery query) {
    List<Post> all = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (page != null) {
      Page<Post> batch = posts.list(workspaceId, query, page);
      all.addAll(batch.items());
      if (all.size() > MAX_POSTS) {
        throw new ValidationException(
            "to", "more than " + MAX_POSTS + " posts in the range; export a shorter one");
      }
      page =
          batch.nextCursor() == null
              ? null
              : PageRequest.of(PageRequest.MAX_LIMIT, batch.nextCursor());
    }
    return all;
  }

  public String csv(String workspaceId, List<Post> calendar) {
    Map<String, String> campaignNames = campaignNames(workspaceId, calendar);
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(
            out,
            CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).build())) {
      for (Post p : calendar) {
        printer.printRecord(
            p.id(),
            p.scheduledAt(),
            p.scheduledAt() == null
                ? null
                : p.scheduledAt().atZone(ZoneId.of(p.timeZone())).toLocalDateTime(),
            p.timeZone(),
            p.status(),
            p.campaignId() == null ? null : campaignNames.get(p.campaignId()),
            inert(p.title()),
            p.link(),
            inert(p.text()),
            p.variants().stream().map(PostVariant::channelId).collect(Collectors.joining("|")),
            p.variants().stream()
                .map(CalendarExport::delivery)
                .map(CalendarExport::inert)
                .collect(Collectors.joining("|")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string", e);
    }
    return out.toString();
  }

  /** One VEVENT per post, at its time in UTC, its channels' states in the description. */
  public String ics(String workspaceSlug, List<Post> calendar, Instant now) {
    ICalendar cal =
        new ICalendar()
            .raw("BEGIN", "VCALENDAR")
            .raw("VERSION", "2.0")
            .raw("PRODID", "-//SocialWeave//Calendar//EN")
            .raw("CALSCALE", "GREGORIAN")
            .text("X-WR-CALNAME", "SocialWeave " + workspaceSlug);
    for (Post p : calendar) {
      StringBuilder description = new StringBuilder(p.text());
      if (p.link() != null) {
        description.append("\n\n").append(p.link());
      }
      description.append("\n");
      p.variants().forEach(v -> description.append('\n').append(delivery(v)));
      cal.raw("BEGIN", "VEVENT")
          .raw("UID", p.id() + "@socialweave")
          .time("DTSTAMP", now)
          .time("DTSTART", p.scheduledAt())
          .time("LAST-MODIFIED", p.updatedAt())
          .raw("SEQUENCE", Integer.toString(p.revision()))
          .text("SUMMARY", summary(p))
          .text("DESCRIPTION", description.toString())
          .text("CATEGORIES", p.status().name())
          .raw("END", "VEVENT");
    }
    return cal.raw("END", "VCALENDAR").toString();
  }

  private static String summary(Post p) {
    String line = p.title() != null ? p.title() : p.text().strip().lines().findFirst().orElse("");
    return line.length() > SUMMARY_LENGTH
        ? line.substring(0, line.offsetByCodePoints(0, SUMMARY_LENGTH - 1)) + VariantText.ELLIPSIS
        : line;
  }

  /** {@code weibo @brand: PUBLISHED https://...} or {@code x @brand: FAILED the reason}. */
  private static String delivery(PostVariant v) {
    String detail =
        v.url() != null ? " " + v.url() : v.failure() != null ? " " + v.failure().message() : "";
    return v.network() + " " + v.channelId() + ": " + v.status() + detail;
  }

  /**
   * A cell a spreadsheet would run as a formula (OWASP "CSV injection") gets a leading apostrophe,
   * which spreadsheets show as text.
   */
  public static String inert(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
  }

  private Map<String, String> campaignNames(String workspaceId, List<Post> calendar) {
    Map<String, String> names = new HashMap<>();
    for (Post p : calendar) {
      if (p.campaignId() != null && !names.containsKey(p.campaignId())) {
        Optional<Campaign> campaign = campaigns.find(workspaceId, p.campaignId());
        names.put(p.campaignId(), campaign.map(Campaign::name).orElse(p.campaignId()));
      }
    }
    return names;
  }
}
