package org.socialweave.webhooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.WorkspaceService;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.vault.SecretVault;
import org.socialweave.core.persistence.Ids;
import org.socialweave.core.persistence.Migrations;
import org.socialweave.core.persistence.Paging;
import org.socialweave.core.persistence.UnitOfWork;
import org.socialweave.webhooks.internal.persistence.DeliveryEntity;
import org.socialweave.webhooks.internal.persistence.WebhookEntity;

/**
 * Subscriptions and their delivery log. The signing secret ({@code whsec_} + 256 random bits) is
 * shown once, when it is made, and kept in the vault; an event becomes one queued delivery per
 * matching active subscription, in one transaction.
 */
@Component(service = WebhookServiceImpl.class, configurationPid = WebhooksConfig.PID)
public class WebhookServiceImpl {

  static final String UNIT_FILTER = "(osgi.unit.name=socialweave.webhooks)";
  static final String DATASOURCE_FILTER = "(osgi.jndi.service.name=socialweave)";
  static final String SECRET_PREFIX = "whsec_";
  static final int MAX_DESCRIPTION = 500;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WebhookServiceImpl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UnitOfWork db;
  private final SecretVault vault;
  private final AuditLog audit;
  private final Function<String, Optional<String>> workspaceIds;
  private final UrlPolicy urls;
  private final Clock clock;

  @Activate
  public WebhookServiceImpl(
      @Reference(target = DATASOURCE_FILTER) DataSource dataSource,
      @Reference(target = UNIT_FILTER) EntityManagerFactory emf,
      @Reference SecretVault vault,
      @Reference AuditLog audit,
      @Reference WorkspaceService workspaces,
      WebhooksConfig config) {
    this(
        migrated(dataSource, emf),
        vault,
        audit,
        idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
        new UrlPolicy(config.allowPrivateAddresses()),
        Clock.systemUTC());
  }

  WebhookServiceImpl(
      UnitOfWork db,
      SecretVault vault,
      AuditLog audit,
      Function<String, Optional<String>> workspaceIds,
      UrlPolicy urls,
      Clock clock) {
    this.db = db;
    this.vault = vault;
    this.audit = audit;
    this.workspaceIds = workspaceIds;
    this.urls = urls;
    this.clock = clock;
  }

  static UnitOfWork migrated(DataSource dataSource, EntityManagerFactory emf) {
    Migrations.apply(dataSource, WebhookServiceImpl.class.getClassLoader(), "webhooks");
    return new UnitOfWork(emf);
  }

  UnitOfWork unit() {
    return db;
  }

  SecretVault vault() {
    return vault;
  }

  UrlPolicy urls() {
    return urls;
  }

  // ---- subscriptions

