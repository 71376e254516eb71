package org.socialweave.approval.internal.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/**
 * A row of {@code sw_approval_reminder}: one reminder of one stage at one threshold, or the mark
 * that the stage's external reviewers were invited (threshold {@code invited}).
 */
@Entity
@Table(name = "sw_approval_reminder")
@IdClass(ReminderEntity.Key.class)
public class ReminderEntity {
  @Id
  @Column(name = "request_id")
  public String requestId;

  @Id public int stage;

  @Id public String threshold;

  @Column(name = "sent_at")
  public Instant sentAt;

  public int recipients;

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String requestId;
    public int stage;
    public String threshold;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && stage == k.stage
          && Objects.equals(requestId, k.requestId)
          && Objects.equals(threshold, k.threshold);
    }

    @Override
    public int hashCode() {
      return Objects.hash(requestId, stage, threshold);
    }
  }
}
