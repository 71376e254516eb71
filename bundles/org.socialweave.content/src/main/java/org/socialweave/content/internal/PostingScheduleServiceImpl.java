package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.Channel;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.connector.Connectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.PostingSchedule;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.PostingSlot;
import org.socialweave.api.content.QueueResult;
import org.socialweave.api.content.QueuedSlot;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.content.internal.persistence.PostingScheduleEntity;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Posting schedules per channel and the queue. The queue holds a row lock on the schedule of every
 * channel it fills while it picks the slots and schedules the post, so two posts queued at once on
 * any number of nodes never land in the same slot.
 */
@Component(service = {PostingScheduleService.class, PostingScheduleServiceImpl.class})
public class PostingScheduleServiceImpl implements PostingScheduleService {

  static final int MAX_SLOTS = 7 * 24;

  /** A slot this soon is too close to be filled: the post could not be saved before it passes. */
  static final Duration LEAD = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final List<String> COUNTED =
      List.of(
          DeliveryStatus.SCHEDULED.name(),
          DeliveryStatus.PUBLISHING.name(),
          DeliveryStatus.PUBLISHED.name());

  private final UnitOfWork db;
  private final ChannelService channels;
  private final Connectors connectors;
  private final Function<String, Optional<Workspace>> workspaces;
  private final AuditLog audit;
  private final Clock clock;

  /** Writes the queued times, with all of its checks. */
  @Reference PostServiceImpl posts;

  @Activate
  public PostingScheduleServiceImpl(
      @Reference(target = PostServiceImpl.DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = PostServiceImpl.UNIT_FILTER) EntityManagerFactory emf,
      @Reference ChannelService channels,
      @Reference Connectors connectors,
      @Reference WorkspaceService workspaces,
      @Reference AuditLog audit) {
    this(
        PostServiceImpl.migrated(dataSource, emf),
        channels,
        connectors,
        workspaces::find,
        audit,
        Clock.systemUTC());
  }

