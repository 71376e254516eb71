package org.socialweave.approval.internal.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;
import javax.persistence.Version;

/** A row of {@code sw_approval_campaign_policy}. */
@Entity
@Table(name = "sw_approval_campaign_policy")
@IdClass(CampaignPolicyEntity.Key.class)
public class CampaignPolicyEntity {
  @Id
  @Column(name = "workspace_id")
  public String workspaceId;

  @Id
  @Column(name = "campaign_id")
  public String campaignId;

  public boolean enabled;

  /** The stages as JSON. */
  public String stages;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    public String workspaceId;
    public String campaignId;

    public Key() {}

    public Key(String workspaceId, String campaignId) {
      this.workspaceId = workspaceId;
      this.campaignId = campaignId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(workspaceId, k.workspaceId)
          && Objects.equals(campaignId, k.campaignId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(workspaceId, campaignId);
    }
  }
}
