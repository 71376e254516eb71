package org.socialweave.webhooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.Workspace;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.publish.PublishEvents;
import org.socialweave.core.internal.audit.AuditLogImpl;
import org.socialweave.core.internal.identity.WorkspaceServiceImpl;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;
import org.socialweave.core.internal.testing.TestDatabase;
import org.socialweave.core.internal.vault.SecretVaultImpl;

/** Subscriptions and deliveries on a real database, sent to a real HTTP receiver. */
public class WebhookDeliveryTest extends DatabaseTestBase {

  private static final byte[] VAULT_KEY = new SecureRandom().generateSeed(32);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestDatabase emfDatabase;
  private static EntityManagerFactory emf;

  private MutableClock clock;
  private SecretVaultImpl vault;
  private WebhookServiceImpl webhooks;

  /**
   * How long a worker waits for the local receiver: generous, so a slow shared CI machine does not
   * turn an answered attempt into a timed-out one.
   */
  private static final Duration ANSWER_TIME = Duration.ofSeconds(15);

  private DeliveryWorker worker;
  private final List<DeliveryWorker> workers = new ArrayList<>();
  private Receiver receiver;
  private Workspace ws;

  @Before
  public void setUp() throws Exception {
    if (emfDatabase != testDb) {
      if (emf != null) {
        emf.close();
      }
      emf =
          Persistence.createEntityManagerFactory(
              "socialweave.webhooks",
              Map.of(
                  "javax.persistence.nonJtaDataSource",
                  testDb.dataSource(),
                  "eclipselink.logging.level",
                  "SEVERE"));
      emfDatabase = testDb;
    }
    clock = MutableClock.atNow();
    vault = new SecretVaultImpl(db(), VAULT_KEY, clock);
    WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(db(), clock);
    ws = workspaces.create(unique("wh-"), "Webhooks", "Asia/Shanghai");
    webhooks =
        new WebhookServiceImpl(
            WebhookServiceImpl.migrated(testDb.dataSource(), emf),
            vault,
            new AuditLogImpl(db(), clock),
            idOrSlug -> workspaces.find(idOrSlug).map(Workspace::id),
            new UrlPolicy(true),
            clock);
    worker = newWorker(ANSWER_TIME);
    receiver = new Receiver();
  }

  private DeliveryWorker newWorker(Duration requestTimeout) {
    DeliveryWorker w =
        new DeliveryWorker(
            webhooks,
            new DeliveryWorker.Settings(
                Backoff.parse("PT1M,PT5M,PT30M", () -> 0.5),
                3,
                Duration.ofSeconds(1),
                requestTimeout,
                Duration.ofSeconds(1),
                4),
            clock);
    workers.add(w);
    return w;
  }

  @After
  public void tearDown() {
    workers.forEach(DeliveryWorker::stop);
    receiver.close();
    // The tests share one database: a delivery left pending by one test (its receiver is gone)
    // would fall due when a later test moves its clock and be counted there.
    testDb.update("DELETE FROM sw_webhook_delivery");
  }

  @AfterClass
  public static void closeUnit() {
    if (emf != null) {
      emf.close();
      emf = null;
      emfDatabase = null;
    }
  }

  private WebhookWithSecret subscribe(String... types) {
    return webhooks.create(
        ws.slug(), new WebhookChange(receiver.url(), List.of(types), null, "test receiver"));
  }

  private int publish() {
    return webhooks.enqueue(
        ws.id(),
        EventType.PUBLISHED,
        Map.of(
            PublishEvents.POST_ID, "P1",
            PublishEvents.CHANNEL_ID, "C1",
            PublishEvents.URL, "https://social.example/@brand/1"));
  }

  private Delivery onlyDelivery(String webhookId) {
    List<Delivery> items = webhooks.deliveries(ws.id(), webhookId, PageRequest.first(10)).items();
    assertEquals(1, items.size());
    return items.get(0);
  }

  @Test
  public void deliversSignedJsonThatTheReceiverCanVerify() throws Exception {
    WebhookWithSecret created = subscribe("published");
    assertTrue(created.secret().startsWith("whsec_"));
    assertEquals(1, publish());

    assertEquals(1, worker.runOnce());

    Receiver.Received got = receiver.received().get(0);
    assertEquals("post.published", got.header(DeliveryWorker.EVENT_HEADER));
    String signature = got.header(Signature.HEADER);
    String t = signature.substring(2, signature.indexOf(','));
    assertEquals(clock.instant().getEpochSecond(), Long.parseLong(t));
    assertEquals(
        Signature.header(
            created.secret(), Long.parseLong(t), got.body().getBytes(StandardCharsets.UTF_8)),
        signature);
    JsonNode body = JSON.readTree(got.body());
    assertEquals("post.published", body.get("type").asText());
    assertEquals(ws.id(), body.get("workspaceId").asText());
    assertEquals("https://social.example/@brand/1", body.get("data").get("url").asText());
    Delivery delivery = onlyDelivery(created.webhook().id());
    assertEquals(delivery.id(), got.header(DeliveryWorker.DELIVERY_HEADER));
    assertEquals(body.get("id").asText(), delivery.eventId());
    assertEquals(DeliveryStatus.DELIVERED, delivery.status());
    assertEquals(Integer.valueOf(200), delivery.lastStatusCode());
  }

