package org.socialweave.notify.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.User;
import org.socialweave.api.UserService;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.notify.Notification;
import org.socialweave.api.notify.NotificationException;
import org.socialweave.api.notify.NotificationService;
import org.socialweave.api.notify.Notifier;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.UnitOfWork;
import org.socialweave.notify.internal.persistence.PreferenceEntity;

/**
 * Routes notifications to the {@link Notifier}s present now, by each member's chosen channels and
 * language, else the workspace's, else every channel in English.
 */
@Component(service = {NotificationService.class, NotificationServiceImpl.class})
public class NotificationServiceImpl implements NotificationService {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.notify)";
  static final String WORKSPACE_DEFAULT = "*";
  static final String EMAIL = "email";
  static final Set<String> LOCALES = Set.of("en", "zh");
  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  private static final Logger LOG = LoggerFactory.getLogger(NotificationServiceImpl.class);

  private final Map<String, Notifier> notifiers = new ConcurrentHashMap<>();
  private final UnitOfWork db;
  private final Function<String, Optional<String>> workspaceIds;
  private final Function<String, Optional<User>> users;
  private final Clock clock;

  @Activate
  public NotificationServiceImpl(
      @Reference(target = "(osgi.jndi.service.name=socialweave)") DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference WorkspaceService workspaces,
      @Reference UserService users) {
    this(
        migrated(dataSource, emf),
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        users::find,
        Clock.systemUTC());
  }

  NotificationServiceImpl(
      UnitOfWork db,
      Function<String, Optional<String>> workspaceIds,
      Function<String, Optional<User>> users,
      Clock clock) {
    this.db = db;
    this.workspaceIds = workspaceIds;
    this.users = users;
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, NotificationServiceImpl.class.getClassLoader(), "notify");
    return new UnitOfWork(emf);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addNotifier(Notifier notifier) {
    notifiers.put(notifier.channel(), notifier);
  }

  void removeNotifier(Notifier notifier) {
    notifiers.remove(notifier.channel(), notifier);
  }

  @Override
  public Set<String> channels() {
    return new TreeSet<>(notifiers.keySet());
  }

  @Override
  public void send(String channel, Notification notification) {
    Notifier notifier = notifiers.get(channel);
    if (notifier == null) {
      throw new NotFoundException("notification channel", channel);
    }
    notifier.send(notification);
  }

  @Override
  public int notifyUsers(
      String workspace, Collection<String> userIds, Function<Locale, Notification> message) {
    String ws = workspaceId(workspace);
    NotificationSettings fallback = settings(ws, WORKSPACE_DEFAULT, null);
    // channel -> language -> recipients, in a stable order
    Map<String, Map<String, Set<String>>> routes = new LinkedHashMap<>();
    for (String userId : userIds) {
      NotificationSettings mine = settings(ws, userId, fallback);
      Optional<User> user = users.apply(userId);
      for (String channel : mine.channels()) {
        String address = EMAIL.equals(channel) ? user.map(User::email).orElse(null) : userId;
        if (address != null && !address.isBlank()) {
          routes
              .computeIfAbsent(channel, c -> new LinkedHashMap<>())
              .computeIfAbsent(mine.locale(), l -> new LinkedHashSet<>())
              .add(address);
        }
      }
    }
    int delivered = 0;
    List<String> failures = new ArrayList<>();
    for (var byChannel : routes.entrySet()) {
      Notifier notifier = notifiers.get(byChannel.getKey());
      if (notifier == null) {
        continue; // chosen but not installed now: nothing to deliver over
      }
      for (var byLocale : byChannel.getValue().entrySet()) {
        Notification written = message.apply(Locale.forLanguageTag(byLocale.getKey()));
        try {
          notifier.send(
              new Notification(
                  ws,
                  List.copyOf(byLocale.getValue()),
                  written.subject(),
                  written.text(),
                  written.link(),
                  written.locale()));
          delivered++;
        } catch (RuntimeException e) {
          LOG.warn("Notification over {} failed: {}", byChannel.getKey(), e.getMessage());
          failures.add(byChannel.getKey() + ": " + e.getMessage());
        }
      }
    }
    if (delivered == 0 && !failures.isEmpty()) {
      throw new NotificationException("no channel delivered: " + String.join("; ", failures));
    }
    return delivered;
  }

  // ---- settings

  /** A member's settings ({@code userId}) or the workspace's ({@code *}). */
  public NotificationSettings settings(String workspace, String userId) {
    String ws = workspaceId(workspace);
    return WORKSPACE_DEFAULT.equals(userId)
        ? settings(ws, WORKSPACE_DEFAULT, null)
        : settings(ws, userId, settings(ws, WORKSPACE_DEFAULT, null));
  }

  private NotificationSettings settings(String ws, String userId, NotificationSettings fallback) {
    PreferenceEntity row =
        db.read(em -> em.find(PreferenceEntity.class, new PreferenceEntity.Key(ws, userId)));
    if (row != null) {
      return toRecord(row);
    }
    return fallback != null
        ? new NotificationSettings(fallback.channels(), fallback.locale(), true, 0, channels())
        : new NotificationSettings(List.copyOf(channels()), "en", true, 0, channels());
  }

  /** Sets a member's ({@code userId}) or the workspace's ({@code *}) settings. */
  public NotificationSettings setSettings(
      String workspace, String userId, List<String> channels, String locale, long expected) {
    String ws = workspaceId(workspace);
    if (channels == null) {
      throw new ValidationException(
          "channels", "a list of channels such as [\"email\"]; [] for none");
    }
    if (channels.size() > 10
        || channels.stream().anyMatch(c -> c == null || !CHANNEL.matcher(c).matches())) {
      throw new ValidationException(
          "channels",
          "at most 10 channel names such as email or webhook; present now: " + channels());
    }
    if (locale == null || !LOCALES.contains(locale)) {
      throw new ValidationException("locale", "zh or en");
    }
    return db.inTransaction(
        em -> {
          PreferenceEntity row =
              em.find(PreferenceEntity.class, new PreferenceEntity.Key(ws, userId));
          if ((row == null ? 0 : row.version) != expected) {
            throw new PreconditionFailedException(
                "the notification settings were changed elsewhere; reload them");
          }
          if (row == null) {
            row = new PreferenceEntity();
            row.workspaceId = ws;
            row.userId = userId;
            em.persist(row);
          }
          row.channels = String.join(",", new LinkedHashSet<>(channels));
          row.locale = locale;
          row.updatedAt = clock.instant();
          em.flush();
          return toRecord(row);
        });
  }

  private NotificationSettings toRecord(PreferenceEntity row) {
    List<String> names =
        row.channels.isEmpty() ? List.of() : Arrays.asList(row.channels.split(","));
    return new NotificationSettings(names, row.locale, false, row.version, channels());
  }

  private String workspaceId(String idOrSlug) {
    return workspaceIds
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }
}
