package org.socialweave.content.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.channel.TokenHealth;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.ImportProblem;
import org.socialweave.api.content.ImportReport;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostImportService;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;

/**
 * Posts from CSV, through {@link PostService} like any other post. Every row is checked before
 * anything is written; the creation then runs row by row, and a refusal the checks could not
 * foresee (a channel disconnected meanwhile) removes the posts already created, so a file is
 * imported whole or not at all.
 */
@Component(service = PostImportService.class)
public class PostImporter implements PostImportService {

  private static final Logger LOG = LoggerFactory.getLogger(PostImporter.class);

  static final String TEXT = "text";
  static final String CHANNELS = "channels";
  static final String SCHEDULED_AT = "scheduledat";
  static final String LOCAL_TIME = "localtime";
  static final String TIME_ZONE = "timezone";
  static final String CAMPAIGN = "campaign";
  static final String TITLE = "title";
  static final String LINK = "link";

  /** The columns by their lower-case name, with the spelling the messages use. */
  private static final Map<String, String> COLUMNS =
      Map.of(
          TEXT, "text",
          CHANNELS, "channels",
          SCHEDULED_AT, "scheduledAt",
          LOCAL_TIME, "localTime",
          TIME_ZONE, "timeZone",
          CAMPAIGN, "campaign",
          TITLE, "title",
          LINK, "link");

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();

  /** {@code 2026-12-08T09:00}, {@code 2026-12-08 09:00} and with seconds. */
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd['T'][ ]HH:mm[:ss]");

  private final PostService posts;
  private final CampaignService campaigns;
  private final ChannelService channels;
  private final Connectors connectors;
  private final Function<String, Optional<Workspace>> workspaces;
  private final Clock clock;

  @Activate
  public PostImporter(
      @Reference PostService posts,
      @Reference CampaignService campaigns,
      @Reference ChannelService channels,
      @Reference Connectors connectors,
      @Reference WorkspaceService workspaces) {
    this(posts, campaigns, channels, connectors, workspaces::find, Clock.systemUTC());
  }

