package org.socialweave.content.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.connector.Operation;
import org.socialweave.api.connector.RateLimit;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.QuotaWarning;

/**
 * Where the calendar exceeds a network's publishing quotas ({@link RateLimit.Kind#QUOTA} limits
 * that count posts), from the connectors' {@link NetworkDescriptor#rateLimits()}: rolling windows
 * (X's posts per 24 hours) are checked at every post's time, calendar-day quotas (WeChat's, at
 * midnight in their zone) day by day. Posts that are scheduled, being sent or sent all count.
 */
public final class QuotaForecast {

  private QuotaForecast() {}

  /** One post on one channel, at its time. */
  private record Slot(String channelId, String network, Instant at) {}

  public static List<QuotaWarning> of(
      List<Post> calendar, Function<String, Optional<NetworkDescriptor>> networks) {
    List<Slot> slots = new ArrayList<>();
    for (Post post : calendar) {
      for (PostVariant v : post.variants()) {
        Instant at = v.publishedAt() != null ? v.publishedAt() : v.scheduledAt();
        if (at != null && counts(v.status())) {
          slots.add(new Slot(v.channelId(), v.network(), at));
        }
      }
    }
    List<QuotaWarning> warnings = new ArrayList<>();
    Map<String, List<Slot>> byNetwork =
        slots.stream()
            .collect(Collectors.groupingBy(Slot::network, TreeMap::new, Collectors.toList()));
    byNetwork.forEach(
        (network, ofNetwork) -> {
          for (RateLimit limit :
              networks.apply(network).map(NetworkDescriptor::rateLimits).orElse(List.of())) {
            if (limit.kind() != RateLimit.Kind.QUOTA || !limit.appliesTo(Operation.PUBLISH_TEXT)) {
              continue;
            }
            Map<String, List<Slot>> groups =
                limit.scope() == RateLimit.Scope.APP
                    ? Map.of("", ofNetwork)
                    : ofNetwork.stream()
                        .collect(
                            Collectors.groupingBy(
                                Slot::channelId, TreeMap::new, Collectors.toList()));
            groups.forEach(
                (channel, group) ->
                    check(channel.isEmpty() ? null : channel, network, limit, group, warnings));
          }
        });
    warnings.sort(Comparator.comparing(QuotaWarning::from));
    return warnings;
  }

  /**
   * The warnings of {@link #of} whose window overlaps {@code [from, to)}. Give a calendar read
   * {@link #reach} beyond the range on both sides: a window that starts before the range (or ends
   * after it) then counts the posts it holds out there too.
   */
  public static List<QuotaWarning> overlapping(
      List<Post> calendar,
      Function<String, Optional<NetworkDescriptor>> networks,
      Instant from,
      Instant to) {
    return of(calendar, networks).stream()
        .filter(w -> w.from().isBefore(to) && w.to().isAfter(from))
        .toList();
  }

  /**
   * How far outside a range the calendar must be read for every quota window that overlaps the
   * range to see all its posts: the widest quota window of {@code networks}, plus a day because
   * calendar-day windows start at midnight in a zone of their own.
   */
  public static Duration reach(Collection<NetworkDescriptor> networks) {
    return networks.stream()
        .flatMap(n -> n.rateLimits().stream())
        .filter(l -> l.kind() == RateLimit.Kind.QUOTA)
        .map(RateLimit::window)
        .max(Comparator.naturalOrder())
        .orElse(Duration.ZERO)
        .plus(Duration.ofDays(1));
  }

  /**
   * The name of the first publishing quota of {@code network} that one more post at {@code
   * candidate} would exceed, counted as {@link #of} counts, or empty when the post fits.
   *
   * @param channelTimes when the channel's counted posts are due (for per-account quotas)
   * @param networkTimes when every counted post of the network is due (for per-app quotas)
   */
  public static Optional<String> exceededBy(
      NetworkDescriptor network,
      List<Instant> channelTimes,
      List<Instant> networkTimes,
      Instant candidate) {
    for (RateLimit limit : network.rateLimits()) {
      if (limit.kind() != RateLimit.Kind.QUOTA || !limit.appliesTo(Operation.PUBLISH_TEXT)) {
        continue;
      }
      List<Instant> times = limit.scope() == RateLimit.Scope.APP ? networkTimes : channelTimes;
      if (maxCountWith(limit, times, candidate) > limit.limit()) {
        return Optional.of(limit.name());
      }
    }
    return Optional.empty();
  }

  /** The most posts any window of {@code limit} that holds {@code candidate} would count. */
  private static long maxCountWith(RateLimit limit, List<Instant> times, Instant candidate) {
    if (limit.calendarZone() != null) {
      long days = Math.max(1, limit.window().toDays());
      long window =
          Math.floorDiv(candidate.atZone(limit.calendarZone()).toLocalDate().toEpochDay(), days);
      return 1
          + times.stream()
              .filter(
                  t ->
                      Math.floorDiv(t.atZone(limit.calendarZone()).toLocalDate().toEpochDay(), days)
                          == window)
              .count();
    }
    // Rolling windows start at a post's time (as in check): those that start at or before the
    // candidate and still hold it.
    Duration window = limit.window();
    long most = 0;
    List<Instant> starts = new ArrayList<>(List.of(candidate));
    times.stream()
        .filter(t -> !t.isAfter(candidate) && t.plus(window).isAfter(candidate))
        .forEach(starts::add);
    for (Instant from : starts) {
      Instant to = from.plus(window);
      long inside = times.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
      most = Math.max(most, inside + 1);
    }
    return most;
  }

  private static boolean counts(DeliveryStatus status) {
    return status == DeliveryStatus.SCHEDULED
        || status == DeliveryStatus.PUBLISHING
        || status == DeliveryStatus.PUBLISHED;
  }

  private static void check(
      String channelId, String network, RateLimit limit, List<Slot> group, List<QuotaWarning> out) {
    List<Instant> times = group.stream().map(Slot::at).sorted().toList();
    if (limit.calendarZone() != null) {
      long days = Math.max(1, limit.window().toDays());
      Map<Long, Long> perWindow = new TreeMap<>();
      for (Instant t : times) {
        long day = t.atZone(limit.calendarZone()).toLocalDate().toEpochDay();
        perWindow.merge(Math.floorDiv(day, days), 1L, Long::sum);
      }
      perWindow.forEach(
          (window, count) -> {
            if (count > limit.limit()) {
              LocalDate first = LocalDate.ofEpochDay(window * days);
              out.add(
                  new QuotaWarning(
                      channelId,
                      network,
                      limit.name(),
                      first.atStartOfDay(limit.calendarZone()).toInstant(),
                      first.plusDays(days).atStartOfDay(limit.calendarZone()).toInstant(),
                      count,
                      limit.limit()));
            }
          });
      return;
    }
    Duration window = limit.window();
    Instant warnedUntil = Instant.MIN;
    int end = 0;
    for (int start = 0; start < times.size(); start++) {
      Instant from = times.get(start);
      Instant to = from.plus(window);
      end = Math.max(end, start);
      while (end < times.size() && times.get(end).isBefore(to)) {
        end++;
      }
      long count = end - start;
      if (count > limit.limit() && !from.isBefore(warnedUntil)) {
        out.add(new QuotaWarning(channelId, network, limit.name(), from, to, count, limit.limit()));
        warnedUntil = to;
      }
    }
  }
}
