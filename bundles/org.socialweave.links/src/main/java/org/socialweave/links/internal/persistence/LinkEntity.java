package org.socialweave.links.internal.persistence;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_link}; see {@link org.socialweave.api.links.ShortLink}. Never updated. */
@Entity
@Table(name = "sw_link")
public class LinkEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String code;

  /** The destination with the UTM parameters applied. */
  public String target;

  @Column(name = "utm_source")
  public String utmSource;

  @Column(name = "utm_medium")
  public String utmMedium;

  @Column(name = "utm_campaign")
  public String utmCampaign;

  @Column(name = "utm_term")
  public String utmTerm;

  @Column(name = "utm_content")
  public String utmContent;

  @Column(name = "campaign_id")
  public String campaignId;

  @Column(name = "post_id")
  public String postId;

  @Column(name = "variant_id")
  public String variantId;

  @Column(name = "channel_id")
  public String channelId;

  @Column(name = "identity_hash")
  public String identityHash;

  @Column(name = "created_at")
  public Instant createdAt;
}
