package org.socialweave.api.health;

/**
 * Reports whether one dependency of the node works. Registered as a service; {@code /api/v1/health}
 * and {@code socialweave:status} collect every indicator.
 */
public interface HealthIndicator {

  String name();

  /** Must answer quickly and never throw. */
  HealthStatus check();

  /**
   * @param up whether the node can serve; a node that is not up is taken out of rotation
   * @param degraded up, but something needs a person's attention (for example late publish jobs)
   *     that taking this node out of rotation would not fix
   */
  record HealthStatus(boolean up, boolean degraded, String detail) {

    public HealthStatus {
      degraded = up && degraded;
    }

    public HealthStatus(boolean up, String detail) {
      this(up, false, detail);
    }

    public static HealthStatus up(String detail) {
      return new HealthStatus(true, false, detail);
    }

    public static HealthStatus degraded(String detail) {
      return new HealthStatus(true, true, detail);
    }

    public static HealthStatus down(String detail) {
      return new HealthStatus(false, false, detail);
    }

    /** {@code UP}, {@code DEGRADED} or {@code DOWN}. */
    public String state() {
      return !up ? "DOWN" : degraded ? "DEGRADED" : "UP";
    }
  }
}
