package org.socialweave.content.internal.persistence;

import java.io.Serializable;
import java.util.Objects;

/** The composite key (post, revision) of the rows that belong to one revision of a post. */
public class PostRevisionKey implements Serializable {
  private static final long serialVersionUID = 1L;
  public String postId;
  public int revision;

  @Override
  public boolean equals(Object o) {
    return o instanceof PostRevisionKey k
        && k.revision == revision
        && Objects.equals(k.postId, postId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(postId, revision);
  }
}