  public WebhookWithSecret create(String workspace, WebhookChange body) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    String workspaceId = workspaceId(workspace);
    Instant now = clock.instant();
    WebhookEntity hook = new WebhookEntity();
    hook.id = Ids.next();
    hook.workspaceId = workspaceId;
    hook.url = urls.check(body.url()).toString();
    hook.eventTypes = eventTypes(body.eventTypes(), true);
    hook.active = body.active() == null || body.active();
    hook.description = description(body.description());
    hook.secretName = "webhook/" + hook.id;
    hook.createdAt = now;
    hook.updatedAt = now;
    String secret = newSecret(workspaceId, hook.secretName);
    try {
      db.inTransaction(
          em -> {
            em.persist(hook);
            return null;
          });
    } catch (RuntimeException e) {
      vault.delete(workspaceId, hook.secretName);
      throw e;
    }
    return new WebhookWithSecret(toRecord(hook), secret);
  }

  public Page<Webhook> list(String workspace, PageRequest page) {
    String workspaceId = workspaceId(workspace);
    return db.read(
        em ->
            Paging.page(
                em.createQuery(
                        "SELECT w FROM WebhookEntity w WHERE w.workspaceId = :ws AND w.id > :after"
                            + " ORDER BY w.id",
                        WebhookEntity.class)
                    .setParameter("ws", workspaceId),
                page,
                w -> w.id,
                WebhookServiceImpl::toRecord));
  }

  public Webhook get(String workspace, String webhookId) {
    String workspaceId = workspaceId(workspace);
    return db.read(em -> toRecord(required(em, workspaceId, webhookId)));
  }

  public Webhook update(
      String workspace, String webhookId, WebhookChange body, long expectedVersion) {
    if (body == null) {
      throw new ValidationException("body", "a JSON object is required");
    }
    String workspaceId = workspaceId(workspace);
    String url = body.url() == null ? null : urls.check(body.url()).toString();
    String types = body.eventTypes() == null ? null : eventTypes(body.eventTypes(), true);
    return db.inTransaction(
        em -> {
          WebhookEntity hook = required(em, workspaceId, webhookId);
          if (hook.version != expectedVersion) {
            throw new PreconditionFailedException("the webhook was changed by someone else");
          }
          if (url != null) {
            hook.url = url;
          }
          if (types != null) {
            hook.eventTypes = types;
          }
          if (body.active() != null) {
            hook.active = body.active();
            if (hook.active) {
              hook.disabledReason = null;
            }
          }
          if (body.description() != null) {
            hook.description = description(body.description());
          }
          hook.updatedAt = clock.instant();
          em.flush();
          return toRecord(hook);
        });
  }

  public void delete(String workspace, String webhookId) {
    String workspaceId = workspaceId(workspace);
    String secretName =
        db.inTransaction(
            em -> {
              WebhookEntity hook = required(em, workspaceId, webhookId);
              em.createQuery("DELETE FROM DeliveryEntity d WHERE d.webhookId = :id")
                  .setParameter("id", hook.id)
                  .executeUpdate();
              em.remove(hook);
              return hook.secretName;
            });
    // Only once the subscription is gone for good: a rolled-back delete keeps a working secret.
    try {
      vault.delete(workspaceId, secretName);
    } catch (NotFoundException alreadyGone) {
      LOG.info("Webhook {} had no secret left in the vault", webhookId);
    }
  }

  /** A new secret replaces the old one at once; deliveries from now on are signed with it. */
  public WebhookWithSecret rotateSecret(String workspace, String webhookId) {
    String workspaceId = workspaceId(workspace);
    WebhookEntity hook = db.read(em -> required(em, workspaceId, webhookId));
    String secret = newSecret(workspaceId, hook.secretName);
    return new WebhookWithSecret(
        db.inTransaction(
            em -> {
              WebhookEntity current = required(em, workspaceId, webhookId);
              current.updatedAt = clock.instant();
              em.flush();
              return toRecord(current);
            }),
        secret);
  }

  /** Called by the worker when the receiver answered 410 Gone. */
  void disable(String webhookId, String reason) {
    String workspaceId =
        db.inTransaction(
            em -> {
              WebhookEntity hook = em.find(WebhookEntity.class, webhookId);
              if (hook == null || !hook.active) {
                return null;
              }
              hook.active = false;
              hook.disabledReason = reason;
              hook.updatedAt = clock.instant();
              return hook.workspaceId;
            });
    if (workspaceId != null) {
      audit.record(
          new AuditEvent(
              "system", workspaceId, "webhook.disable", "webhooks/" + webhookId, null, reason));
    }
  }

  // ---- events and deliveries

  /**
   * Queues {@code type} for every active subscription of the workspace that asked for it.
   *
   * @return the number of deliveries queued
   */
  public int enqueue(String workspaceId, EventType type, Map<String, String> data) {
    Instant now = clock.instant();
    String eventId = Ids.next();
    String payload = payload(eventId, type.wireName(), now, workspaceId, data);
    return db.inTransaction(
        em -> {
          List<WebhookEntity> hooks =
              em.createQuery(
                      "SELECT w FROM WebhookEntity w WHERE w.workspaceId = :ws AND w.active = TRUE",
                      WebhookEntity.class)
                  .setParameter("ws", workspaceId)
                  .getResultList();
          int queued = 0;
          for (WebhookEntity hook : hooks) {
            if (Arrays.asList(hook.eventTypes.split(",")).contains(type.name())) {
              em.persist(newDelivery(hook, eventId, type.wireName(), payload, now));
              queued++;
            }
          }
          return queued;
        });
  }

  /** Queues a {@code ping} to one subscription, due now. */
  public Delivery ping(String workspace, String webhookId) {
    String workspaceId = workspaceId(workspace);
    Instant now = clock.instant();
    String eventId = Ids.next();
    return db.inTransaction(
        em -> {
          WebhookEntity hook = activeRequired(em, workspaceId, webhookId);
          DeliveryEntity delivery =
              newDelivery(
                  hook,
                  eventId,
                  EventType.PING,
                  payload(eventId, EventType.PING, now, workspaceId, Map.of("webhookId", hook.id)),
                  now);
          em.persist(delivery);
          return toRecord(delivery);
        });
  }

  public Page<Delivery> deliveries(String workspace, String webhookId, PageRequest page) {
    String workspaceId = workspaceId(workspace);
    return db.read(
        em -> {
          required(em, workspaceId, webhookId);
          return Paging.page(
              em.createQuery(
                      "SELECT d FROM DeliveryEntity d WHERE d.webhookId = :hook AND d.id > :after"
                          + " ORDER BY d.id",
                      DeliveryEntity.class)
                  .setParameter("hook", webhookId),
              page,
              d -> d.id,
              WebhookServiceImpl::toRecord);
        });
  }

  /** Sends a delivery again from the start of the schedule, under the same delivery id. */
  public Delivery redeliver(String workspace, String webhookId, String deliveryId) {
    String workspaceId = workspaceId(workspace);
    return db.inTransaction(
        em -> {
          activeRequired(em, workspaceId, webhookId);
          DeliveryEntity delivery = em.find(DeliveryEntity.class, deliveryId);
          if (delivery == null || !delivery.webhookId.equals(webhookId)) {
            throw new NotFoundException("delivery", deliveryId);
          }
          if (DeliveryStatus.DELIVERING.name().equals(delivery.status)) {
            throw new ConflictException("the delivery is being sent right now");
          }
          delivery.status = DeliveryStatus.PENDING.name();
          delivery.attempts = 0;
          delivery.nextAttemptAt = clock.instant();
          delivery.deliveredAt = null;
          return toRecord(delivery);
        });
  }

  // ---- helpers

  private String newSecret(String workspaceId, String name) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    vault.put(workspaceId, name, secret.toCharArray());
    return secret;
  }

  private String workspaceId(String idOrSlug) {
    return workspaceIds
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  private static WebhookEntity required(EntityManager em, String workspaceId, String webhookId) {
    WebhookEntity hook = em.find(WebhookEntity.class, webhookId);
    if (hook == null || !hook.workspaceId.equals(workspaceId)) {
      throw new NotFoundException("webhook", webhookId);
    }
    return hook;
  }

  private static WebhookEntity activeRequired(
      EntityManager em, String workspaceId, String webhookId) {
    WebhookEntity hook = required(em, workspaceId, webhookId);
    if (!hook.active) {
      throw new ConflictException("the webhook is inactive; set active to true first");
    }
    return hook;
  }

  private static DeliveryEntity newDelivery(
      WebhookEntity hook, String eventId, String type, String payload, Instant now) {
    DeliveryEntity delivery = new DeliveryEntity();
    delivery.id = Ids.next();
    delivery.webhookId = hook.id;
    delivery.workspaceId = hook.workspaceId;
    delivery.eventId = eventId;
    delivery.eventType = type;
    delivery.payload = payload;
    delivery.status = DeliveryStatus.PENDING.name();
    delivery.nextAttemptAt = now;
    delivery.createdAt = now;
    return delivery;
  }

  static String payload(
      String eventId,
      String type,
      Instant createdAt,
      String workspaceId,
      Map<String, String> data) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", eventId);
    root.put("type", type);
    root.put("createdAt", createdAt.toString());
    root.put("workspaceId", workspaceId);
    ObjectNode fields = root.putObject("data");
    data.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> fields.put(e.getKey(), e.getValue()));
    return root.toString();
  }

  private static String eventTypes(List<String> names, boolean required) {
    if (names == null || names.isEmpty()) {
      if (required) {
        throw new ValidationException(
            "eventTypes",
            "name at least one of scheduled, published, failed, cancelled, notification");
      }
      return null;
    }
    Set<String> types = new LinkedHashSet<>();
    for (String name : names) {
      types.add(
          EventType.parse(name)
              .orElseThrow(
                  () ->
                      new ValidationException(
                          "eventTypes",
                          "unknown event type '"
                              + name
                              + "'; use scheduled, published, failed, cancelled or"
                              + " notification"))
              .name());
    }
    return String.join(",", types);
  }

  private static String description(String value) {
    if (value != null && value.length() > MAX_DESCRIPTION) {
      throw new ValidationException(
          "description", "description must be at most " + MAX_DESCRIPTION + " characters");
    }
    return value;
  }

  static Webhook toRecord(WebhookEntity w) {
    List<String> types = new ArrayList<>();
    for (String name : w.eventTypes.split(",")) {
      types.add(EventType.valueOf(name).wireName());
    }
    return new Webhook(
        w.id,
        w.workspaceId,
        w.url,
        types,
        w.active,
        w.description,
        w.disabledReason,
        w.createdAt,
        w.updatedAt,
        w.version);
  }

  static Delivery toRecord(DeliveryEntity d) {
    return new Delivery(
        d.id,
        d.webhookId,
        d.eventId,
        d.eventType,
        DeliveryStatus.valueOf(d.status),
        d.attempts,
        d.lastStatusCode,
        d.lastError,
        d.lastAttemptAt,
        DeliveryStatus.PENDING.name().equals(d.status) ? d.nextAttemptAt : null,
        d.deliveredAt,
        d.createdAt);
  }
}
