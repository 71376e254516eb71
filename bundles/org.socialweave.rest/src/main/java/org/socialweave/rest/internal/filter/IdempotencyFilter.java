package org.socialweave.rest.internal.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.socialweave.api.IdempotencyStore;
import org.socialweave.api.IdempotencyStore.StoredResponse;
import org.socialweave.api.security.StreamedUpload;
import org.socialweave.rest.internal.Json;
import org.socialweave.rest.internal.Problem;
import org.socialweave.rest.internal.Requests;
import org.socialweave.rest.internal.RestApplication;

/**
 * Makes {@code POST} with an {@code Idempotency-Key} header safe to retry: the first successful
 * response is stored for 24 hours and replayed for the same caller, endpoint, key and body; the
 * same key with another body is refused with 422. {@link StreamedUpload} methods are left alone:
 * their bodies may be far larger than anything worth buffering.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
@Priority(Priorities.AUTHORIZATION + 100)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";
  private static final String SCOPE_PROPERTY = "socialweave.idempotency.scope";
  private static final String HASH_PROPERTY = "socialweave.idempotency.hash";

  private final IdempotencyStore store;

  @Context ResourceInfo resourceInfo;

  @Activate
  public IdempotencyFilter(@Reference IdempotencyStore store) {
    this.store = store;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String key = request.getHeaderString(HEADER);
    if (key == null || !"POST".equals(request.getMethod()) || isStreamedUpload()) {
      return;
    }
    if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      request.abortWith(
          Problem.of(
                  400,
                  "validation",
                  "Invalid input",
                  HEADER + " must be 1-200 visible ASCII characters")
              .onField(HEADER)
              .toResponse());
      return;
    }
    byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
    request.setEntityStream(new ByteArrayInputStream(body));
    String scope =
        sha256(Requests.actor(request) + "\n" + request.getUriInfo().getPath() + "\n" + key);
    String hash = sha256(body);
    Optional<StoredResponse> stored = store.find(scope);
    if (stored.isPresent()) {
      request.abortWith(replay(stored.get(), hash));
      return;
    }
    request.setProperty(SCOPE_PROPERTY, scope);
    request.setProperty(HASH_PROPERTY, hash);
  }

  /** Streamed uploads are never buffered to hash them; they are idempotent by content. */
  private boolean isStreamedUpload() {
    Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
    return method != null && method.getAnnotation(StreamedUpload.class) != null;
  }

  private static Response replay(StoredResponse stored, String hash) {
    if (!stored.requestHash().equals(hash)) {
      return Problem.of(
              422,
              "idempotency-key-reused",
              "Idempotency key reused",
              "this " + HEADER + " was already used for a different request body")
          .toResponse();
    }
    Response.ResponseBuilder replay =
        Response.status(stored.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .header(REPLAYED_HEADER, "true")
            .entity(stored.body());
    if (stored.location() != null) {
      replay.header(HttpHeaders.LOCATION, stored.location());
    }
    return replay.build();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response)
      throws IOException {
    Object scope = request.getProperty(SCOPE_PROPERTY);
    if (scope == null || response.getStatus() >= 300) {
      return;
    }
    Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
    store.save(
        new StoredResponse(
            scope.toString(),
            request.getProperty(HASH_PROPERTY).toString(),
            response.getStatus(),
            location == null ? null : location.toString(),
            response.hasEntity() ? Json.MAPPER.writeValueAsString(response.getEntity()) : null));
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
