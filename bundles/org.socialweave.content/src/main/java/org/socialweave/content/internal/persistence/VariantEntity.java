package org.socialweave.content.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A row of {@code sw_post_variant}: one target channel of a post. */
@Entity
@Table(name = "sw_post_variant")
public class VariantEntity {
  @Id public String id;

  @Column(name = "post_id")
  public String postId;

  @Column(name = "workspace_id")
  public String workspaceId;

  @Column(name = "channel_id")
  public String channelId;

  public String network;

  /** The text written for this channel, or {@code null} when the master copy is adapted. */
  @Column(name = "custom_text")
  public String customText;

  public int position;

  /** JSON array of media asset ids in place of the master's, or {@code null} for the master's. */
  public String media;

  /** JSON array of handles mentioned on this channel, or {@code null}. */
  public String mentions;

  /** JSON object: each link of the text to its tracked short link, or {@code null}. */
  @Column(name = "short_links")
  public String shortLinks;
}