  PostImporter(
      PostService posts,
      CampaignService campaigns,
      ChannelService channels,
      Connectors connectors,
      Function<String, Optional<Workspace>> workspaces,
      Clock clock) {
    this.posts = posts;
    this.campaigns = campaigns;
    this.channels = channels;
    this.connectors = connectors;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** One row as it will be created. */
  private record Row(int number, PostDraft draft, Schedule schedule) {}

  /** What the checks found, row by row. */
  private static final class Findings {
    final List<ImportProblem> errors = new ArrayList<>();
    final List<ImportProblem> warnings = new ArrayList<>();
    final List<Row> rows = new ArrayList<>();
    int rowCount;

    void error(int row, String column, String message) {
      errors.add(new ImportProblem(row, column, message));
    }
  }

  @Override
  public ImportReport importCsv(
      String workspace, byte[] csv, String charset, boolean dryRun, String actor) {
    Workspace ws =
        workspaces
            .apply(workspace)
            .orElseThrow(() -> new NotFoundException("workspace", workspace));
    if (csv != null && csv.length > MAX_BYTES) {
      throw new SocialWeaveException(
          413,
          "body-too-large",
          "Request body too large",
          "an import holds at most " + MAX_BYTES + " bytes; split the file");
    }
    byte[] bytes = csv == null ? new byte[0] : csv;
    Findings found = new Findings();
    String charsetUsed = null;
    try {
      CsvText text = CsvText.decode(bytes, charset);
      charsetUsed = text.charset().name();
      check(ws, text.text(), found);
    } catch (CsvText.Undecodable e) {
      found.error(0, null, e.getMessage());
    }
    if (dryRun) {
      return new ImportReport(
          true, charsetUsed, found.rowCount, found.errors, found.warnings, List.of());
    }
    if (!found.errors.isEmpty()) {
      throw refused(found.errors);
    }
    List<String> created = create(ws, found.rows, actor);
    LOG.info("Imported {} posts into workspace {} for {}", created.size(), ws.slug(), actor);
    return new ImportReport(false, charsetUsed, found.rowCount, List.of(), found.warnings, created);
  }

  // ---- checking

  private void check(Workspace ws, String text, Findings found) {
    if (text.isBlank()) {
      found.error(0, null, "the file is empty; the first row names the columns");
      return;
    }
    Lookups lookups = new Lookups(ws);
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      Iterator<CSVRecord> records = parser.iterator();
      Map<String, Integer> header = header(records.next(), found);
      long lastRecord = 1;
      try {
        while (records.hasNext()) {
          CSVRecord record = records.next();
          lastRecord = record.getRecordNumber();
          if (++found.rowCount > MAX_ROWS) {
            found.error(
                (int) lastRecord, null, "a file holds at most " + MAX_ROWS + " posts; split it");
            return;
          }
          if (header != null) {
            checkRow(ws, record, header, lookups, found);
          }
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // A quote that is never closed swallows the rest of the file: nothing after it is a row.
        found.error((int) lastRecord + 1, null, "broken quoting: " + e.getMessage());
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      found.error(1, null, "broken quoting in the header: " + e.getMessage());
    }
  }

  /** The column positions by lower-case name, or {@code null} when the header is unusable. */
  private static Map<String, Integer> header(CSVRecord record, Findings found) {
    Map<String, Integer> header = new HashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.containsKey(name)) {
        found.error(
            1,
            record.get(i),
            "unknown column '"
                + record.get(i)
                + "'; the columns are "
                + String.join(", ", new java.util.TreeSet<>(COLUMNS.values())));
      } else if (header.put(name, i) != null) {
        found.error(1, COLUMNS.get(name), "the column " + COLUMNS.get(name) + " appears twice");
      }
    }
    for (String required : List.of(TEXT, CHANNELS)) {
      if (!header.containsKey(required)) {
        found.error(
            1, COLUMNS.get(required), "the column " + COLUMNS.get(required) + " is missing");
      }
    }
    return found.errors.isEmpty() ? header : null;
  }

  private void checkRow(
      Workspace ws,
      CSVRecord record,
      Map<String, Integer> header,
      Lookups lookups,
      Findings found) {
    int row = (int) record.getRecordNumber();
    if (record.size() != header.size()) {
      found.error(
          row,
          null,
          "expected " + header.size() + " columns as in the header, found " + record.size());
      return;
    }
    int before = found.errors.size();
    Function<String, String> cell =
        name -> {
          Integer i = header.get(name);
          String value = i == null ? null : record.get(i).strip();
          return value == null || value.isEmpty() ? null : value;
        };
    String text = cell.apply(TEXT);
    if (text == null) {
      found.error(row, "text", "a post needs a text");
    } else if (text.length() > PostServiceImpl.MAX_TEXT) {
      found.error(row, "text", "at most " + PostServiceImpl.MAX_TEXT + " characters");
    }
    String title = cell.apply(TITLE);
    if (title != null && title.length() > PostServiceImpl.MAX_TITLE) {
      found.error(row, "title", "at most " + PostServiceImpl.MAX_TITLE + " characters");
    }
    String link = cell.apply(LINK);
    if (link != null && !isHttpUrl(link)) {
      found.error(row, "link", "the link must be an absolute http(s) URL: " + link);
    }
    String zone = null;
    if (cell.apply(TIME_ZONE) != null) {
      try {
        zone = PlannedTime.zone(cell.apply(TIME_ZONE));
      } catch (ValidationException e) {
        found.error(row, "timeZone", e.getMessage());
      }
    }
    Schedule schedule =
        schedule(row, cell.apply(SCHEDULED_AT), cell.apply(LOCAL_TIME), zone, ws, found);
    String campaignId = null;
    if (cell.apply(CAMPAIGN) != null) {
      Optional<Campaign> campaign = lookups.campaign(cell.apply(CAMPAIGN));
      if (campaign.isEmpty()) {
        found.error(
            row, "campaign", "no campaign '" + cell.apply(CAMPAIGN) + "' in this workspace");
      } else {
        campaignId = campaign.get().id();
      }
    }
    List<Channel> targets = targets(row, cell.apply(CHANNELS), schedule != null, lookups, found);
    if (found.errors.size() > before) {
      return;
    }
    for (Channel channel : targets) {
      lookups
          .network(channel.network())
          .map(n -> VariantText.adapt(text, null, n))
          .ifPresent(
              adapted ->
                  adapted
                      .warnings()
                      .forEach(
                          w ->
                              found.warnings.add(
                                  new ImportProblem(
                                      row, "text", channel.displayName() + ": " + w))));
    }
    PostDraft draft =
        new PostDraft(
            campaignId,
            text,
            title,
            link,
            targets.stream().map(Channel::id).toList(),
            zone,
            Map.of());
    found.rows.add(new Row(row, draft, schedule));
  }

