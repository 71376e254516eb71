package org.socialweave.content.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_post_engagement}: a published variant's metrics as last read. */
@Entity
@Table(name = "sw_post_engagement")
public class EngagementEntity {
  @Id
  @Column(name = "variant_id")
  public String variantId;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "channel_id")
  public String channelId;

  public String network;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(name = "fetched_at")
  public Instant fetchedAt;

  public Long impressions;
  public Long engagements;
  public Long followers;

  @Column(name = "engagement_rate")
  public Double engagementRate;

  public String failure;
}