  PostingScheduleServiceImpl(
      UnitOfWork db,
      ChannelService channels,
      Connectors connectors,
      Function<String, Optional<Workspace>> workspaces,
      AuditLog audit,
      Clock clock) {
    this.db = db;
    this.channels = channels;
    this.connectors = connectors;
    this.workspaces = workspaces;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public PostingSchedule get(String workspace, String channelId) {
    Workspace ws = workspace(workspace);
    channel(ws.id(), channelId);
    return db.read(
        em ->
            Optional.ofNullable(em.find(PostingScheduleEntity.class, channelId))
                .map(PostingScheduleServiceImpl::toSchedule)
                .orElseGet(
                    () ->
                        new PostingSchedule(
                            channelId, ws.id(), ws.timeZone(), List.of(), null, null, 0)));
  }

  @Override
  public PostingSchedule put(
      String workspace,
      String channelId,
      String timeZone,
      List<PostingSlot> slots,
      long expectedVersion,
      String actor) {
    Workspace ws = workspace(workspace);
    channel(ws.id(), channelId);
    String zone = PlannedTime.zone(timeZone != null ? timeZone : ws.timeZone());
    List<PostingSlot> checked = checked(slots);
    Instant now = clock.instant();
    PostingSchedule saved =
        db.inTransaction(
            em -> {
              PostingScheduleEntity s = em.find(PostingScheduleEntity.class, channelId);
              long version = s == null ? 0 : s.version;
              if (version != expectedVersion) {
                throw new PreconditionFailedException(
                    "the posting schedule was changed by someone else; reload it");
              }
              if (s == null) {
                s = new PostingScheduleEntity();
                s.channelId = channelId;
                s.workspaceId = ws.id();
                em.persist(s);
              }
              s.timeZone = zone;
              s.slots = json(checked);
              s.updatedBy = actor;
              s.updatedAt = now;
              em.flush();
              return toSchedule(s);
            });
    audit.record(
        new AuditEvent(actor, ws.id(), "posting-schedule.update", channelId, null, "success"));
    return saved;
  }

  @Override
  public QueueResult queue(String workspace, String postId, String actor) {
    String workspaceId = workspace(workspace).id();
    Post post = posts.get(workspaceId, postId);
    List<PostVariant> open =
        post.variants().stream().filter(v -> v.status() != DeliveryStatus.PUBLISHED).toList();
    if (open.isEmpty()) {
      throw new ConflictException("the post is published on all of its channels");
    }
    QueueResult result =
        db.inTransaction(
            em -> {
              Instant after = clock.instant().plus(LEAD);
              Map<String, QueuedSlot> chosen = new LinkedHashMap<>();
              // Locks are taken in channel order, so two queues over the same channels cannot
              // deadlock.
              for (PostVariant v :
                  open.stream().sorted(Comparator.comparing(PostVariant::channelId)).toList()) {
                PostingScheduleEntity s =
                    em.find(
                        PostingScheduleEntity.class, v.channelId(), LockModeType.PESSIMISTIC_WRITE);
                chosen.put(v.channelId(), slotFor(em, post, v, s, after));
              }
              QueuedSlot first =
                  chosen.values().stream().min(Comparator.comparing(QueuedSlot::at)).orElseThrow();
              Map<String, Instant> due = new LinkedHashMap<>();
              chosen.forEach((channel, slot) -> due.put(channel, slot.at()));
              Post scheduled =
                  posts.scheduleEach(
                      workspaceId,
                      postId,
                      new PlannedTime(first.at(), first.timeZone()),
                      due,
                      actor);
              List<QueuedSlot> inPostOrder =
                  open.stream().map(v -> chosen.get(v.channelId())).toList();
              return new QueueResult(scheduled, inPostOrder);
            });
    audit.record(new AuditEvent(actor, workspaceId, "post.queue", postId, null, "success"));
    return result;
  }

  private QueuedSlot slotFor(
      EntityManager em, Post post, PostVariant variant, PostingScheduleEntity s, Instant after) {
    String field = "channelIds";
    if (s == null || slots(s.slots).isEmpty()) {
      throw new ValidationException(
          field,
          "channel "
              + variant.channelId()
              + " has no posting schedule: set its slots at channels/"
              + variant.channelId()
              + "/schedule first");
    }
    Optional<NetworkDescriptor> network =
        connectors.find(variant.network()).map(c -> c.descriptor());
    Duration widest = QuotaForecast.reach(network.stream().toList());
    Instant from = after.minus(widest);
    Instant to = after.plus(SlotFinder.HORIZON).plus(widest);
    List<Instant> channelTimes =
        dueTimes(em, "j.channelId = :key", variant.channelId(), post.id(), from, to);
    NavigableSet<Instant> taken = new TreeSet<>(channelTimes);
    Function<Instant, Optional<String>> quota =
        network.isEmpty()
            ? at -> Optional.empty()
            : quotaCheck(em, network.get(), variant, post.id(), channelTimes, from, to);
    SlotFinder.Found found =
        SlotFinder.next(slots(s.slots), s.timeZone, after, taken, quota)
            .orElseThrow(
                () ->
                    new ValidationException(
                        field,
                        "channel "
                            + variant.channelId()
                            + " has no free slot in the next "
                            + SlotFinder.HORIZON.toDays()
                            + " days; add slots to its posting schedule"));
    return new QueuedSlot(
        variant.channelId(),
        found.at(),
        found.at().atZone(ZoneId.of(s.timeZone)).toLocalDateTime(),
        s.timeZone,
        found.skipped());
  }

  private static Function<Instant, Optional<String>> quotaCheck(
      EntityManager em,
      NetworkDescriptor network,
      PostVariant variant,
      String postId,
      List<Instant> channelTimes,
      Instant from,
      Instant to) {
    boolean appWide =
        network.rateLimits().stream()
            .anyMatch(l -> l.kind() == RateLimit.Kind.QUOTA && l.scope() == RateLimit.Scope.APP);
    List<Instant> networkTimes =
        appWide ? dueTimes(em, "j.network = :key", variant.network(), postId, from, to) : List.of();
    return at -> QuotaForecast.exceededBy(network, channelTimes, networkTimes, at);
  }

  /** When the counted posts other than {@code postId} are due, for one channel or network. */
  private static List<Instant> dueTimes(
      EntityManager em, String where, String key, String postId, Instant from, Instant to) {
    return em.createQuery(
            "SELECT j.dueAt FROM PublishJobEntity j WHERE "
                + where
                + " AND j.postId <> :post AND j.status IN :counted"
                + " AND j.dueAt >= :from AND j.dueAt < :to ORDER BY j.dueAt",
            Instant.class)
        .setParameter("key", key)
        .setParameter("post", postId)
        .setParameter("counted", COUNTED)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList();
  }

  private static List<PostingSlot> checked(List<PostingSlot> slots) {
    if (slots == null) {
      throw new ValidationException("slots", "slots are required (an empty list clears them)");
    }
    if (slots.size() > MAX_SLOTS) {
      throw new ValidationException("slots", "at most " + MAX_SLOTS + " slots a week");
    }
    TreeSet<PostingSlot> sorted =
        new TreeSet<>(Comparator.comparing(PostingSlot::day).thenComparing(PostingSlot::time));
    for (int i = 0; i < slots.size(); i++) {
      PostingSlot slot = slots.get(i);
      String field = "slots[" + i + "]";
      if (slot == null || slot.day() == null || slot.time() == null) {
        throw new ValidationException(
            field, "a slot is a day (MONDAY..SUNDAY) and a time such as 09:30");
      }
      if (slot.time().getSecond() != 0 || slot.time().getNano() != 0) {
        throw new ValidationException(field, "slot times are whole minutes, such as 09:30");
      }
      if (!sorted.add(slot)) {
        throw new ValidationException(field, "each slot once: " + slot.day() + " " + slot.time());
      }
    }
    return List.copyOf(sorted);
  }

  private Channel channel(String workspaceId, String channelId) {
    try {
      return channels.get(workspaceId, channelId);
    } catch (NotFoundException e) {
      throw new NotFoundException("channel", channelId);
    }
  }

  private Workspace workspace(String idOrSlug) {
    return workspaces
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  /** The zone the channel's times are read in: its schedule's, else the workspace's. */
  String zoneOf(String workspaceId, String channelId) {
    PostingScheduleEntity s = db.read(em -> em.find(PostingScheduleEntity.class, channelId));
    return s != null ? s.timeZone : workspace(workspaceId).timeZone();
  }

  private static PostingSchedule toSchedule(PostingScheduleEntity s) {
    return new PostingSchedule(
        s.channelId,
        s.workspaceId,
        s.timeZone,
        slots(s.slots),
        s.updatedBy,
        s.updatedAt,
        s.version);
  }

  private static String json(List<PostingSlot> slots) {
    ArrayNode array = JSON.createArrayNode();
    for (PostingSlot slot : slots) {
      ObjectNode node = array.addObject();
      node.put("day", slot.day().name());
      node.put("time", slot.time().toString());
    }
    return array.toString();
  }

  private static List<PostingSlot> slots(String json) {
    try {
      List<PostingSlot> out = new ArrayList<>();
      JSON.readTree(json)
          .forEach(
              n ->
                  out.add(
                      new PostingSlot(
                          DayOfWeek.valueOf(n.path("day").asText()),
                          LocalTime.parse(n.path("time").asText()))));
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a posting schedule's slots are not JSON: " + json, e);
    }
  }
}
