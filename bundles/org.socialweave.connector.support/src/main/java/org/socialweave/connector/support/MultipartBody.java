package org.socialweave.connector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.socialweave.api.connector.MediaRef;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the JDK HTTP client, which has none: text
 * fields and files, the files streamed from their {@link MediaRef.Content} rather than loaded, with
 * a known {@code Content-Length} (some networks refuse chunked uploads).
 *
 * <pre>{@code
 * MultipartBody body = new MultipartBody().text("status", text).file("pic", media);
 * HttpRequest.newBuilder(uri).header("Content-Type", body.contentType()).POST(body.publisher());
 * }</pre>
 */
public final class MultipartBody {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final List<BodyPublisher> parts = new ArrayList<>();
  private long length;

  public MultipartBody() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    this.boundary = "SocialWeave" + HexFormat.of().formatHex(random);
  }

  /** The {@code Content-Type} header value, with the boundary. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** Adds a text field, UTF-8. */
  public MultipartBody text(String name, String value) {
    add(header(name, null, "text/plain; charset=UTF-8"));
    add(value.getBytes(StandardCharsets.UTF_8));
    add(CRLF);
    return this;
  }

  /** Adds a file part named {@code filename}, streamed from {@code media} when sent. */
  public MultipartBody file(String name, String filename, MediaRef media) {
    add(header(name, filename, media.mimeType()));
    BodyPublisher content =
        BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(
                () -> {
                  try {
                    return media.content().open();
                  } catch (IOException e) {
                    throw new UncheckedIOException("cannot read media " + media.id(), e);
                  }
                }),
            media.sizeBytes());
    parts.add(content);
    length += media.sizeBytes();
    add(CRLF);
    return this;
  }

  /** Adds a file part of bytes already in memory. */
  public MultipartBody file(String name, String filename, String mimeType, byte[] content) {
    add(header(name, filename, mimeType));
    add(content);
    add(CRLF);
    return this;
  }

  /**
   * The body, closed by the final boundary; {@link HttpRequest.BodyPublisher#contentLength()} is
   * known.
   */
  public BodyPublisher publisher() {
    List<BodyPublisher> all = new ArrayList<>(parts);
    all.add(
        BodyPublishers.ofByteArray(
            ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));
    return BodyPublishers.concat(all.toArray(new BodyPublisher[0]));
  }

  /** The number of bytes {@link #publisher()} sends. */
  public long contentLength() {
    return length + boundary.length() + 6;
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private byte[] header(String name, String filename, String mimeType) {
    requireSafe("name", name);
    StringBuilder header =
        new StringBuilder("--")
            .append(boundary)
            .append("\r\n")
            .append("Content-Disposition: form-data; name=\"")
            .append(name)
            .append('"');
    if (filename != null) {
      requireSafe("filename", filename);
      header.append("; filename=\"").append(filename).append('"');
    }
    header.append("\r\nContent-Type: ").append(mimeType).append("\r\n\r\n");
    return header.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Quotes, CR and LF would end the header early: a forged part, so they are refused. */
  private static void requireSafe(String what, String value) {
    if (value == null
        || value.isEmpty()
        || value.chars().anyMatch(c -> c == '"' || c == '\r' || c == '\n')) {
      throw new IllegalArgumentException(
          "multipart " + what + " must be non-empty without quotes or line breaks: " + value);
    }
  }

  private void add(byte[] bytes) {
    parts.add(BodyPublishers.ofByteArray(bytes));
    length += bytes.length;
  }
}
