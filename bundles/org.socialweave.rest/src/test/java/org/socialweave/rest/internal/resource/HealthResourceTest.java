package org.socialweave.rest.internal.resource;

import static org.junit.Assert.assertEquals;

import javax.ws.rs.core.Response;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.health.HealthIndicator;
import org.socialweave.api.health.HealthIndicator.HealthStatus;
import org.socialweave.rest.internal.FakeJaxRs;

public class HealthResourceTest {

  private final HealthResource health = new HealthResource();

  @Before
  public void installRuntime() {
    FakeJaxRs.install();
  }

  private static HealthIndicator indicator(String name, HealthStatus status) {
    return new HealthIndicator() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public HealthStatus check() {
        return status;
      }
    };
  }

  private HealthResource.Health body(Response response) {
    return (HealthResource.Health) response.getEntity();
  }

  @Test
  public void aDegradedIndicatorKeepsTheNodeInRotation() {
    health.addIndicator(indicator("database", HealthStatus.up("PostgreSQL")));
    health.addIndicator(indicator("publishing", HealthStatus.degraded("2 publish jobs overdue")));
    Response response = health.readiness();
    assertEquals(200, response.getStatus());
    assertEquals("DEGRADED", body(response).status());
    assertEquals("DEGRADED", body(response).checks().get(1).status());
  }

  @Test
  public void aDownIndicatorTakesTheNodeOut() {
    health.addIndicator(indicator("publishing", HealthStatus.degraded("late")));
    health.addIndicator(indicator("database", HealthStatus.down("cannot connect")));
    Response response = health.readiness();
    assertEquals(503, response.getStatus());
    assertEquals("DOWN", body(response).status());
  }

  @Test
  public void allUpIsUp() {
    health.addIndicator(indicator("database", HealthStatus.up("H2")));
    Response response = health.readiness();
    assertEquals(200, response.getStatus());
    assertEquals("UP", body(response).status());
  }
}
