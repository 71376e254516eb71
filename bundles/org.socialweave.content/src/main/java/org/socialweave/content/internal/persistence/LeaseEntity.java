package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A row of {@code sw_content_lease}: who runs a piece of periodic work in this period, and until
 * when; see {@link org.socialweave.content.internal.PeriodLease}.
 */
@Entity
@Table(name = "sw_content_lease")
public class LeaseEntity {
  @Id public String name;

  public String owner;

  @Column(name = "claimed_at")
  public Instant claimedAt;

  @Column(name = "lease_until")
  public Instant leaseUntil;
}
