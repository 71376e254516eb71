package org.socialweave.bench.connectors;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.PlatformConnector;
import org.socialweave.api.connector.PublishResult;
import org.socialweave.sandbox.Sandbox;

/**
 * Connector overhead: posts/s and latency of {@link PlatformConnector#publish} of a short text
 * against the in-process sandbox, next to the same request sent raw with a JDK {@code HttpClient}.
 *
 * <p>Closed loop: N workers each send the next request as soon as the previous one answered. Per
 * network and mode ({@code connector}, {@code raw}) first one unmeasured prewarm, then per round an
 * unmeasured warm-up and a measured window; the modes alternate their order every round. The
 * sandbox is reset (and the accounts registered again) before every window, so the posts it keeps
 * in memory never exceed one window's worth. Every text and idempotency key is unique. A window
 * only counts if every call succeeded and the sandbox stored exactly as many posts as were sent.
 *
 * <p>Arguments (all {@code --name=value}): concurrency (8), prewarm (5 s), warmup (2 s), duration
 * (8 s), rounds (3), out (a TSV file, optional).
 */
public final class ConnectorOverhead {

  private ConnectorOverhead() {}

  /** One measured window. */
  record Window(
      String network,
      String mode,
      int round,
      long ok,
      long completed,
      long errors,
      double seconds,
      long[] latencies) {
    double rate() {
      return ok / seconds;
    }

    double percentileMs(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
    }
  }

