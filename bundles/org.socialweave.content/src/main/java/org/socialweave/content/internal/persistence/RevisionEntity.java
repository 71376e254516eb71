package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A row of {@code sw_post_revision}: a post's content at one revision, as JSON. */
@Entity
@Table(name = "sw_post_revision")
@IdClass(PostRevisionKey.class)
public class RevisionEntity {
  @Id
  @Column(name = "post_id")
  public String postId;

  @Id public int revision;

  public String content;
  public String author;

  @Column(name = "created_at")
  public Instant createdAt;
}
