package org.socialweave.webhooks.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.error.ValidationException;

/**
 * Sends due deliveries: claims them (see {@link DeliveryQueue}), POSTs the stored JSON signed with
 * the subscription's secret, and records the outcome. 2xx is delivered, 410 switches the
 * subscription off, anything else (or no answer in time) is retried on the backoff schedule until
 * the attempts run out. Redirects are not followed: a receiver that moved must be edited.
 */
// Immediate: nothing references the worker, and a delayed component would never start polling.
@Component(service = DeliveryWorker.class, configurationPid = WebhooksConfig.PID, immediate = true)
@Designate(ocd = WebhooksConfig.class)
public class DeliveryWorker {

  public static final String EVENT_HEADER = "SocialWeave-Event";
  public static final String DELIVERY_HEADER = "SocialWeave-Delivery";

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  /** How a worker behaves; {@link #of} reads it from the configuration. */
  record Settings(
      Backoff backoff,
      int maxAttempts,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration pollInterval,
      int threads) {

    /** Longer than any attempt can take, so a live worker never loses its lease. */
    Duration lease() {
      return connectTimeout.plus(requestTimeout).multipliedBy(2).plusSeconds(30);
    }

    static Settings of(WebhooksConfig config) {
      return new Settings(
          Backoff.parse(config.backoff(), () -> ThreadLocalRandom.current().nextDouble()),
          Math.max(1, config.maxAttempts()),
          Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds())),
          Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds())),
          Duration.ofMillis(Math.max(50, config.pollIntervalMillis())),
          Math.max(1, config.workerThreads()));
    }
  }

  private final WebhookServiceImpl webhooks;
  private final DeliveryQueue queue;
  private final Settings settings;
  private final Clock clock;
  private final String node;
  private final HttpClient http;
  private final ExecutorService senders;
  private ScheduledExecutorService poller;

  @Activate
  public DeliveryWorker(@Reference WebhookServiceImpl webhooks, WebhooksConfig config) {
    this(webhooks, Settings.of(config), Clock.systemUTC());
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "socialweave-webhooks-poller"));
    long interval = settings.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
  }

  DeliveryWorker(WebhookServiceImpl webhooks, Settings settings, Clock clock) {
    this.webhooks = webhooks;
    this.queue = new DeliveryQueue(webhooks.unit());
    this.settings = settings;
    this.clock = clock;
    this.node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    this.senders =
        Executors.newFixedThreadPool(
            settings.threads(), r -> new Thread(r, "socialweave-webhooks-sender"));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Deactivate
  void stop() {
    if (poller != null) {
      poller.shutdownNow();
    }
    senders.shutdownNow();
  }

  private void pollSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // The next poll tries again; a database that is away for a while must not stop the worker.
      LOG.warn("Webhook delivery poll failed: {}", e.toString());
    }
  }

  /**
   * Claims up to one batch of due deliveries and sends them in parallel.
   *
   * @return how many attempts this call made
   */
  int runOnce() {
    List<Callable<Void>> attempts = new ArrayList<>();
    for (String id : queue.due(clock.instant(), settings.threads() * 4)) {
      Optional<DeliveryQueue.Claimed> claimed =
          queue.claim(id, node, clock.instant(), settings.lease());
      claimed.ifPresent(
          c ->
              attempts.add(
                  () -> {
                    attempt(c);
                    return null;
                  }));
    }
    if (attempts.isEmpty()) {
      return 0;
    }
    try {
      senders.invokeAll(attempts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return attempts.size();
  }

  void attempt(DeliveryQueue.Claimed delivery) {
    if (!delivery.active()) {
      queue.failed(delivery.id(), node, null, "the webhook is inactive");
      return;
    }
    URI url;
    try {
      // Checked again at send time: the name may resolve elsewhere than when it was saved.
      url = webhooks.urls().check(delivery.url());
    } catch (ValidationException refused) {
      queue.failed(delivery.id(), node, null, refused.getMessage());
      return;
    }
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    String signature = sign(delivery, body);
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "SocialWeave-Webhooks/1")
            .header(EVENT_HEADER, delivery.eventType())
            .header(DELIVERY_HEADER, delivery.id())
            .header(Signature.HEADER, signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      retryOrFail(
          delivery, null, "no answer within " + settings.requestTimeout().toSeconds() + " s");
      return;
    } catch (IOException e) {
      retryOrFail(delivery, null, "cannot reach the receiver: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // The lease runs out and another poll sends it again under the same delivery id.
      return;
    }
    if (status >= 200 && status < 300) {
      queue.delivered(delivery.id(), node, status, clock.instant());
    } else if (status == 410) {
      queue.failed(delivery.id(), node, status, "the receiver answered 410 Gone");
      webhooks.disable(delivery.webhookId(), "the receiver answered 410 Gone");
      LOG.info("Webhook {} switched off: its receiver answered 410", delivery.webhookId());
    } else {
      retryOrFail(delivery, status, "the receiver answered " + status);
    }
  }

  private String sign(DeliveryQueue.Claimed delivery, byte[] body) {
    char[] secret = webhooks.vault().reveal(delivery.workspaceId(), delivery.secretName());
    try {
      return Signature.header(new String(secret), clock.instant().getEpochSecond(), body);
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  private void retryOrFail(DeliveryQueue.Claimed delivery, Integer status, String error) {
    if (delivery.attempt() >= settings.maxAttempts()) {
      queue.failed(delivery.id(), node, status, error + "; gave up after " + delivery.attempt());
      return;
    }
    queue.retryAt(
        delivery.id(),
        node,
        status,
        error,
        clock.instant().plus(settings.backoff().delay(delivery.attempt())));
  }
}
