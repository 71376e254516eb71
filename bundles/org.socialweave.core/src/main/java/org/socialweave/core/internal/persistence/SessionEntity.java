package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A browser session; only the hash of the cookie value is stored. */
@Entity
@Table(name = "sw_session")
public class SessionEntity {
  @Id
  @Column(name = "id_hash")
  public String idHash;

  @Column(name = "user_id")
  public String userId;

  @Column(name = "csrf_token")
  public String csrfToken;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;
}
