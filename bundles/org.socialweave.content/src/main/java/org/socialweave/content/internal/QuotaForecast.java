package org.socialweave.content.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
