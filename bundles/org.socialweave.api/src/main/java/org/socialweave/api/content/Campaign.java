package org.socialweave.api.content;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A campaign of a workspace; posts name it by {@link Post#campaignId()}. See {@link CampaignDraft}
 * for the fields.
 *
 * @param version increases with every change, for {@code ETag}/{@code If-Match}
 */
public record Campaign(
    String id,
    String workspaceId,
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
    String budgetId,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Campaign {
    channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
