package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_snippet}; see {@link org.socialweave.api.content.Snippet}. */
@Entity
@Table(name = "sw_snippet")
public class SnippetEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;
  public String body;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
