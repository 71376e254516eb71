package org.socialweave.notify.internal.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_notify_preference}. */
@Entity
@Table(name = "sw_notify_preference")
@IdClass(PreferenceEntity.Key.class)
public class PreferenceEntity {
  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  /** A member's id, or {@code *} for the workspace's default. */
  @Id
  @Column(name = "user_id")
  public String userId;

  /** Channel names, comma-separated; empty means none (notifications off). */
  public String channels;

  public String locale;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String workspaceId;
    public String userId;

    public Key() {}

    public Key(String workspaceId, String userId) {
      this.workspaceId = workspaceId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(workspaceId, k.workspaceId)
          && Objects.equals(userId, k.userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(workspaceId, userId);
    }
  }
}
