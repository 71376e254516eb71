package org.socialweave.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP/1.1 load generator: N workers, each on its own keep-alive connection, send the
 * next request as soon as the previous answer has been read in full. Every target gets the same
 * request bytes (only the port differs), the same warm-up and the same measured duration; targets
 * are measured one after the other, alternating over several rounds, so that background noise on
 * the machine hits them alike.
 *
 * <p>Only loopback addresses are accepted as targets. Everything is bounded in time.
 *
 * <pre>
 * LoadGen --target=full=http://127.0.0.1:8181/api/v1/health
 *         --target=bare=http://127.0.0.1:18181/api/v1/health
 *         [--header="Authorization: Bearer ..."] [--header-for=label="Name: value"] [--concurrency=8] [--warmup=5] [--duration=20]
 *         [--rounds=2] [--out=results.tsv]
 * </pre>
 */
public final class LoadGen {

  record Target(String label, String host, int port, byte[] request) {}

  record Result(String label, int round, long requests, long errors, double seconds, long[] nanos) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> targets = new LinkedHashMap<>();
    List<String> headers = new ArrayList<>();
    Map<String, List<String>> headersFor = new LinkedHashMap<>();
    int concurrency = 8;
    int warmup = 5;
    int duration = 20;
    int rounds = 1;
    int prewarm = 0;
    String out = null;
    for (String a : args) {
      String v = a.substring(a.indexOf('=') + 1);
      if (a.startsWith("--target=")) {
        int eq = v.indexOf('=');
        targets.put(v.substring(0, eq), v.substring(eq + 1));
      } else if (a.startsWith("--header=")) {
        headers.add(v);
      } else if (a.startsWith("--header-for=")) {
        int eq = v.indexOf('=');
        headersFor.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>()).add(v.substring(eq + 1));
      } else if (a.startsWith("--concurrency=")) {
        concurrency = Integer.parseInt(v);
      } else if (a.startsWith("--warmup=")) {
        warmup = Integer.parseInt(v);
      } else if (a.startsWith("--duration=")) {
        duration = Integer.parseInt(v);
      } else if (a.startsWith("--prewarm=")) {
        prewarm = Integer.parseInt(v);
      } else if (a.startsWith("--rounds=")) {
        rounds = Integer.parseInt(v);
      } else if (a.startsWith("--out=")) {
        out = v;
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one --target=label=url");
    }
    if (duration < 1 || duration > 300 || warmup < 0 || warmup > 60 || rounds < 1 || rounds > 5
        || prewarm < 0 || prewarm > 120) {
      throw new IllegalArgumentException(
          "bounds: duration 1..300 s, warmup 0..60 s, prewarm 0..120 s, rounds 1..5");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("concurrency 1..256");
    }

    List<Target> list = new ArrayList<>();
    for (var e : targets.entrySet()) {
      List<String> h = new ArrayList<>(headers);
      h.addAll(headersFor.getOrDefault(e.getKey(), List.of()));
      list.add(target(e.getKey(), e.getValue(), h));
    }

    System.out.printf(
        Locale.ROOT,
        "load: %d workers (keep-alive), prewarm %d s per target, then per target and round"
            + " warm-up %d s + measured %d s, %d round(s), targets %s%n",
        concurrency, prewarm, warmup, duration, rounds, targets.keySet());

