package org.socialweave.content.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.socialweave.api.content.BestTimeSlot;

/**
 * The weekday x hour table of a channel's engagement: each published post counts in the cell of its
 * publishing time in the channel's zone; a cell with fewer than the minimum sample is no evidence.
 */
final class BestTimeTable {

  /** One measured post. */
  record Sample(Instant publishedAt, double engagementRate) {}

  private BestTimeTable() {}

  /** The cells with at least {@code minSamples} posts, best median first, at most {@code limit}. */
  static List<BestTimeSlot> best(List<Sample> samples, ZoneId zone, int minSamples, int limit) {
    Map<Integer, List<Double>> cells = new TreeMap<>();
    for (Sample s : samples) {
      ZonedDateTime local = s.publishedAt().atZone(zone);
      int cell = (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
      cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(s.engagementRate());
    }
    List<BestTimeSlot> out = new ArrayList<>();
    cells.forEach(
        (cell, rates) -> {
          if (rates.size() >= minSamples) {
            out.add(
                new BestTimeSlot(
                    DayOfWeek.of(cell / 24 + 1), cell % 24, rates.size(), median(rates)));
          }
        });
    out.sort(
        Comparator.comparing(BestTimeSlot::medianEngagementRate)
            .reversed()
            .thenComparing(Comparator.comparingInt(BestTimeSlot::samples).reversed())
            .thenComparing(BestTimeSlot::day)
            .thenComparingInt(BestTimeSlot::hour));
    return out.subList(0, Math.min(limit, out.size()));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
