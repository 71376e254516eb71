package org.socialweave.channels.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.socialweave.api.connector.WebhookVerdict.Outcome;
import org.socialweave.api.health.HealthIndicator;

/**
 * Counts inbound webhooks per network and verdict since the node started, so forged and replayed
 * calls are visible in {@code /api/v1/health} rather than only in the log.
 */
@Component(service = {WebhookCounters.class, HealthIndicator.class})
public class WebhookCounters implements HealthIndicator {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void count(String network, Outcome outcome) {
    counts.computeIfAbsent(network + " " + outcome, key -> new AtomicLong()).incrementAndGet();
  }

  /** How many calls of {@code network} got {@code outcome}. */
  long total(String network, Outcome outcome) {
    AtomicLong count = counts.get(network + " " + outcome);
    return count == null ? 0 : count.get();
  }

  @Override
  public String name() {
    return "webhooks";
  }

  /** Always up: a forged call is the caller's problem, not the node's; the figures tell. */
  @Override
  public HealthStatus check() {
    if (counts.isEmpty()) {
      return HealthStatus.up("none received");
    }
    return HealthStatus.up(
        new TreeMap<>(counts)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().get())
                .collect(Collectors.joining(", ")));
  }
}
