package org.socialweave.content.internal;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.socialweave.api.content.BestTimeSlot;

/**
 * General posting times per network, for channels with too little history of their own: the hours
 * the industry's published studies keep naming (weekday mornings and lunch for X, Bluesky and
 * Mastodon; lunch and the evening for Weibo; the evening read for WeChat articles). They are
 * advice, not evidence, and are answered as such.
 */
final class NetworkDefaults {

  private static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.MONDAY,
          DayOfWeek.FRIDAY);
  private static final List<DayOfWeek> EVERY_DAY =
      List.of(
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.FRIDAY,
          DayOfWeek.MONDAY,
          DayOfWeek.SATURDAY,
          DayOfWeek.SUNDAY);

  private record Advice(List<DayOfWeek> days, List<Integer> hours) {}

  private static final Advice GENERAL = new Advice(WEEKDAYS, List.of(9, 12, 17));

  private static final Map<String, Advice> BY_NETWORK =
      Map.of(
          "x", new Advice(WEEKDAYS, List.of(9, 12, 17)),
          "bluesky", new Advice(WEEKDAYS, List.of(9, 13, 18)),
          "mastodon", new Advice(WEEKDAYS, List.of(9, 13, 18)),
          "weibo", new Advice(EVERY_DAY, List.of(12, 20, 21)),
          "wechat", new Advice(EVERY_DAY, List.of(20, 21, 7)),
          "telegram", new Advice(EVERY_DAY, List.of(9, 19)));

  private NetworkDefaults() {}

  /** The network's general times, best first, hour by hour across the days. */
  static List<BestTimeSlot> of(String network, int limit) {
    Advice advice = BY_NETWORK.getOrDefault(network, GENERAL);
    List<BestTimeSlot> out = new ArrayList<>();
    for (int hour : advice.hours()) {
      for (DayOfWeek day : advice.days()) {
        if (out.size() == limit) {
          return out;
        }
        out.add(new BestTimeSlot(day, hour, 0, null));
      }
    }
    return out;
  }

  static boolean known(String network) {
    return BY_NETWORK.containsKey(network);
  }
}