  private Schedule schedule(
      int row, String scheduledAt, String localTime, String zone, Workspace ws, Findings found) {
    if (scheduledAt != null && localTime != null) {
      found.error(row, "localTime", "give scheduledAt or localTime, not both");
      return null;
    }
    Instant at;
    Schedule schedule;
    try {
      if (scheduledAt != null) {
        at = OffsetDateTime.parse(scheduledAt).toInstant();
        schedule = new Schedule(at, null, zone);
      } else if (localTime != null) {
        String plannedZone = zone != null ? zone : ws.timeZone();
        LocalDateTime wallClock = LocalDateTime.parse(localTime, LOCAL);
        schedule = new Schedule(null, wallClock, plannedZone);
        at = PlannedTime.of(schedule, plannedZone).at();
      } else {
        return null;
      }
    } catch (DateTimeParseException e) {
      found.error(
          row,
          scheduledAt != null ? "scheduledAt" : "localTime",
          scheduledAt != null
              ? "not an ISO-8601 time with offset such as 2026-12-08T01:00:00Z: " + scheduledAt
              : "not a wall-clock time such as 2026-12-08T09:00: " + localTime);
      return null;
    } catch (DateTimeException | ValidationException e) {
      found.error(row, "timeZone", e.getMessage());
      return null;
    }
    Instant now = clock.instant();
    if (at.isBefore(now.minus(PostServiceImpl.PAST_TOLERANCE))) {
      found.error(
          row,
          scheduledAt != null ? "scheduledAt" : "localTime",
          "the time " + at + " is in the past (now " + now + ")");
      return null;
    }
    return schedule;
  }

  private List<Channel> targets(
      int row, String value, boolean scheduled, Lookups lookups, Findings found) {
    if (value == null) {
      found.error(row, "channels", "name at least one channel");
      return List.of();
    }
    Set<Channel> targets = new LinkedHashSet<>();
    for (String name : value.split("[|;]")) {
      if (name.isBlank()) {
        continue;
      }
      List<Channel> matches = lookups.channels(name.strip());
      if (matches.isEmpty()) {
        found.error(row, "channels", "no channel '" + name.strip() + "' in this workspace");
      } else if (matches.size() > 1) {
        found.error(
            row,
            "channels",
            "'"
                + name.strip()
                + "' names "
                + matches.size()
                + " channels; use an id: "
                + matches.stream().map(Channel::id).collect(Collectors.joining(", ")));
      } else {
        Channel channel = matches.get(0);
        if (lookups.network(channel.network()).isEmpty()) {
          found.error(
              row,
              "channels",
              "the " + channel.network() + " connector is not installed on this node");
        } else if (scheduled && channel.health().state() == TokenHealth.State.NEEDS_RECONNECT) {
          found.error(
              row,
              "channels",
              "channel " + channel.displayName() + " needs a reconnect before it can publish");
        }
        targets.add(channel);
      }
    }
    if (targets.isEmpty() && found.errors.stream().noneMatch(e -> e.row() == row)) {
      found.error(row, "channels", "name at least one channel");
    }
    if (targets.size() > PostServiceImpl.MAX_CHANNELS) {
      found.error(row, "channels", "at most " + PostServiceImpl.MAX_CHANNELS + " channels a post");
    }
    return List.copyOf(targets);
  }

