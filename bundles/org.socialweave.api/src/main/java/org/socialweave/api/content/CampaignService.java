package org.socialweave.api.content;

import java.util.Optional;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * The campaigns of a workspace. Names are unique within a workspace (ignoring case), so imports and
 * people can name a campaign by its name.
 *
 * <p>Errors: {@link org.socialweave.api.error.ValidationException} for bad input, {@link
 * org.socialweave.api.error.NotFoundException} for an unknown campaign, {@link
 * org.socialweave.api.error.ConflictException} for a name already taken or the deletion of a
 * campaign that posts still name, {@link org.socialweave.api.error.PreconditionFailedException} for
 * a stale version.
 */
public interface CampaignService {

  Campaign create(String workspaceId, CampaignDraft draft, String actor);

  Campaign get(String workspaceId, String campaignId);

  /** The campaign with this id, or else with this name (ignoring case). */
  Optional<Campaign> find(String workspaceId, String idOrName);

  /** Campaigns ordered by id, optionally of one status. */
  Page<Campaign> list(String workspaceId, CampaignStatus status, PageRequest page);

  Campaign update(
      String workspaceId,
      String campaignId,
      CampaignDraft draft,
      long expectedVersion,
      String actor);

  /** Deletes a campaign that no post names; archive it instead to keep its posts' link. */
  void delete(String workspaceId, String campaignId, String actor);
}
