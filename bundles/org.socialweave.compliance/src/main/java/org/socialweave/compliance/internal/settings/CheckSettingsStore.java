package org.socialweave.compliance.internal.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.compliance.internal.ComplianceConfig;
import org.socialweave.compliance.internal.persistence.CheckSettingsEntity;
import org.socialweave.compliance.internal.words.WordListStore;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * Each workspace's check settings in {@code sw_check_settings}, cached like the word lists (for
 * {@link ComplianceConfig#wordListCacheSeconds()}) so a check run reads no database. Takes
 * workspace ids.
 */
@Component(service = CheckSettingsStore.class, configurationPid = "org.socialweave.compliance")
public class CheckSettingsStore {

  /**
   * ASCII JSON (every other character as a {@code \\u} escape), so a lone surrogate in a text
   * survives the database's UTF-8 unchanged and the stored text is exactly what was written.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private static final TypeReference<TreeMap<String, StoredSetting>> SHAPE =
      new TypeReference<>() {};

  /** A workspace's settings as read: check id to setting, the version and when it changed. */
  public record Snapshot(Map<String, StoredSetting> checks, long version, Instant updatedAt) {

    public static final Snapshot EMPTY = new Snapshot(Map.of(), 0, null);

    public StoredSetting of(String checkId) {
      return checks.getOrDefault(checkId, StoredSetting.DEFAULT);
    }
  }

  private record Cached(Snapshot snapshot, Instant until) {}

  private final UnitOfWork db;
  private final Duration cacheTime;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  @Activate
  public CheckSettingsStore(
      @Reference(target = "(osgi.jndi.service.name=socialweave)") DataSource dataSource,
      @Reference(target = "(osgi.unit.name=socialweave.compliance)") EntityManagerFactory emf,
      ComplianceConfig config) {
    this(
        WordListStore.migrated(dataSource, emf),
        Duration.ofSeconds(config.wordListCacheSeconds()),
        Clock.systemUTC());
  }

  public CheckSettingsStore(UnitOfWork db, Duration cacheTime, Clock clock) {
    this.db = db;
    this.cacheTime = cacheTime;
    this.clock = clock;
  }

  /** The workspace's settings, from the cache while it is fresh. */
  public Snapshot get(String workspaceId) {
    Instant now = clock.instant();
    Cached c = cache.get(workspaceId);
    if (c == null || now.isAfter(c.until())) {
      c = new Cached(read(workspaceId), now.plus(cacheTime));
      cache.put(workspaceId, c);
    }
    return c.snapshot();
  }

  /** The settings as stored now, bypassing the cache. */
  public Snapshot read(String workspaceId) {
    return db.read(
        em -> {
          CheckSettingsEntity e = em.find(CheckSettingsEntity.class, workspaceId);
          return e == null ? Snapshot.EMPTY : snapshot(e);
        });
  }

  /**
   * Replaces the workspace's settings.
   *
   * @param expectedVersion the version replaced, or {@code null} for whatever is there
   */
  public Snapshot replace(
      String workspaceId, Map<String, StoredSetting> checks, Long expectedVersion) {
    String json;
    try {
      json = JSON.writeValueAsString(new TreeMap<>(checks));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("check settings are plain JSON", e);
    }
    Instant now = clock.instant();
    Snapshot saved =
        db.inTransaction(
            em -> {
              CheckSettingsEntity e = em.find(CheckSettingsEntity.class, workspaceId);
              long current = e == null ? 0 : e.version;
              if (expectedVersion != null && expectedVersion != current) {
                throw new PreconditionFailedException(
                    "the check settings were changed by someone else; reload them");
              }
              if (e == null) {
                e = new CheckSettingsEntity();
                e.workspaceId = workspaceId;
                e.settings = json;
                e.updatedAt = now;
                em.persist(e);
              } else {
                e.settings = json;
                e.updatedAt = now;
              }
              em.flush();
              return snapshot(e);
            });
    cache.remove(workspaceId);
    return saved;
  }

  private static Snapshot snapshot(CheckSettingsEntity e) {
    try {
      return new Snapshot(Map.copyOf(JSON.readValue(e.settings, SHAPE)), e.version, e.updatedAt);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("check settings of " + e.workspaceId + " are not JSON", ex);
    }
  }
}
