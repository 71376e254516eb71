package org.socialweave.core.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

@Entity
@Table(name = "sw_secret")
public class SecretEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  /** {@code v1:} + base64(IV || AES-GCM ciphertext and tag). */
  public String ciphertext;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