    if (prewarm > 0) {
      // One unmeasured pass over every target first: JIT-compiles the servers' hot paths, so
      // that round 1 is not penalised against later rounds.
      for (Target t : list) {
        run(t, 0, concurrency, prewarm, 0);
        System.out.printf(Locale.ROOT, "prewarm %s: %d s, not counted%n", t.label(), prewarm);
      }
    }
    List<Result> results = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      for (Target t : list) {
        Result res = run(t, r, concurrency, warmup, duration);
        results.add(res);
        System.out.println(line("round", res));
      }
    }

    StringBuilder tsv = new StringBuilder("target\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\trequests\terrors\n");
    Map<String, Double> rps = new LinkedHashMap<>();
    for (Target t : list) {
      Result total = merge(t.label(), results);
      System.out.println(line("TOTAL", total));
      rps.put(t.label(), total.requests() / total.seconds());
      tsv.append(tsvRow(total));
    }
    // Headline first: full against the same-JVM servlet; then against the separate-JVM bare Jetty.
    for (String base : List.of("servlet", "bare")) {
      if (rps.containsKey("full") && rps.containsKey(base)) {
        double ratio = rps.get("full") / rps.get(base);
        System.out.printf(Locale.ROOT, "RATIO full/%s throughput = %.1f %%%n", base, ratio * 100);
      }
    }
    if (out != null) {
      Files.writeString(Path.of(out), tsv.toString());
    }
  }

  static Target target(String label, String url, List<String> headers) throws IOException {
    URI uri = URI.create(url);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("http only: " + url);
    }
    InetAddress address = InetAddress.getByName(uri.getHost());
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing non-loopback target " + url);
    }
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    StringBuilder req = new StringBuilder();
    req.append("GET ").append(path).append(" HTTP/1.1\r\n");
    req.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
    req.append("Accept: application/json\r\n");
    for (String h : headers) {
      req.append(h).append("\r\n");
    }
    req.append("\r\n");
    return new Target(
        label, address.getHostAddress(), uri.getPort(), req.toString().getBytes(StandardCharsets.US_ASCII));
  }

  static Result run(Target t, int round, int concurrency, int warmup, int duration)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + duration * 1_000_000_000L;
    Worker[] workers = new Worker[concurrency];
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      workers[i] = new Worker(t, measureFrom, end, done);
      Thread th = new Thread(workers[i], "load-" + t.label() + "-" + i);
      th.setDaemon(true);
      th.start();
    }
    // Hard bound: the run ends at `end`; a worker stuck in a read gives up after its socket timeout.
    done.await(warmup + duration + 30L, java.util.concurrent.TimeUnit.SECONDS);
    long requests = 0;
    long errors = 0;
    int n = 0;
    for (Worker w : workers) {
      n += w.count;
      errors += w.errors;
    }
    long[] all = new long[n];
    int pos = 0;
    for (Worker w : workers) {
      System.arraycopy(w.nanos, 0, all, pos, w.count);
      pos += w.count;
    }
    requests = n;
    if (workers[0].firstBody != null && round > 0) {
      System.out.println("  " + t.label() + " sample answer: " + workers[0].firstBody);
    }
    return new Result(t.label(), round, requests, errors, duration, all);
  }

  static Result merge(String label, List<Result> results) {
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    List<long[]> parts = new ArrayList<>();
    for (Result r : results) {
      if (r.label().equals(label)) {
        requests += r.requests();
        errors += r.errors();
        seconds += r.seconds();
        parts.add(r.nanos());
      }
    }
    long[] all = new long[(int) requests];
    int pos = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, all, pos, p.length);
      pos += p.length;
    }
    return new Result(label, 0, requests, errors, seconds, all);
  }

  static String line(String what, Result r) {
    long[] s = r.nanos().clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "%s %s%s: %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %d requests, %d errors",
        what,
        r.label(),
        r.round() > 0 ? " #" + r.round() : "",
        r.requests() / r.seconds(),
        pct(s, 0.50),
        pct(s, 0.90),
        pct(s, 0.99),
        s.length == 0 ? 0 : s[s.length - 1] / 1e6,
        r.requests(),
        r.errors());
  }

  static String tsvRow(Result r) {
    long[] s = r.nanos().clone();
    Arrays.sort(s);
    return String.format(
        Locale.ROOT,
        "%s\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d%n",
        r.label(),
        r.requests() / r.seconds(),
        pct(s, 0.50),
        pct(s, 0.90),
        pct(s, 0.99),
        s.length == 0 ? 0 : s[s.length - 1] / 1e6,
        r.requests(),
        r.errors());
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** One keep-alive connection; only complete 200 answers in the measured window are counted. */
  static final class Worker implements Runnable {
    final Target t;
    final long measureFrom;
    final long end;
    final CountDownLatch done;
    long[] nanos = new long[1 << 14];
    int count;
    long errors;
    String firstBody;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int contentLength;
    private boolean chunked;
    private boolean close;
    private final byte[] lineBuf = new byte[8192];

    Worker(Target t, long measureFrom, long end, CountDownLatch done) {
      this.t = t;
      this.measureFrom = measureFrom;
      this.end = end;
      this.done = done;
    }

    @Override
    public void run() {
      try {
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            break;
          }
          int status;
          try {
            if (socket == null) {
              connect();
            }
            status = exchange();
          } catch (IOException e) {
            status = -1;
            closeQuietly();
          }
          long t1 = System.nanoTime();
          if (t0 >= measureFrom && t1 <= end) {
            if (status == 200) {
              record(t1 - t0);
            } else {
              errors++;
            }
          }
          if (status == -1) {
            sleepQuietly(); // do not spin on a refused connection
          }
        }
      } finally {
        closeQuietly();
        done.countDown();
      }
    }

    private void record(long n) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = n;
    }

    private void connect() throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress(t.host(), t.port()), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 16384);
      out = socket.getOutputStream();
    }

    private int exchange() throws IOException {
      out.write(t.request());
      out.flush();
      String statusLine = readLine();
      if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
        throw new IOException("bad status line: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      contentLength = -1;
      chunked = false;
      close = false;
      for (String h = readLine(); !h.isEmpty(); h = readLine()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = Integer.parseInt(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      byte[] body = readBody();
      if (firstBody == null && status == 200) {
        firstBody = new String(body, StandardCharsets.UTF_8);
      }
      if (close) {
        closeQuietly();
      }
      return status;
    }

    private byte[] readBody() throws IOException {
      if (chunked) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(128);
        while (true) {
          String sizeLine = readLine();
          int semi = sizeLine.indexOf(';');
          int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
          if (size == 0) {
            while (!readLine().isEmpty()) {
              // trailers
            }
            return b.toByteArray();
          }
          b.write(in.readNBytes(size));
          readLine(); // CRLF after the chunk
        }
      }
      if (contentLength >= 0) {
        byte[] body = in.readNBytes(contentLength);
        if (body.length != contentLength) {
          throw new IOException("short body");
        }
        return body;
      }
      throw new IOException("neither Content-Length nor chunked: cannot keep the connection");
    }

    private String readLine() throws IOException {
      int n = 0;
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c == '\n') {
          break;
        }
        if (c != '\r' && n < lineBuf.length) {
          lineBuf[n++] = (byte) c;
        }
      }
      return new String(lineBuf, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void closeQuietly() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      socket = null;
    }

    private static void sleepQuietly() {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private LoadGen() {}
}
