package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;
import org.socialweave.api.connector.MediaRules;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.connector.TextCounting;
import org.socialweave.api.connector.TextLimit;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.QuotaWarning;

/** The quota forecast over rolling and calendar-day windows. */
public class QuotaForecastTest {

  private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");

  private static NetworkDescriptor network(String id, RateLimit... limits) {
    return new NetworkDescriptor(
        id,
        id,
        id,
        TextLimit.of(280, TextCounting.CODE_POINTS),
        null,
        MediaRules.NONE,
        List.of(limits),
        Set.of(Operation.PUBLISH_TEXT));
  }

  private static Post post(String channel, String network, Instant at, DeliveryStatus status) {
    PostVariant v =
        new PostVariant(
            "v" + at.toEpochMilli(),
            channel,
            network,
            "t",
            false,
            1,
            280,
            List.of(),
            status,
            at,
            0,
            null,
            null,
            null,
            null,
            List.of(),
            false,
            List.of(),
            Map.of());
    return new Post(
        "p" + at.toEpochMilli(),
        "ws",
        null,
        "t",
        null,
        null,
        "UTC",
        at,
        PostStatus.SCHEDULED,
        1,
        List.of(v),
        "e",
        at,
        at,
        1,
        List.of(),
        List.of(),
        null,
        false);
  }

  @Test
  public void aRollingQuotaWarnsOnceForTheWindowThatOverflows() {
    NetworkDescriptor x =
        network("x", RateLimit.quota("posts-24h", RateLimit.Scope.ACCOUNT, 3, Duration.ofDays(1)));
    List<Post> calendar = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calendar.add(post("a", "x", T0.plus(Duration.ofHours(i)), DeliveryStatus.SCHEDULED));
    }
    // Another channel's posts and a cancelled one do not count for channel a.
    calendar.add(post("b", "x", T0, DeliveryStatus.SCHEDULED));
    calendar.add(post("a", "x", T0.plusSeconds(1), DeliveryStatus.CANCELLED));
    List<QuotaWarning> warnings = QuotaForecast.of(calendar, n -> Optional.of(x));
    assertEquals(1, warnings.size());
    QuotaWarning w = warnings.get(0);
    assertEquals("a", w.channelId());
    assertEquals(5, w.scheduled());
    assertEquals(3, w.allowed());
    assertEquals(T0, w.from());
    assertEquals(T0.plus(Duration.ofDays(1)), w.to());
    // Spread over two days, the same posts fit.
    List<Post> spread = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      spread.add(post("a", "x", T0.plus(Duration.ofHours(10L * i)), DeliveryStatus.SCHEDULED));
    }
    assertTrue(QuotaForecast.of(spread, n -> Optional.of(x)).isEmpty());
  }

  @Test
  public void aCalendarDayQuotaCountsDaysInItsZoneAndAcrossTheApp() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    NetworkDescriptor wechat =
        network("wechat", RateLimit.dailyQuota("publish-day", RateLimit.Scope.APP, 1, shanghai));
    // 15:30 and 16:30 UTC on Dec 8 are Dec 8 23:30 and Dec 9 00:30 in Shanghai: two days.
    Instant lateDay1 = Instant.parse("2026-12-08T15:30:00Z");
    Instant earlyDay2 = Instant.parse("2026-12-08T16:30:00Z");
    List<Post> calendar =
        List.of(
            post("a", "wechat", lateDay1, DeliveryStatus.PUBLISHED),
            post("b", "wechat", earlyDay2, DeliveryStatus.SCHEDULED));
    assertTrue(QuotaForecast.of(calendar, n -> Optional.of(wechat)).isEmpty());
    List<Post> sameDay =
        List.of(
            post("a", "wechat", earlyDay2, DeliveryStatus.SCHEDULED),
            post("b", "wechat", earlyDay2.plusSeconds(60), DeliveryStatus.SCHEDULED));
    List<QuotaWarning> warnings = QuotaForecast.of(sameDay, n -> Optional.of(wechat));
    assertEquals(1, warnings.size());
    assertNull(warnings.get(0).channelId());
    assertEquals(Instant.parse("2026-12-08T16:00:00Z"), warnings.get(0).from());
    assertEquals(2, warnings.get(0).scheduled());
  }

  @Test
  public void aWindowThatStartsBeforeTheRangeCountsThePostsBeforeIt() {
    NetworkDescriptor x =
        network("x", RateLimit.quota("posts-24h", RateLimit.Scope.ACCOUNT, 3, Duration.ofDays(1)));
    List<Post> calendar = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calendar.add(post("a", "x", T0.plus(Duration.ofHours(i)), DeliveryStatus.SCHEDULED));
    }
    Instant from = T0.plus(Duration.ofHours(3));
    Instant to = T0.plus(Duration.ofHours(10));
    // The range alone holds two posts, which fit; the network counts the window from T0.
    List<Post> inRange = calendar.stream().filter(p -> !p.scheduledAt().isBefore(from)).toList();
    assertTrue(QuotaForecast.of(inRange, n -> Optional.of(x)).isEmpty());
    List<QuotaWarning> warnings =
        QuotaForecast.overlapping(calendar, n -> Optional.of(x), from, to);
    assertEquals(1, warnings.size());
    assertEquals(T0, warnings.get(0).from());
    assertEquals(5, warnings.get(0).scheduled());
    assertEquals(3, warnings.get(0).allowed());
    // A window that ends before the range is not the range's.
    assertTrue(
        QuotaForecast.overlapping(
                calendar,
                n -> Optional.of(x),
                T0.plus(Duration.ofHours(30)),
                T0.plus(Duration.ofDays(2)))
            .isEmpty());
  }

  @Test
  public void theReachIsTheWidestQuotaWindowAndADayForCalendarDays() {
    NetworkDescriptor rolling =
        network("x", RateLimit.quota("posts-24h", RateLimit.Scope.ACCOUNT, 3, Duration.ofDays(1)));
    NetworkDescriptor weekly =
        network(
            "w",
            RateLimit.quota("posts-week", RateLimit.Scope.APP, 30, Duration.ofDays(7)),
            RateLimit.rate("calls-30d", RateLimit.Scope.APP, 5, Duration.ofDays(30)));
    assertEquals(Duration.ofDays(8), QuotaForecast.reach(List.of(rolling, weekly)));
    assertEquals(Duration.ofDays(2), QuotaForecast.reach(List.of(rolling)));
    assertEquals(Duration.ofDays(1), QuotaForecast.reach(List.of()));
  }
}
