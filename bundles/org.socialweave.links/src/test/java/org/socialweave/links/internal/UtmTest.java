package org.socialweave.links.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.net.URI;
import org.junit.Test;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.Utm;

/** {@link Utm#applyTo}: merging into existing queries, encoding, fragments. */
public class UtmTest {

  private static final Utm WEIBO =
      Utm.builder().source("weibo").medium("social").campaign("spring sale").build();

  @Test
  public void parametersAreAppendedInOrderWithSpacesAsPercent20() {
    assertEquals(
        URI.create(
            "https://shop.example/p/1?utm_source=weibo&utm_medium=social&utm_campaign=spring%20sale"),
        WEIBO.applyTo(URI.create("https://shop.example/p/1")));
  }

  @Test
  public void existingParametersStayAsTheyWereAndTheFragmentStaysLast() {
    assertEquals(
        URI.create(
            "https://shop.example/p?id=7&q=a%2Bb&x&utm_source=weibo&utm_medium=social"
                + "&utm_campaign=spring%20sale#reviews"),
        WEIBO.applyTo(URI.create("https://shop.example/p?id=7&q=a%2Bb&x#reviews")));
  }

  @Test
  public void aUtmParameterAlreadyThereIsReplacedNotDuplicated() {
    URI once = WEIBO.applyTo(URI.create("https://shop.example/?utm_source=old&a=1&utm_medium=x"));
    assertEquals(
        URI.create(
            "https://shop.example/?a=1&utm_source=weibo&utm_medium=social"
                + "&utm_campaign=spring%20sale"),
        once);
    assertEquals("applying twice changes nothing", once, WEIBO.applyTo(once));
    // The same name percent-encoded is the same parameter.
    assertEquals(
        URI.create("https://shop.example/?utm_source=weibo"),
        Utm.builder()
            .source("weibo")
            .build()
            .applyTo(URI.create("https://shop.example/?utm%5Fsource=old")));
  }

  @Test
  public void parametersWeDoNotSetAreKept() {
    assertEquals(
        URI.create("https://shop.example/?utm_term=shoes&utm_source=wechat"),
        Utm.builder()
            .source("wechat")
            .build()
            .applyTo(URI.create("https://shop.example/?utm_term=shoes")));
  }

  @Test
  public void reservedAndNonAsciiCharactersAreEncodedAsUtf8() {
    URI uri =
        Utm.builder()
            .campaign("春节 & sale=50%+")
            .content("#1/2?")
            .build()
            .applyTo(URI.create("https://shop.example"));
    assertEquals(
        "https://shop.example?utm_campaign=%E6%98%A5%E8%8A%82%20%26%20sale%3D50%25%2B"
            + "&utm_content=%231%2F2%3F",
        uri.toString());
    assertEquals("utm_campaign=春节 & sale=50%+&utm_content=#1/2?", uri.getQuery());
  }

  @Test
  public void noParametersLeaveTheUriAlone() {
    URI uri = URI.create("https://shop.example/a?b=c#d");
    assertSame(uri, Utm.NONE.applyTo(uri));
    assertSame(uri, Utm.builder().source("  ").build().applyTo(uri));
  }

  @Test
  public void valuesAreStrippedAndChecked() {
    assertEquals("weibo", Utm.builder().source("  weibo ").build().source());
    assertEquals(
        "utm.campaign",
        assertThrows(
                ValidationException.class, () -> Utm.builder().campaign("x".repeat(201)).build())
            .field());
    assertEquals(
        "utm.source",
        assertThrows(ValidationException.class, () -> Utm.builder().source("a\nb").build())
            .field());
  }
}
