package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "sw_idempotency")
public class IdempotencyEntity {
  @Id
  @Column(name = "scope_key")
  public String scopeKey;

  @Column(name = "request_hash")
  public String requestHash;

  public int status;
  public String location;
  public String body;

  @Column(name = "created_at")
  public Instant createdAt;
}