  private static boolean isHttpUrl(String link) {
    try {
      URI uri = new URI(link);
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && link.length() <= PostServiceImpl.MAX_LINK;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The workspace's channels, campaigns and networks, each read once per file. */
  private final class Lookups {
    private final Workspace ws;
    private final Map<String, List<Channel>> channelsByKey = new HashMap<>();
    private final Map<String, Optional<Campaign>> campaignsByName = new HashMap<>();
    private final Map<String, Optional<NetworkDescriptor>> networks = new HashMap<>();

    Lookups(Workspace ws) {
      this.ws = ws;
      PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
      while (page != null) {
        Page<Channel> batch = channels.list(ws.id(), page);
        for (Channel c : batch.items()) {
          channelsByKey.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
          String name = c.displayName().toLowerCase(Locale.ROOT);
          if (!name.equals(c.id())) {
            channelsByKey.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
          }
        }
        page =
            batch.nextCursor() == null
                ? null
                : PageRequest.of(PageRequest.MAX_LIMIT, batch.nextCursor());
      }
    }

    /** By id, else by display name ignoring case. */
    List<Channel> channels(String idOrName) {
      List<Channel> byId = channelsByKey.get(idOrName);
      if (byId != null && byId.size() == 1 && byId.get(0).id().equals(idOrName)) {
        return byId;
      }
      return channelsByKey.getOrDefault(idOrName.toLowerCase(Locale.ROOT), List.of());
    }

    Optional<Campaign> campaign(String idOrName) {
      return campaignsByName.computeIfAbsent(idOrName, k -> campaigns.find(ws.id(), k));
    }

    Optional<NetworkDescriptor> network(String network) {
      return networks.computeIfAbsent(network, n -> connectors.find(n).map(c -> c.descriptor()));
    }
  }

  // ---- creating

  private List<String> create(Workspace ws, List<Row> rows, String actor) {
    Map<Integer, String> created = new LinkedHashMap<>();
    Row current = null;
    try {
      for (Row row : rows) {
        current = row;
        created.put(row.number(), posts.create(ws.id(), row.draft(), actor).id());
      }
      for (Row row : rows) {
        current = row;
        if (row.schedule() != null) {
          posts.schedule(ws.id(), created.get(row.number()), row.schedule(), actor);
        }
      }
      return List.copyOf(created.values());
    } catch (SocialWeaveException e) {
      undo(ws, created.values(), actor);
      String column = e instanceof ValidationException v ? v.field() : null;
      throw refused(List.of(new ImportProblem(current.number(), column, e.getMessage())));
    }
  }

  /** Removes the posts of a refused import; none can be sending yet, they were just made. */
  private void undo(Workspace ws, Iterable<String> postIds, String actor) {
    for (String postId : postIds) {
      try {
        posts.delete(ws.id(), postId, actor);
      } catch (SocialWeaveException e) {
        LOG.error("Could not remove post {} of a refused import: {}", postId, e.getMessage());
      }
    }
  }

  private static SocialWeaveException refused(List<ImportProblem> errors) {
    String first =
        errors.stream()
            .limit(5)
            .map(
                p ->
                    "row "
                        + p.row()
                        + (p.column() == null ? "" : ", " + p.column())
                        + ": "
                        + p.message())
            .collect(Collectors.joining("; "));
    return new SocialWeaveException(
        422,
        "import-refused",
        "The import was refused",
        errors.size()
            + " problem(s), nothing was imported: "
            + first
            + (errors.size() > 5 ? "; ..." : "")
            + " (send dryRun=true for the full list)");
  }
}
