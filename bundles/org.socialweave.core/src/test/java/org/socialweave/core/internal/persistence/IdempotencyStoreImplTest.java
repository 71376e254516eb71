package org.socialweave.core.internal.persistence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.IdempotencyStore.StoredResponse;
import org.socialweave.core.internal.testing.DatabaseTestBase;
import org.socialweave.core.internal.testing.MutableClock;

public class IdempotencyStoreImplTest extends DatabaseTestBase {

  private MutableClock clock;
  private IdempotencyStoreImpl store;

  @Before
  public void setUp() {
    clock = MutableClock.atNow();
    store = new IdempotencyStoreImpl(db(), clock);
  }

  private static StoredResponse response(String key, int status, String body) {
    return new StoredResponse(key, "h".repeat(64), status, "/api/v1/things/" + key, body);
  }

  @Test
  public void savedResponseIsFound() {
    String key = unique("k");
    String body = "{\"name\":\"O'Brien\",\"note\":\"50% -- ; DROP TABLE x\"}";
    assertTrue(store.save(response(key, 201, body)));
    assertEquals(response(key, 201, body), store.find(key).orElseThrow());
    assertTrue(store.find(unique("other")).isEmpty());
  }

  @Test
  public void secondSaveWithTheSameKeyLosesAndKeepsTheFirst() {
    String key = unique("k");
    assertTrue(store.save(response(key, 201, "first")));
    assertFalse(store.save(response(key, 500, "second")));
    assertEquals("first", store.find(key).orElseThrow().body());
    assertEquals(201, store.find(key).orElseThrow().status());
  }

  @Test
  public void responsesExpireAfterTheRetention() {
    String key = unique("k");
    store.save(new StoredResponse(key, "h", 204, null, null));
    clock.advance(IdempotencyStoreImpl.RETENTION.minusSeconds(1));
    assertTrue(store.find(key).isPresent());
    clock.advance(Duration.ofSeconds(2));
    assertTrue(store.find(key).isEmpty());

    // The expired row is purged by the next save, so the key can be used again.
    assertTrue(store.save(new StoredResponse(key, "h2", 201, "/x", "again")));
    assertEquals("again", store.find(key).orElseThrow().body());
  }

  @Test
  public void largeBodiesRoundTrip() {
    String key = unique("k");
    String body = "x".repeat(200_000);
    assertTrue(store.save(response(key, 200, body)));
    assertEquals(body, store.find(key).orElseThrow().body());
  }
}
