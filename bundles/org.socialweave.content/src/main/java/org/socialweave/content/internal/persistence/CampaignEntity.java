package org.socialweave.content.internal.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_campaign}; see {@link org.socialweave.api.content.Campaign}. */
@Entity
@Table(name = "sw_campaign")
public class CampaignEntity {
  @Id public String id;

  @Column(name = "workspace_id")
  public String workspaceId;

  public String name;

  @Column(name = "name_key")
  public String nameKey;

  public String objective;
  public String kpi;

  @Column(name = "target_value")
  public BigDecimal targetValue;

  @Column(name = "starts_on")
  public LocalDate startsOn;

  public LocalDate deadline;

  @Column(name = "owner_id")
  public String ownerId;

  /** A JSON array of channel ids. */
  @Column(name = "channel_ids")
  public String channelIds;

  /** A JSON array of tags. */
  public String tags;

  public String status;

  @Column(name = "budget_id")
  public String budgetId;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
