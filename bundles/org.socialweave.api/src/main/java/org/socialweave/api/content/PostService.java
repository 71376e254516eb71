package org.socialweave.api.content;

import java.util.List;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalRequest;

/**
 * Posts and their variants, and the commands that move them through the publishing pipeline. A
 * command's state change and the outbox rows the dispatcher runs are written in one transaction, so
 * a crash never leaves a scheduled post without its jobs, or jobs of a cancelled post.
 *
 * <p>Errors: {@link org.socialweave.api.error.ValidationException} for bad input (unknown zone, a
 * time in the past, a variant over its network's limit, a channel that needs a reconnect), {@link
 * org.socialweave.api.error.ConflictException} for a change while a variant is being published,
 * {@link org.socialweave.api.error.PreconditionFailedException} for a stale version.
 */
public interface PostService {

  Post create(String workspaceId, PostDraft draft, String author);

  Post get(String workspaceId, String postId);

  /** Replaces the content; a new revision. Refused while any variant is being published. */
  Post update(
      String workspaceId, String postId, PostDraft draft, long expectedVersion, String author);

  /** The posts of a calendar view, ordered by id. */
  Page<Post> list(String workspaceId, CalendarQuery query, PageRequest page);

  /**
   * Submits the post's current revision for approval. Under approval, scheduling and publishing
   * need that revision approved, and any later edit is a new revision that needs approval again (a
   * scheduled post goes back to draft).
   *
   * @throws org.socialweave.api.error.ConflictException when the workspace has approval turned off
   */
  ApprovalRequest submit(String workspaceId, String postId, String userId);

  /**
   * Accepts the blocking findings of the content checks for the post's current revision, with a
   * written reason (stored with the revision; an edit needs a new override). Submitting and
   * scheduling run the checks on every variant and stop at a blocking finding otherwise (422).
   */
  Post overrideCompliance(String workspaceId, String postId, String reason, String actor);

  /** Schedules (or reschedules) every variant that is not published yet. */
  Post schedule(String workspaceId, String postId, Schedule schedule, String actor);

  /** Schedules every variant that is not published yet for now. */
  Post publishNow(String workspaceId, String postId, String actor);

  /** Cancels every scheduled variant. Refused while any variant is being published. */
  Post cancel(String workspaceId, String postId, String actor);

  /** Schedules one failed variant again, now. */
  Post retry(String workspaceId, String postId, String variantId, String actor);

  List<PostRevision> revisions(String workspaceId, String postId);

  /** Deletes a post that has no published variant and none being published. */
  void delete(String workspaceId, String postId, String actor);
}
