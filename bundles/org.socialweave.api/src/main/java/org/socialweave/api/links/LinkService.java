package org.socialweave.api.links;

import java.net.URI;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * Tracked short links of a workspace. {@code workspaceId} may also be the workspace's slug.
 *
 * <p>Errors: {@code ValidationException} for a bad target or UTM value, {@code NotFoundException}
 * for an unknown workspace or link.
 */
public interface LinkService {

  /**
   * The short link to {@code target} with {@code utm} applied. Idempotent: the same workspace,
   * target, UTM and attribution always give the same link (same code), so adapting a variant again
   * mints nothing new.
   *
   * @param target an absolute {@code http} or {@code https} URI
   * @param utm the UTM parameters to merge into the target's query, or {@link Utm#NONE}
   * @param attribution what the clicks count for, or {@link LinkAttribution#NONE}
   */
  ShortLink shorten(String workspaceId, URI target, Utm utm, LinkAttribution attribution);

  ShortLink get(String workspaceId, String linkId);

  /** The workspace's links, oldest first. */
  Page<ShortLink> list(String workspaceId, PageRequest page);

  /**
   * Human and bot clicks on the workspace's links, in total and per link, post, channel, campaign.
   */
  ClickStats clicks(String workspaceId, ClickQuery query);
}
