package org.socialweave.compliance.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_check_run}; see {@link org.socialweave.api.compliance.CheckRun}. */
@Entity
@Table(name = "sw_check_run")
public class CheckRunEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "post_id")
  public String postId;

  public int revision;

  @Column(name = "variant_id")
  public String variantId;

  public String network;

  public String stage;

  @Column(name = "ran_at")
  public Instant ranAt;

  public String actor;

  public boolean blocked;

  @Column(name = "block_count")
  public int blockCount;

  @Column(name = "warn_count")
  public int warnCount;

  @Column(name = "info_count")
  public int infoCount;

  /**
   * JSON: the check ids, failed checks, word list versions and findings; {@link #digest} covers it.
   */
  public String body;

  public String digest;

  @Column(name = "audit_seq")
  public long auditSequence;

  @Column(name = "audit_hash")
  public String auditHash;
}
