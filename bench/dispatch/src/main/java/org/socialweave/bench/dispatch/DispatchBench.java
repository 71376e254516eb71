package org.socialweave.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.socialweave.sandbox.MastodonStatus;
import org.socialweave.sandbox.Sandbox;

/**
 * Dispatch benchmark: N posts due within the same minute over C Mastodon channels of the sandbox
 * (which runs in this JVM, so its record is the referee), published by a node on PostgreSQL.
 * Reports lateness (network's createdAt minus the post's due time), duplicates, lost posts, posts/s
 * and, in the same run, the sandbox's own capacity for the same call sent raw.
 *
 * <p>Arguments: {@code baseUrl adminPassword channels posts}.
 */
public final class DispatchBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENT_THREADS = 8;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String cookie;
  private String csrf;

  private DispatchBench(String base) {
    this.base = base;
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String password = args[1];
    int channelCount = Integer.parseInt(args[2]);
    int postCount = Integer.parseInt(args[3]);
    try (Sandbox sandbox = Sandbox.start(0)) {
      new DispatchBench(base).run(sandbox, password, channelCount, postCount);
    }
  }

  private void run(Sandbox sandbox, String password, int channelCount, int postCount)
      throws Exception {
    login(password);
    call("POST", "/api/v1/workspaces", "{\"slug\":\"dispatch\",\"name\":\"Dispatch bench\"}", 201);
    URI instance = sandbox.mastodon().addInstance("bench.social");
    List<String> tokens = new ArrayList<>();
    List<String> channels = new ArrayList<>();
    for (int i = 0; i < channelCount; i++) {
      String token = "bench-token-" + i;
      sandbox.mastodon().addAccount("bench.social", token, "bench" + i);
      tokens.add(token);
      JsonNode channel =
          call(
              "POST",
              "/api/v1/workspaces/dispatch/channels",
              "{\"network\":\"mastodon\",\"fields\":{\"instanceUrl\":\""
                  + instance
                  + "\",\"accessToken\":\""
                  + token
                  + "\"}}",
              201);
      channels.add(channel.path("id").asText());
    }
    log(channelCount + " channels connected");

    Instant setupStart = Instant.now();
    List<String> postIds = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> textOfPost = new ConcurrentHashMap<>();
    parallel(
        postCount,
        i -> {
          String text = "dispatch bench post " + i;
          JsonNode post =
              call(
                  "POST",
                  "/api/v1/workspaces/dispatch/posts",
                  "{\"text\":\""
                      + text
                      + "\",\"channelIds\":[\""
                      + channels.get(i % channelCount)
                      + "\"]}",
                  201);
          postIds.add(post.path("id").asText());
          textOfPost.put(post.path("id").asText(), text);
        });
    Duration creating = Duration.between(setupStart, Instant.now());
    log(postCount + " posts created in " + creating.toSeconds() + " s");

    // The minute they are all due in: far enough ahead that scheduling ends before it starts.
    Instant minute =
        Instant.now()
            .plus(creating.multipliedBy(2))
            .plusSeconds(30)
            .truncatedTo(ChronoUnit.MINUTES)
            .plus(1, ChronoUnit.MINUTES);
    Random random = new Random(7);
    Map<String, Instant> dueOfText = new ConcurrentHashMap<>();
    List<Instant> dues = new ArrayList<>();
    for (int i = 0; i < postCount; i++) {
      dues.add(minute.plusMillis(random.nextInt(60_000)));
    }
    parallel(
        postCount,
        i -> {
          String postId = postIds.get(i);
          Instant due = dues.get(i);
          dueOfText.put(textOfPost.get(postId), due);
          call(
              "POST",
              "/api/v1/workspaces/dispatch/posts/" + postId + "/schedule",
              "{\"scheduledAt\":\"" + due + "\"}",
              200);
        });
    Instant scheduled = Instant.now();
    log("scheduled by " + scheduled + "; due from " + minute + " to " + minute.plusSeconds(60));
    if (!scheduled.isBefore(minute)) {
      log("WARNING: scheduling ended after the minute started; lateness includes the overrun");
    }

    Instant deadline = minute.plus(Duration.ofMinutes(15));
    while (count(sandbox, tokens) < postCount && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
    }
    Thread.sleep(5000); // late duplicates, if any, would arrive now
    List<MastodonStatus> statuses = new ArrayList<>();
    tokens.forEach(t -> statuses.addAll(sandbox.mastodon().statuses(t)));

    Map<String, Integer> copies = new HashMap<>();
    List<Long> lateness = new ArrayList<>();
    Instant last = minute;
    for (MastodonStatus s : statuses) {
      copies.merge(s.text(), 1, Integer::sum);
      Instant due = dueOfText.get(s.text());
      if (due != null && copies.get(s.text()) == 1) {
        lateness.add(Duration.between(due, s.createdAt()).toMillis());
        last = s.createdAt().isAfter(last) ? s.createdAt() : last;
      }
    }
    long duplicates = copies.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    long lost = dueOfText.keySet().stream().filter(t -> !copies.containsKey(t)).count();
    Collections.sort(lateness);
    double seconds = Math.max(1, Duration.between(minute, last).toMillis()) / 1000.0;

    double capacity = sandboxCapacity(instance, sandbox);

    System.out.printf(
        "posts %d, channels %d, published %d, duplicates %d, lost %d%n",
        postCount, channelCount, lateness.size(), duplicates, lost);
    System.out.printf(
        "lateness ms: p50 %d, p90 %d, p99 %d, max %d, min %d%n",
        pct(lateness, 50),
        pct(lateness, 90),
        pct(lateness, 99),
        pct(lateness, 100),
        pct(lateness, 0));
    System.out.printf(
        "throughput: %.1f posts/s (first due %s, last published %s)%n",
        lateness.size() / seconds, minute, last);
    System.out.printf(
        "sandbox capacity (raw POST /api/v1/statuses, %d threads): %.1f statuses/s%n",
        CLIENT_THREADS, capacity);
  }

  /** The same call the connector makes, sent raw as fast as the sandbox answers, for 10 s. */
  private double sandboxCapacity(URI instance, Sandbox sandbox) throws InterruptedException {
    String token = "bench-capacity";
    sandbox.mastodon().addAccount("bench.social", token, "capacity");
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    AtomicLong n = new AtomicLong();
    for (int t = 0; t < CLIENT_THREADS; t++) {
      pool.execute(
          () -> {
            while (System.nanoTime() < end) {
              try {
                HttpRequest request =
                    HttpRequest.newBuilder(URI.create(instance + "/api/v1/statuses"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Idempotency-Key", "cap-" + n.incrementAndGet())
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "status="
                                    + URLEncoder.encode(
                                        "capacity " + n.get(), StandardCharsets.UTF_8)))
                        .build();
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                  done.incrementAndGet();
                }
              } catch (IOException | InterruptedException e) {
                return;
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    return done.get() / 10.0;
  }

  private static long count(Sandbox sandbox, List<String> tokens) {
    long n = 0;
    for (String t : tokens) {
      n += sandbox.mastodon().statuses(t).size();
    }
    return n;
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** Runs {@code work(i)} for i in [0, n) on the client threads; the first failure aborts. */
  private static void parallel(int n, IntWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      all.add(
          pool.submit(
              () -> {
                work.run(index);
                return null;
              }));
    }
    pool.shutdown();
    for (var f : all) {
      f.get();
    }
  }

  @FunctionalInterface
  private interface IntWork {
    void run(int i) throws Exception;
  }

  /**
   * Sends a request, again while the node answers 404 "No service was found" (the JAX-RS whiteboard
   * rebuilding its application at start-up) or the first-start admin is not there yet.
   */
  private HttpResponse<String> send(HttpRequest request, boolean retryUnauthorized)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      boolean rebuilding =
          r.statusCode() == 404
              && (r.body().contains("No service was found")
                  || r.body().contains("no such resource"));
      // A request that lands in the middle of a rebuild can find CXF's destination half made.
      rebuilding |= r.statusCode() == 500 && r.body().contains("incomingObserver");
      boolean noAdminYet = retryUnauthorized && r.statusCode() == 401;
      // Failed logins while the admin is being created count against the login limiter.
      boolean loginLimited = retryUnauthorized && r.statusCode() == 429;
      if ((!rebuilding && !noAdminYet && !loginLimited) || System.nanoTime() > deadline) {
        return r;
      }
      long pause =
          loginLimited
              ? TimeUnit.SECONDS.toMillis(r.headers().firstValueAsLong("Retry-After").orElse(5))
              : noAdminYet ? 1000 : 200;
      Thread.sleep(pause);
    }
  }

  private void login(String password) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(),
            true);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = setCookie.substring(0, setCookie.indexOf(';'));
    csrf = JSON.readTree(r.body()).path("csrfToken").asText();
  }

  private JsonNode call(String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
            false);
    if (r.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static void log(String message) {
    System.err.println("[" + Instant.now() + "] " + message);
  }
}
