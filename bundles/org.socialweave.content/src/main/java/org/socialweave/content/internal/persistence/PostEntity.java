package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_post}; see {@link org.socialweave.api.content.Post}. */
@Entity
@Table(name = "sw_post")
public class PostEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "campaign_id")
  public String campaignId;

  public String body;
  public String title;
  public String link;

  @Column(name = "time_zone")
  public String timeZone;

  @Column(name = "scheduled_at")
  public Instant scheduledAt;

  public int revision;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  /** JSON array of the master copy's media asset ids, or {@code null} for none. */
  public String media;

  /** JSON array of hashtags without their sign, or {@code null} for none. */
  public String tags;

  @Column(name = "utm_campaign")
  public String utmCampaign;

  /** A paid or KOL/KOC post, which must carry an advertising label. */
  public boolean sponsored;
}
