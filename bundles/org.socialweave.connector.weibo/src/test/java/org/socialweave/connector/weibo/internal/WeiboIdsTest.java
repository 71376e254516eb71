package org.socialweave.connector.weibo.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import org.junit.Test;

public class WeiboIdsTest {

  @Test
  public void base62MatchesWeibosOwnAddresses() {
    // Pairs of id and mblogid as Weibo's web API answers them for real statuses.
    assertEquals("K3fnuEfZK", WeiboIds.toBase62("4607741009594608"));
    assertEquals("MzVRA2E8G", WeiboIds.toBase62("4885639100630954"));
  }

  @Test
  public void innerGroupsArePaddedToFourCharacters() {
    assertEquals("N00000001", WeiboIds.toBase62("4900000000000001"));
    assertEquals("1", WeiboIds.toBase62("1"));
    assertEquals("1000a", WeiboIds.toBase62("10000010"));
  }

  @Test
  public void statusUrlIsUidThenBase62() {
    assertEquals(
        URI.create("https://weibo.com/1645372340/K3fnuEfZK"),
        WeiboIds.statusUrl("1645372340", "4607741009594608"));
  }

  @Test
  public void idsAreUnsignedDecimals() {
    assertTrue(WeiboIds.isId("3504803600502730"));
    assertFalse(WeiboIds.isId("0123"));
    assertFalse(WeiboIds.isId("-1"));
    assertFalse(WeiboIds.isId("12a"));
    assertFalse(WeiboIds.isId(null));
    assertFalse(WeiboIds.isId("12345678901234567890"));
  }
}