  /** What one worker does per call; throws on failure. */
  interface Call {
    void run(String key, String text) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "8"));
    int prewarm = Integer.parseInt(opts.getOrDefault("prewarm", "5"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2"));
    int duration = Integer.parseInt(opts.getOrDefault("duration", "8"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    String out = opts.get("out");
    PrintStream log = System.err;

    List<Window> windows = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(0)) {
      log.printf(
          "sandbox %s; %d workers, %ds prewarm, %d round(s) of %ds warm-up + %ds measured%n",
          sandbox.baseUrl(), concurrency, prewarm, rounds, warmup, duration);
      for (BenchTarget target : Targets.ALL) {
        resetAll(sandbox);
        target.setUp(sandbox);
        PlatformConnector connector = target.connector(sandbox);
        // Replaced after every reset: OAuth networks' sandboxes forget their tokens.
        AtomicReference<ChannelContext> channel = new AtomicReference<>(target.channel(sandbox));
        HttpClient raw =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        Map<String, Call> modes = new LinkedHashMap<>();
        modes.put(
            "connector",
            (key, text) -> {
              PublishResult result = connector.publish(channel.get(), target.request(key, text));
              // WeChat answers PENDING with the publish job's id, the others the post's id.
              if (result.platformPostId() == null && result.jobId() == null) {
                throw new IllegalStateException("no post id and no job id");
              }
            });
        modes.put("raw", (key, text) -> target.rawPublish(raw, sandbox, key, text));
        for (Map.Entry<String, Call> mode : modes.entrySet()) {
          reset(sandbox, target, channel);
          run(
              target.network(),
              mode.getKey() + "-prewarm",
              0,
              concurrency,
              prewarm,
              mode.getValue());
        }
        List<String> order = new ArrayList<>(modes.keySet());
        for (int round = 1; round <= rounds; round++) {
          for (String mode : order) {
            reset(sandbox, target, channel);
            run(target.network(), mode + "-warmup", round, concurrency, warmup, modes.get(mode));
            reset(sandbox, target, channel);
            Window w = run(target.network(), mode, round, concurrency, duration, modes.get(mode));
            long stored = target.storedPosts(sandbox);
            // A call that failed after sending (connection lost) may have been stored: allowed.
            if (stored < w.completed() || stored > w.completed() + w.errors()) {
              throw new IllegalStateException(
                  w.network()
                      + " "
                      + w.mode()
                      + ": "
                      + w.completed()
                      + " answered ok, "
                      + w.errors()
                      + " failed, but "
                      + stored
                      + " stored");
            }
            log.printf(
                Locale.ROOT,
                "  %-9s %-9s round %d: %8.0f posts/s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                w.network(),
                w.mode(),
                round,
                w.rate(),
                w.percentileMs(50),
                w.percentileMs(99),
                w.errors());
            windows.add(w);
          }
          java.util.Collections.reverse(order);
        }
        reset(sandbox, target, channel);
      }
    }
    report(windows, concurrency, duration, rounds, System.out);
    if (out != null) {
      writeTsv(windows, Path.of(out));
    }
  }

  private static void reset(
      Sandbox sandbox, BenchTarget target, AtomicReference<ChannelContext> channel) {
    resetAll(sandbox);
    target.setUp(sandbox);
    channel.set(target.channel(sandbox));
    System.gc();
  }

  private static void resetAll(Sandbox sandbox) {
    sandbox.telegram().reset();
    sandbox.mastodon().reset();
    sandbox.wechat().reset();
    sandbox.weibo().reset();
    sandbox.x().reset();
  }

  private static Window run(
      String network, String mode, int round, int concurrency, int seconds, Call call)
      throws InterruptedException {
    long[][] latencies = new long[concurrency][];
    int[] counts = new int[concurrency];
    AtomicLong errors = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(concurrency);
    long[] window = new long[2];
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                long[] mine = new long[4096];
                int n = 0;
                long seq = 0;
                try {
                  start.await();
                  long end = window[1];
                  while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                      break;
                    }
                    String id = network + "-" + mode + "-r" + round + "-w" + worker + "-" + seq++;
                    try {
                      call.run(id, "SocialWeave bench post " + id);
                    } catch (Exception e) {
                      if (errors.incrementAndGet() <= 3) {
                        System.err.println("  error (" + id + "): " + e);
                      }
                      continue;
                    }
                    long t1 = System.nanoTime();
                    completed.incrementAndGet();
                    if (t1 <= end) {
                      if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                      }
                      mine[n++] = t1 - t0;
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  latencies[worker] = mine;
                  counts[worker] = n;
                  done.countDown();
                }
              },
              "bench-" + mode + "-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + seconds * 1_000_000_000L;
    start.countDown();
    if (!done.await(seconds + 60L, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new IllegalStateException(mode + ": workers did not finish in time");
    }
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int w = 0; w < concurrency; w++) {
      System.arraycopy(latencies[w], 0, all, at, counts[w]);
      at += counts[w];
    }
    Arrays.sort(all);
    return new Window(network, mode, round, total, completed.get(), errors.get(), seconds, all);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static void report(
      List<Window> windows, int concurrency, int duration, int rounds, PrintStream out) {
    out.printf(
        "%n# connector overhead: %d workers, %d x %d s measured per network and mode, median of"
            + " rounds%n",
        concurrency, rounds, duration);
    out.printf(
        "%-9s %-9s %10s %9s %9s %9s %7s%n",
        "network", "mode", "posts/s", "p50 ms", "p99 ms", "max ms", "errors");
    Map<String, double[]> rates = new LinkedHashMap<>();
    for (BenchTarget target : Targets.ALL) {
      for (String mode : List.of("connector", "raw")) {
        List<Window> ws =
            windows.stream()
                .filter(w -> w.network().equals(target.network()) && w.mode().equals(mode))
                .toList();
        double rate = median(ws.stream().mapToDouble(Window::rate).toArray());
        double p50 = median(ws.stream().mapToDouble(w -> w.percentileMs(50)).toArray());
        double p99 = median(ws.stream().mapToDouble(w -> w.percentileMs(99)).toArray());
        double max = ws.stream().mapToDouble(w -> w.percentileMs(100)).max().orElse(Double.NaN);
        long errors = ws.stream().mapToLong(Window::errors).sum();
        rates.put(target.network() + "/" + mode, new double[] {rate, p99});
        out.printf(
            Locale.ROOT,
            "%-9s %-9s %10.0f %9.2f %9.2f %9.1f %7d%n",
            target.network(),
            mode,
            rate,
            p50,
            p99,
            max,
            errors);
      }
    }
    out.println();
    out.printf("%-9s %16s %14s %s%n", "network", "connector/raw", "cost", "target: cost < 20 %");
    for (BenchTarget target : Targets.ALL) {
      double[] c = rates.get(target.network() + "/connector");
      double[] r = rates.get(target.network() + "/raw");
      double ratio = c[0] / r[0];
      out.printf(
          Locale.ROOT,
          "%-9s %15.1f %% %12.1f %% %s%n",
          target.network(),
          100 * ratio,
          100 * (1 - ratio),
          ratio > 0.8 ? "met" : "MISSED");
    }
  }

  private static void writeTsv(List<Window> windows, Path file) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "network\tmode\tround\tposts_per_s\tp50_ms\tp90_ms\tp99_ms\tmax_ms\terrors\n");
    for (Window w : windows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s\t%s\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%d%n",
              w.network(),
              w.mode(),
              w.round(),
              w.rate(),
              w.percentileMs(50),
              w.percentileMs(90),
              w.percentileMs(99),
              w.percentileMs(100),
              w.errors()));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, sb.toString());
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value: " + arg);
      }
      int eq = arg.indexOf('=');
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return opts;
  }
}
