package org.socialweave.api.content;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A campaign as its owner writes it: a SMART goal (objective, KPI, target value, deadline) and the
 * channels it runs on.
 *
 * @param objective what the campaign is for, in words
 * @param targetValue the KPI's target, positive (a percentage for {@link Kpi#ENGAGEMENT_RATE})
 * @param startsOn the first day, in the workspace's time zone, or {@code null}
 * @param deadline the last day the goal counts, in the workspace's time zone, not before {@code
 *     startsOn}
 * @param ownerId the user responsible, or {@code null} for the creator
 * @param channelIds channels of the workspace the campaign runs on; may be empty
 * @param status {@code null} for {@link CampaignStatus#PLANNED}
 * @param budgetId a budget record, for the budget module to come; or {@code null}
 */
public record CampaignDraft(
    String name,
    String objective,
    Kpi kpi,
    BigDecimal targetValue,
    LocalDate startsOn,
    LocalDate deadline,
    String ownerId,
    List<String> channelIds,
    List<String> tags,
    CampaignStatus status,
    String budgetId) {

  public CampaignDraft {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