  @Test
  public void onlySubscribedTypesOfTheWorkspaceAreQueued() {
    subscribe("failed", "cancelled");
    assertEquals(0, publish());
    assertEquals(
        1, webhooks.enqueue(ws.id(), EventType.FAILED, Map.of(PublishEvents.POST_ID, "P1")));
    assertEquals(0, webhooks.enqueue("another-workspace", EventType.FAILED, Map.of()));
  }

  @Test
  public void retriesOnTheScheduleThenDeliversUnderTheSameId() {
    WebhookWithSecret created = subscribe("published");
    receiver.answer(503);
    publish();

    worker.runOnce();
    Delivery waiting = onlyDelivery(created.webhook().id());
    assertEquals(DeliveryStatus.PENDING, waiting.status());
    assertEquals(Integer.valueOf(503), waiting.lastStatusCode());
    assertEquals(clock.instant().plus(Duration.ofMinutes(1)), waiting.nextAttemptAt());
    assertEquals("not due yet", 0, worker.runOnce());

    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, worker.runOnce());
    Delivery done = onlyDelivery(created.webhook().id());
    assertEquals(DeliveryStatus.DELIVERED, done.status());
    assertEquals(2, done.attempts());
    assertEquals(2, receiver.received().size());
    assertEquals(
        receiver.received().get(0).header(DeliveryWorker.DELIVERY_HEADER),
        receiver.received().get(1).header(DeliveryWorker.DELIVERY_HEADER));
  }

  @Test
  public void givesUpAfterTheAttemptLimitAndCanBeRedelivered() {
    WebhookWithSecret created = subscribe("published");
    receiver.answer(500, 500, 500);
    publish();
    for (int i = 0; i < 3; i++) {
      assertEquals(1, worker.runOnce());
      clock.advance(Duration.ofHours(1));
    }
    Delivery failed = onlyDelivery(created.webhook().id());
    assertEquals(DeliveryStatus.FAILED, failed.status());
    assertEquals(3, failed.attempts());
    assertNull(failed.nextAttemptAt());
    assertTrue(failed.lastError(), failed.lastError().contains("gave up after 3"));
    assertEquals(0, worker.runOnce());

    Delivery again = webhooks.redeliver(ws.id(), created.webhook().id(), failed.id());
    assertEquals(DeliveryStatus.PENDING, again.status());
    assertEquals(1, worker.runOnce());
    assertEquals(DeliveryStatus.DELIVERED, onlyDelivery(created.webhook().id()).status());
  }

  @Test
  public void goneSwitchesTheSubscriptionOff() {
    WebhookWithSecret created = subscribe("published");
    receiver.answer(410);
    publish();
    worker.runOnce();

    Webhook hook = webhooks.get(ws.id(), created.webhook().id());
    assertFalse(hook.active());
    assertTrue(hook.disabledReason().contains("410"));
    assertEquals(DeliveryStatus.FAILED, onlyDelivery(hook.id()).status());
    assertEquals(0, publish());
    assertThrows(ConflictException.class, () -> webhooks.ping(ws.id(), hook.id()));
  }

  @Test
  public void aReceiverThatDoesNotAnswerInTimeIsRetried() {
    WebhookWithSecret created = subscribe("published");
    DeliveryWorker impatient = newWorker(Duration.ofSeconds(1));
    receiver.stall();
    publish();
    try {
      assertEquals(1, impatient.runOnce());
    } finally {
      receiver.release();
    }
    Delivery waiting = onlyDelivery(created.webhook().id());
    assertEquals(DeliveryStatus.PENDING, waiting.status());
    assertNull(waiting.lastStatusCode());
    assertTrue(waiting.lastError(), waiting.lastError().contains("no answer within 1 s"));
  }

  @Test
  public void twoWorkersOnOneDatabaseSendEachAttemptOnce() throws Exception {
    WebhookWithSecret created = subscribe("published");
    int events = 30;
    for (int i = 0; i < events; i++) {
      publish();
    }
    DeliveryWorker other = newWorker(ANSWER_TIME);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Integer>> runs = new ArrayList<>();
      for (DeliveryWorker w : List.of(worker, other)) {
        runs.add(
            () -> {
              int sent = 0;
              for (int round = 0; round < 10; round++) {
                sent += w.runOnce();
              }
              return sent;
            });
      }
      int sent = 0;
      for (Future<Integer> f : nodes.invokeAll(runs)) {
        sent += f.get();
      }
      assertEquals(events, sent);
    } finally {
      nodes.shutdownNow();
    }
    Set<String> ids = new HashSet<>();
    receiver.received().forEach(r -> ids.add(r.header(DeliveryWorker.DELIVERY_HEADER)));
    assertEquals(events, receiver.received().size());
    assertEquals(events, ids.size());
    assertTrue(
        webhooks
            .deliveries(ws.id(), created.webhook().id(), PageRequest.first(100))
            .items()
            .stream()
            .allMatch(d -> d.status() == DeliveryStatus.DELIVERED && d.attempts() == 1));
  }

  @Test
  public void anAbandonedLeaseIsTakenOverAfterItEnds() {
    subscribe("published");
    publish();
    DeliveryQueue queue = new DeliveryQueue(webhooks.unit());
    String id = queue.due(clock.instant(), 10).get(0);
    Optional<DeliveryQueue.Claimed> first =
        queue.claim(id, "dead-node", clock.instant(), Duration.ofMinutes(1));
    assertTrue(first.isPresent());
    assertFalse(queue.claim(id, "other", clock.instant(), Duration.ofMinutes(1)).isPresent());
    assertEquals(0, worker.runOnce());

    clock.advance(Duration.ofMinutes(2));
    assertEquals(1, worker.runOnce());
    assertEquals(id, receiver.received().get(0).header(DeliveryWorker.DELIVERY_HEADER));
  }

  @Test
  public void theSecretIsShownOnceAndRotationReplacesIt() {
    WebhookWithSecret created = subscribe("published");
    WebhookWithSecret rotated = webhooks.rotateSecret(ws.id(), created.webhook().id());
    assertNotEquals(created.secret(), rotated.secret());
    webhooks.ping(ws.id(), created.webhook().id());
    worker.runOnce();
    Receiver.Received got = receiver.received().get(0);
    assertEquals(EventType.PING, got.header(DeliveryWorker.EVENT_HEADER));
    String signature = got.header(Signature.HEADER);
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertEquals(
        Signature.header(rotated.secret(), t, got.body().getBytes(StandardCharsets.UTF_8)),
        signature);
    String listed = webhooks.list(ws.id(), PageRequest.first(10)).items().toString();
    assertFalse(listed.contains(rotated.secret()));
  }

  @Test
  public void editsNeedTheCurrentVersionAndValidInput() {
    Webhook hook = subscribe("published").webhook();
    Webhook edited =
        webhooks.update(
            ws.id(),
            hook.id(),
            new WebhookChange(null, List.of("post.failed", "scheduled"), false, null),
            hook.version());
    assertEquals(List.of("post.failed", "post.scheduled"), edited.eventTypes());
    assertFalse(edited.active());
    assertThrows(
        PreconditionFailedException.class,
        () ->
            webhooks.update(
                ws.id(), hook.id(), new WebhookChange(null, null, true, null), hook.version()));
    assertThrows(
        ValidationException.class,
        () ->
            webhooks.update(
                ws.id(),
                hook.id(),
                new WebhookChange(null, List.of("deleted"), null, null),
                edited.version()));
    assertThrows(
        ValidationException.class,
        () ->
            webhooks.create(
                ws.id(), new WebhookChange("ftp://x/", List.of("published"), null, null)));
    assertThrows(NotFoundException.class, () -> webhooks.get(ws.id(), "missing"));
    webhooks.delete(ws.id(), hook.id());
    assertThrows(NotFoundException.class, () -> webhooks.get(ws.id(), hook.id()));
  }

  @Test
  public void deletingAWebhookRemovesItsSecretFromTheVault() {
    WebhookWithSecret created = subscribe("published");
    String secretName = "webhook/" + created.webhook().id();
    assertTrue(vault.list(ws.id()).stream().anyMatch(r -> r.name().equals(secretName)));
    webhooks.delete(ws.id(), created.webhook().id());
    assertFalse(vault.list(ws.id()).stream().anyMatch(r -> r.name().equals(secretName)));
    assertThrows(
        "a second delete finds nothing, and leaves the vault alone",
        NotFoundException.class,
        () -> webhooks.delete(ws.id(), created.webhook().id()));
  }

  @Test
  public void aNotificationGoesOutAsASignedNotificationEvent() throws Exception {
    WebhookWithSecret created = subscribe("notification");
    subscribe("published");
    new WebhookNotifier(webhooks)
        .send(
            new org.socialweave.api.notify.Notification(
                ws.id(),
                List.of("U1", "U2"),
                "Approval due soon: Legal",
                "A post awaits your decision.",
                java.net.URI.create("https://sw.example/approvals/1"),
                java.util.Locale.ENGLISH));
    assertEquals("only the subscription that asked for notifications", 1, worker.runOnce());
    Receiver.Received got = receiver.received().get(0);
    assertEquals("notification", got.header(DeliveryWorker.EVENT_HEADER));
    String signature = got.header(Signature.HEADER);
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertEquals(
        Signature.header(created.secret(), t, got.body().getBytes(StandardCharsets.UTF_8)),
        signature);
    JsonNode data = JSON.readTree(got.body()).get("data");
    assertEquals("U1,U2", data.get("recipients").asText());
    assertEquals("Approval due soon: Legal", data.get("subject").asText());
    assertEquals("https://sw.example/approvals/1", data.get("link").asText());
  }
}
