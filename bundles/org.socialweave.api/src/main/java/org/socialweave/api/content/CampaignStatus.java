package org.socialweave.api.content;

/** Where a campaign stands; set by its owner, not derived from its posts. */
public enum CampaignStatus {
  PLANNED,
  ACTIVE,
  PAUSED,
  COMPLETED,
  ARCHIVED
}
