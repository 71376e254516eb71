package org.socialweave.content.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.socialweave.api.Workspace;
import org.socialweave.api.audit.AuditEvent;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.channel.ChannelService;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.core.persistence.UnitOfWork;

/**
 * What the content module's services for workspace records (campaigns, templates, snippets) share:
 * the unit, the workspace lookup, the channel list check and the audit entry of a change.
 */
abstract class WorkspaceRecords {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,26}");

  final UnitOfWork db;
  final ChannelService channels;
  final AuditLog audit;
  final Clock clock;
  private final Function<String, Optional<Workspace>> workspaces;

  WorkspaceRecords(
      UnitOfWork db,
      ChannelService channels,
      Function<String, Optional<Workspace>> workspaces,
      AuditLog audit,
      Clock clock) {
    this.db = db;
    this.channels = channels;
    this.workspaces = workspaces;
    this.audit = audit;
    this.clock = clock;
  }

  final Workspace workspace(String idOrSlug) {
    return workspaces
        .apply(idOrSlug)
        .orElseThrow(() -> new NotFoundException("workspace", idOrSlug));
  }

  final void record(String actor, String workspaceId, String action, String recordId) {
    audit.record(new AuditEvent(actor, workspaceId, action, recordId, null, "success"));
  }

  /** Checks the field {@code channelIds}: at most {@code max}, each once, each of the workspace. */
  final void requireChannels(String workspaceId, List<String> channelIds, int max) {
    if (channelIds.size() > max) {
      throw new ValidationException("channelIds", "at most " + max + " channels");
    }
    Set<String> ids = new LinkedHashSet<>(channelIds);
    if (ids.size() != channelIds.size()) {
      throw new ValidationException("channelIds", "each channel once");
    }
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new ValidationException("channelIds", "not a channel id: " + id);
      }
      try {
        channels.get(workspaceId, id);
      } catch (NotFoundException e) {
        throw new ValidationException("channelIds", "no channel " + id + " in this workspace");
      }
    }
  }

  static void requireVersion(long actual, long expected, String what) {
    if (actual != expected) {
      throw new PreconditionFailedException(
          "the " + what + " was changed by someone else; reload it");
    }
  }
}
