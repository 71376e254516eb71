package org.socialweave.approval.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_approval_policy}. */
@Entity
@Table(name = "sw_approval_policy")
public class PolicyEntity {
  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  public boolean enabled;

  /** The stages as JSON. */
  public String stages;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
