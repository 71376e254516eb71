package org.socialweave.api.connector;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class CredentialsTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private static Credentials full() {
    return new Credentials(
        "AT-secret-value-1",
        "RT-secret-value-2",
        NOW.plus(Duration.ofHours(2)),
        NOW.plus(Duration.ofDays(90)),
        Set.of("tweet.write", "offline.access"),
        Map.of("appSecret", "APP-secret-value-3"),
        Map.of("did", "did:plc:abc"));
  }

  @Test
  public void toStringNeverShowsTokensOrSecrets() {
    Credentials c = full();
    for (String s :
        new String[] {c.toString(), new ChannelContext("w", "c", "a", c, null).toString()}) {
      assertFalse(s, s.contains("AT-secret-value-1"));
      assertFalse(s, s.contains("RT-secret-value-2"));
      assertFalse(s, s.contains("APP-secret-value-3"));
      assertTrue(s, s.contains("<redacted>"));
      assertTrue("secret names are shown", s.contains("appSecret"));
      assertTrue("attributes are shown", s.contains("did:plc:abc"));
      assertTrue("expiry is shown", s.contains(NOW.plus(Duration.ofHours(2)).toString()));
    }
    assertTrue(Credentials.ofToken("bot:123").toString().contains("refreshToken=<none>"));
  }

  @Test
  public void anEmptyRefreshTokenCannotBeBuilt() {
    for (String bad : new String[] {"", " ", "\t"}) {
      assertThrows(
          IllegalArgumentException.class, () -> Credentials.oauth("at", null, bad, null, Set.of()));
    }
    assertThrows(IllegalArgumentException.class, () -> Credentials.ofToken(""));
    assertThrows(
        "an access token or a secret is needed",
        IllegalArgumentException.class,
        () -> new Credentials(null, null, null, null, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> Credentials.ofSecrets(Map.of(" ", "value")));
  }

  @Test
  public void refreshKeepsTheRefreshTokenWhenTheNetworkDoesNotRotateIt() {
    Credentials c = full();
    Instant later = NOW.plus(Duration.ofHours(4));
    for (String none : new String[] {null, "", "  "}) {
      Credentials next = c.refreshed("AT-new", later, none, null);
      assertEquals("AT-new", next.accessToken());
      assertEquals(later, next.accessExpiresAt());
      assertEquals("RT-secret-value-2", next.refreshToken());
      assertEquals(c.refreshExpiresAt(), next.refreshExpiresAt());
      assertEquals(c.secrets(), next.secrets());
      assertEquals(c.attributes(), next.attributes());
    }
    Credentials rotated = c.refreshed("AT-new", later, "RT-new", NOW.plus(Duration.ofDays(180)));
    assertEquals("RT-new", rotated.refreshToken());
    assertEquals(NOW.plus(Duration.ofDays(180)), rotated.refreshExpiresAt());
  }

  @Test
  public void expiry() {
    Credentials c = full();
    assertFalse(c.isAccessExpiredAt(NOW));
    assertTrue(c.isAccessExpiredAt(NOW.plus(Duration.ofHours(2))));
    assertTrue(c.accessExpiresWithin(Duration.ofHours(3), NOW));
    assertFalse(c.accessExpiresWithin(Duration.ofMinutes(5), NOW));
    assertFalse("never expires", Credentials.ofToken("t").isAccessExpiredAt(Instant.MAX));
    assertTrue(
        "no access token yet",
        Credentials.ofSecrets(Map.of("appSecret", "s")).isAccessExpiredAt(NOW));
  }

  @Test
  public void collectionsAreCopiedAndAttributesMerge() {
    Credentials c = full();
    assertThrows(UnsupportedOperationException.class, () -> c.scopes().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> c.secrets().put("x", "y"));
    Credentials more = c.withAttributes(Map.of("handle", "me.bsky.social"));
    assertEquals("did:plc:abc", more.attributes().get("did"));
    assertEquals("me.bsky.social", more.attributes().get("handle"));
    assertEquals("APP-secret-value-3", more.secret("appSecret"));
    assertNull(more.secret("missing"));
    assertTrue(c.hasRefreshToken());
    assertFalse(Credentials.ofToken("t").hasRefreshToken());
  }

  @Test
  public void channelContextInvariants() {
    Credentials c = Credentials.ofToken("t");
    assertThrows(IllegalArgumentException.class, () -> new ChannelContext(null, "c", "a", c, null));
    assertThrows(IllegalArgumentException.class, () -> new ChannelContext("w", " ", "a", c, null));
    assertThrows(IllegalArgumentException.class, () -> new ChannelContext("w", "c", "", c, null));
    assertThrows(
        IllegalArgumentException.class, () -> new ChannelContext("w", "c", "a", null, null));
    ChannelContext ctx =
        new ChannelContext("w", "c", "a", c, Map.of("baseUrl", "http://localhost"));
    assertEquals("http://localhost", ctx.setting("baseUrl"));
    Credentials other = Credentials.ofToken("u");
    assertEquals(other, ctx.withCredentials(other).credentials());
    assertEquals("c", ctx.withCredentials(other).channelId());
  }
}
