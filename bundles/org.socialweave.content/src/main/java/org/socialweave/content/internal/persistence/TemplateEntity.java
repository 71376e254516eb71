package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_template}; see {@link org.socialweave.api.content.Template}. */
@Entity
@Table(name = "sw_template")
public class TemplateEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  @Column(name = "name_key")
  public String nameKey;

  public String body;
  public String title;
  public String link;

  /** A JSON array of channel ids. */
  @Column(name = "channel_ids")
  public String channelIds;

  /** A JSON array of tags. */
  public String tags;

  @Column(name = "campaign_id")
  public String campaignId;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
