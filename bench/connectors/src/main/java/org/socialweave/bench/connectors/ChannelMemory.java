package org.socialweave.bench.connectors;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.socialweave.api.connector.ChannelContext;
import org.socialweave.api.connector.Credentials;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.connector.support.RateLimiter;
import org.socialweave.sandbox.Sandbox;

/**
 * Heap per connected channel: what the node keeps while it acts for a channel, i.e. its {@link
 * ChannelContext} (credentials decoded by the channels service's own {@code CredentialsCodec} from
 * the vault's JSON, settings from the settings column's JSON) plus one token bucket per
 * ACCOUNT-scope {@link RateLimit} of the network's descriptor (one {@link RateLimiter} per limit,
 * keyed by channel id).
 *
 * <p>Retained heap: used heap after repeated {@code System.gc()} before and after building N
 * channels kept in a list, divided by N. Run with {@code -XX:+UseSerialGC} so that "used after a
 * full GC" is exact. Not counted: the database row (H2/PostgreSQL, off heap or another process),
 * the vault's ciphertext, the connectors themselves (one per network, shared) and transient garbage
 * of decoding.
 *
 * <p>Arguments: counts (10000,50000), out (a TSV file, optional).
 */
public final class ChannelMemory {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final String TOKEN_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Method encode;
  private final Method decode;
  private final Method settingsJson;
  private final Method settingsMap;
  private final SplittableRandom random = new SplittableRandom(42);

  private ChannelMemory() throws ReflectiveOperationException {
    // Package-private in the channels bundle; called as is so the figures follow its code.
    Class<?> codec = Class.forName("org.socialweave.channels.internal.CredentialsCodec");
    encode = codec.getDeclaredMethod("encode", Credentials.class);
    decode = codec.getDeclaredMethod("decode", char[].class);
    settingsJson = codec.getDeclaredMethod("settings", Map.class);
    settingsMap = codec.getDeclaredMethod("settings", String.class);
    for (Method m : List.of(encode, decode, settingsJson, settingsMap)) {
      m.setAccessible(true);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = ConnectorOverhead.options(args);
    List<Integer> counts = new ArrayList<>();
    for (String c : opts.getOrDefault("counts", "10000,50000").split(",")) {
      counts.add(Integer.parseInt(c.trim()));
    }
    ChannelMemory bench = new ChannelMemory();

    Map<String, List<RateLimit>> limits = new LinkedHashMap<>();
    try (Sandbox sandbox = Sandbox.start(0)) {
      for (BenchTarget target : Targets.ALL) {
        NetworkDescriptor descriptor = target.connector(sandbox).descriptor();
        limits.put(
            target.network(),
            descriptor.rateLimits().stream()
                .filter(l -> l.scope() == RateLimit.Scope.ACCOUNT)
                .toList());
      }
    }

    PrintStream out = System.out;
    out.printf(
        "# memory per connected channel: %s, -Xmx %d MiB%n",
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList(),
        Runtime.getRuntime().maxMemory() >> 20);
    Channel sample = bench.channel(0);
    out.printf(
        "# per channel: access token %d chars, refresh token %d chars, 2 expiries, %d scopes,"
            + " %d settings, ids %d/%d/%d chars; vault JSON %d chars%n",
        sample.credentials.accessToken().length(),
        sample.credentials.refreshToken().length(),
        sample.credentials.scopes().size(),
        sample.settings.size(),
        sample.workspaceId.length(),
        sample.channelId.length(),
        sample.accountId.length(),
        ((char[]) bench.encode.invoke(null, sample.credentials)).length);
    out.printf(
        "%-9s %8s %7s %14s %14s %14s %8s%n",
        "network", "channels", "buckets", "context B/ch", "buckets B/ch", "total B/ch", "< 10 KB");

    // Warm-up: load and compile everything once, outside the measurement.
    for (Map.Entry<String, List<RateLimit>> e : limits.entrySet()) {
      bench.measure(e.getValue(), 2_000);
    }
    StringBuilder tsv =
        new StringBuilder("network\tchannels\tbuckets\tcontext_b\tbuckets_b\ttotal_b\n");
    for (int n : counts) {
      for (Map.Entry<String, List<RateLimit>> e : limits.entrySet()) {
        long[] r = bench.measure(e.getValue(), n);
        double ctx = r[0] / (double) n;
        double buckets = r[1] / (double) n;
        double total = ctx + buckets;
        out.printf(
            Locale.ROOT,
            "%-9s %8d %7d %14.0f %14.0f %14.0f %8s%n",
            e.getKey(),
            n,
            e.getValue().size(),
            ctx,
            buckets,
            total,
            total < 10_240 ? "met" : "MISSED");
        tsv.append(
            String.format(
                Locale.ROOT,
                "%s\t%d\t%d\t%.0f\t%.0f\t%.0f%n",
                e.getKey(),
                n,
                e.getValue().size(),
                ctx,
                buckets,
                total));
      }
    }
    if (opts.containsKey("out")) {
      Path file = Path.of(opts.get("out"));
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, tsv.toString());
    }
  }

