package org.socialweave.rest.internal.filter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.MediaType;
import org.junit.Test;
import org.socialweave.api.IdempotencyStore;
import org.socialweave.rest.internal.filter.SecurityFilterTest.FakeRequest;

/** Which bodies the idempotency filter buffers to hash them. */
public class IdempotencyFilterTest {

  /** Remembers the scopes asked for; holds no responses. */
  static final class EmptyStore implements IdempotencyStore {
    final List<String> asked = new ArrayList<>();

    @Override
    public Optional<StoredResponse> find(String scopeKey) {
      asked.add(scopeKey);
      return Optional.empty();
    }

    @Override
    public boolean save(StoredResponse response) {
      return true;
    }
  }

  private static FakeRequest keyedPost() {
    FakeRequest request =
        new FakeRequest("POST", "workspaces/ws-1/media")
            .header(IdempotencyFilter.HEADER, "key-1")
            .body(MediaType.APPLICATION_OCTET_STREAM_TYPE, "x".repeat(5000));
    return request;
  }

  private static IdempotencyFilter filter(EmptyStore store, Method method) {
    IdempotencyFilter filter = new IdempotencyFilter(store);
    filter.resourceInfo =
        new ResourceInfo() {
          @Override
          public Method getResourceMethod() {
            return method;
          }

          @Override
          public Class<?> getResourceClass() {
            return method.getDeclaringClass();
          }
        };
    return filter;
  }

  private static Method uploads(String name) throws NoSuchMethodException {
    return SecurityFilterTest.Uploads.class.getMethod(name, String.class, InputStream.class);
  }

  @Test
  public void streamedUploadsAreNeitherBufferedNorReplayed() throws Exception {
    EmptyStore store = new EmptyStore();
    FakeRequest request = keyedPost();
    InputStream original = request.getEntityStream();
    filter(store, uploads("upload")).filter(request);
    assertSame(original, request.getEntityStream());
    assertEquals(List.of(), store.asked);
    assertNull(request.aborted);
  }

  @Test
  public void otherPostsWithAKeyAreBufferedAndLookedUp() throws Exception {
    EmptyStore store = new EmptyStore();
    FakeRequest request = keyedPost();
    InputStream original = request.getEntityStream();
    filter(store, uploads("buffered")).filter(request);
    assertNotSame(original, request.getEntityStream());
    assertEquals(5000, request.getEntityStream().readAllBytes().length);
    assertEquals(1, store.asked.size());
  }
}
