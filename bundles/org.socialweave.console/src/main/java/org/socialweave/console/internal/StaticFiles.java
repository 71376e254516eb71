package org.socialweave.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides what the console answers for a path: a built file, its precompressed {@code .gz} twin, or
 * {@code index.html} for a client route. Kept apart from the servlet so the rules are tested
 * without a container. Files are read once and kept (the whole build is a few MB).
 */
final class StaticFiles {

  /** Paths that belong to other servlets; the console never answers them with its page. */
  static final List<String> RESERVED_PREFIXES = List.of("/api/", "/s/", "/system/");

  static final String INDEX = "/index.html";

  /** Vite writes content-hashed names under /assets: they never change, so cache them for good. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** index.html names the current hashed assets: always revalidate it. */
  static final String REVALIDATE = "no-cache";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("webmanifest", "application/manifest+json"));

  /** A file to send: its bytes (gzip-encoded when {@code gzip}), type, cache policy and ETag. */
  record Answer(byte[] body, String contentType, String cacheControl, String etag, boolean gzip) {}

  private record Loaded(byte[] bytes, String etag) {}

  private static final Loaded ABSENT = new Loaded(null, null);

  private final Function<String, URL> lookup;
  private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

  /** {@code lookup} finds a file of the build by its path ("/assets/x.js"), or null. */
  StaticFiles(Function<String, URL> lookup) {
    this.lookup = lookup;
  }

  static boolean reserved(String path) {
    return RESERVED_PREFIXES.stream()
        .anyMatch(
            prefix ->
                path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1)));
  }

  /**
   * The answer for a GET of {@code path}, or empty for a 404: reserved paths, paths that climb out,
   * and missing files that look like files (a name with an extension). Anything else that is
   * missing is a client route and gets index.html.
   */
  Optional<Answer> resolve(String path, boolean acceptsGzip) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      path = INDEX;
    }
    if (reserved(path) || path.contains("..") || path.contains("\\") || path.contains("//")) {
      return Optional.empty();
    }
    Loaded file = load(path);
    if (file.bytes() == null) {
      if (lastSegment(path).contains(".")) {
        return Optional.empty();
      }
      path = INDEX;
      file = load(path);
      if (file.bytes() == null) {
        return Optional.empty();
      }
    }
    String cacheControl = path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
    String type = TYPES.getOrDefault(extension(path), "application/octet-stream");
    if (acceptsGzip) {
      Loaded compressed = load(path + ".gz");
      if (compressed.bytes() != null) {
        return Optional.of(
            new Answer(compressed.bytes(), type, cacheControl, gzipTag(file.etag()), true));
      }
    }
    return Optional.of(new Answer(file.bytes(), type, cacheControl, file.etag(), false));
  }

  /** The compressed representation has its own tag, as RFC 9110 asks of different encodings. */
  private static String gzipTag(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private Loaded load(String path) {
    return cache.computeIfAbsent(path, this::read);
  }

  private Loaded read(String path) {
    URL url = lookup.apply(path);
    if (url == null) {
      return ABSENT;
    }
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      return new Loaded(bytes, "\"" + sha256(bytes).substring(0, 20) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read console file " + path, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String extension(String path) {
    String name = lastSegment(path);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
