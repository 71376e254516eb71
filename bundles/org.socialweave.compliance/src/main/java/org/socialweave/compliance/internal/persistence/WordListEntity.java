package org.socialweave.compliance.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_word_list}; see {@link org.socialweave.api.compliance.WordList}. */
@Entity
@Table(name = "sw_word_list")
public class WordListEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  public String severity;

  @Column(name = "word_count")
  public int wordCount;

  /** The words, one per line, sorted, without duplicates. */
  public String words;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