  /** Answers {retained bytes of n contexts, retained bytes of their buckets}. */
  private long[] measure(List<RateLimit> accountLimits, int n) throws Exception {
    List<RateLimiter> limiters = new ArrayList<>();
    for (RateLimit limit : accountLimits) {
      limiters.add(
          new RateLimiter(limit.limit(), limit.limit(), limit.window(), Clock.systemUTC()));
    }
    List<ChannelContext> kept = new ArrayList<>(n);
    long before = usedAfterGc();
    for (int i = 0; i < n; i++) {
      kept.add(context(channel(i)));
    }
    long withContexts = usedAfterGc();
    for (ChannelContext context : kept) {
      for (RateLimiter limiter : limiters) {
        limiter.bucket(context.channelId());
      }
    }
    long withBuckets = usedAfterGc();
    if (kept.size() != n || limiters.stream().anyMatch(l -> l.size() != n)) {
      throw new IllegalStateException("lost channels");
    }
    return new long[] {withContexts - before, withBuckets - withContexts};
  }

  /** The channel as stored: ids from the row, credentials JSON from the vault, settings JSON. */
  private record Channel(
      String workspaceId,
      String channelId,
      String accountId,
      Credentials credentials,
      Map<String, String> settings) {}

  private Channel channel(int i) {
    Instant now = Instant.parse("2026-11-24T12:00:00Z");
    Credentials credentials =
        Credentials.oauth(
            token(200),
            now.plusSeconds(7_200 + i),
            token(100),
            now.plusSeconds(180L * 86_400 + i),
            Set.of("tweet.read", "tweet.write", "users.read", "offline.access"));
    Map<String, String> settings =
        Map.of(
            "instanceUrl", "https://mastodon.social",
            "publicUsername", "acme_news_" + i,
            "locale", "zh-CN");
    return new Channel(
        ulid(), ulid(), String.valueOf(100_000_000_000_000_000L + i), credentials, settings);
  }

  /**
   * Builds the context as {@code ChannelServiceImpl.contextOf(channel, credentialsOf(channel))}:
   * the vault's char[] decoded, the settings column parsed. Everything else is garbage afterwards.
   */
  @SuppressWarnings("unchecked")
  private ChannelContext context(Channel stored) throws Exception {
    char[] vault = (char[]) encode.invoke(null, stored.credentials);
    String settingsColumn = (String) settingsJson.invoke(null, stored.settings);
    // Fresh String instances, as read from a database row.
    String workspaceId = new String(stored.workspaceId.toCharArray());
    String channelId = new String(stored.channelId.toCharArray());
    String accountId = new String(stored.accountId.toCharArray());
    Credentials credentials = (Credentials) decode.invoke(null, (Object) vault);
    return new ChannelContext(
        workspaceId,
        channelId,
        accountId,
        credentials,
        (Map<String, String>) settingsMap.invoke(null, settingsColumn));
  }

  private String ulid() {
    char[] c = new char[26];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(c);
  }

  private String token(int length) {
    char[] c = new char[length];
    for (int i = 0; i < c.length; i++) {
      c[i] = TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length()));
    }
    return new String(c);
  }

  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
