package org.socialweave.connector.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.connector.support.MultipartBody;

/**
 * X's chunked v2 media upload, which replaced {@code upload.twitter.com/1.1/media/upload.json} in
 * 2025: {@code POST /2/media/upload/initialize} (JSON {@code media_type}, {@code total_bytes},
 * {@code media_category}), one {@code POST /2/media/upload/:id/append} per chunk (multipart {@code
 * media} and {@code segment_index}), {@code POST /2/media/upload/:id/finalize}, then {@code GET
 * /2/media/upload?command=STATUS} while {@code processing_info} says pending. Alt text goes through
 * {@code POST /2/media/metadata}. The bytes are streamed chunk by chunk, never held whole.
 */
final class XMediaUpload {

  /** Bytes per APPEND; X takes up to about 5 MB per segment. */
  static final int CHUNK_BYTES = 1024 * 1024;

  /** How long to wait for X to process an image before giving up (transiently). */
  static final Duration MAX_PROCESSING_WAIT = Duration.ofMinutes(2);

  /** X's limit on alt text, in characters; longer alt text is refused before anything is sent. */
  static final int MAX_ALT_TEXT = 1000;

  private static final Pattern MEDIA_ID = Pattern.compile("[0-9]{1,19}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits between status polls; tests pass one that does not sleep. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final XApi api;
  private final URI base;
  private final Clock clock;
  private final Sleeper sleeper;

  XMediaUpload(XApi api, URI base, Clock clock, Sleeper sleeper) {
    this.api = api;
    this.base = base;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Uploads one image and answers its media id, ready to attach. */
  String upload(MediaRef media, XApi.Auth auth) {
    ObjectNode init = JSON.createObjectNode();
    init.put("media_type", media.mimeType());
    init.put("total_bytes", media.sizeBytes());
    init.put("media_category", "tweet_image");
    JsonNode started =
        api.call(
            api.request(URI.create(base + "/2/media/upload/initialize"), auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(init.toString()))
                .build(),
            auth,
            "POST /2/media/upload/initialize",
            XApi.Kind.MEDIA);
    String id = mediaId(started, "initialize");
    appendChunks(media, id, auth);
    JsonNode finalized =
        api.call(
            api.request(URI.create(base + "/2/media/upload/" + id + "/finalize"), auth)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            auth,
            "POST /2/media/upload/:id/finalize",
            XApi.Kind.MEDIA);
    awaitProcessing(id, finalized, auth);
    if (media.altText() != null && !media.altText().isBlank()) {
      setAltText(id, media.altText().strip(), auth);
    }
    return id;
  }

  private void appendChunks(MediaRef media, String id, XApi.Auth auth) {
    URI append = URI.create(base + "/2/media/upload/" + id + "/append");
    long sent = 0;
    try (InputStream in = media.content().open()) {
      for (int segment = 0; ; segment++) {
        byte[] chunk = in.readNBytes(CHUNK_BYTES);
        if (chunk.length == 0) {
          break;
        }
        sent += chunk.length;
        if (sent > media.sizeBytes() || segment > 999) {
          break; // reported below: the content is not the size it claimed
        }
        MultipartBody body =
            new MultipartBody()
                .file("media", "chunk", "application/octet-stream", chunk)
                .text("segment_index", String.valueOf(segment));
        api.call(
            api.request(append, auth)
                .header("Content-Type", body.contentType())
                .POST(body.publisher())
                .build(),
            auth,
            "POST /2/media/upload/:id/append",
            XApi.Kind.MEDIA);
      }
    } catch (IOException e) {
      throw ConnectorException.transientFailure(
          XConnector.NETWORK_ID, "cannot read media " + media.id() + ": " + e.getMessage(), e);
    }
    if (sent != media.sizeBytes()) {
      throw ConnectorException.permanent(
          XConnector.NETWORK_ID,
          "MEDIA_SIZE_MISMATCH",
          "media " + media.id() + " declares " + media.sizeBytes() + " bytes but has more or fewer",
          null);
    }
  }

  /** Polls STATUS while X processes the upload; a failed processing is a media refusal. */
  private void awaitProcessing(String id, JsonNode answer, XApi.Auth auth) {
    Instant deadline = clock.instant().plus(MAX_PROCESSING_WAIT);
    URI status =
        URI.create(
            base
                + "/2/media/upload?command=STATUS&media_id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8));
    while (true) {
      JsonNode info = answer.path("data").path("processing_info");
      String state = info.path("state").asText("succeeded");
      if (state.equals("succeeded")) {
        return;
      }
      if (state.equals("failed")) {
        JsonNode error = info.path("error");
        throw ConnectorException.mediaRejected(
            XConnector.NETWORK_ID,
            error.path("name").asText(error.path("code").asText("failed")),
            error.path("message").asText("X could not process the media"),
            answer.toString());
      }
      long wait = Math.max(1, Math.min(60, info.path("check_after_secs").asLong(1)));
      if (clock.instant().plusSeconds(wait).isAfter(deadline)) {
        throw ConnectorException.transientFailure(
            XConnector.NETWORK_ID, "X is still processing media " + id, null);
      }
      try {
        sleeper.sleep(Duration.ofSeconds(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ConnectorException.transientFailure(
            XConnector.NETWORK_ID, "interrupted while X processed media " + id, null);
      }
      answer =
          api.call(
              api.request(status, auth).GET().build(),
              auth,
              "GET /2/media/upload?command=STATUS",
              XApi.Kind.MEDIA);
    }
  }

  private void setAltText(String id, String altText, XApi.Auth auth) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", id);
    body.putObject("metadata").putObject("alt_text").put("text", altText);
    api.call(
        api.request(URI.create(base + "/2/media/metadata"), auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build(),
        auth,
        "POST /2/media/metadata",
        XApi.Kind.MEDIA);
  }

  private static String mediaId(JsonNode answer, String step) {
    JsonNode id = answer.path("data").path("id");
    if (!id.isTextual() || !MEDIA_ID.matcher(id.asText()).matches()) {
      throw ConnectorException.builder(ErrorKind.TRANSIENT, XConnector.NETWORK_ID)
          .networkMessage(step + " answered without a media id")
          .rawResponse(answer.toString())
          .build();
    }
    return id.asText();
  }
}
