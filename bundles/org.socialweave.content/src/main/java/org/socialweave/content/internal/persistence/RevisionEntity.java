package org.socialweave.content.internal.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code sw_post_revision}: a post's content at one revision, as JSON. */
@Entity
@Table(name = "sw_post_revision")
@IdClass(RevisionEntity.Key.class)
public class RevisionEntity {
  @Id
  @Column(name = "post_id")
  public String postId;

  @Id public int revision;

  public String content;
  public String author;

  @Column(name = "created_at")
  public Instant createdAt;

  /** The composite key (post, revision). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String postId;
    public int revision;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.revision == revision && Objects.equals(k.postId, postId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(postId, revision);
    }
  }
}
