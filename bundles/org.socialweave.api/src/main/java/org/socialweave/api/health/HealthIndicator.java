package org.socialweave.api.health;

/**
 * Reports whether one dependency of the node works. Registered as a service; {@code /api/v1/health}
 * and {@code socialweave:status} collect every indicator.
 */
public interface HealthIndicator {

  String name();

  /** Must answer quickly and never throw. */
  HealthStatus check();

  record HealthStatus(boolean up, String detail) {
    public static HealthStatus up(String detail) {
      return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
      return new HealthStatus(false, detail);
    }
  }
}
