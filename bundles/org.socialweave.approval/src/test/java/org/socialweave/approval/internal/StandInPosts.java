package org.socialweave.approval.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.approval.ApprovalRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostRevision;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.NotFoundException;

/**
 * Posts as the review links read them: a text per channel and a revision number. The posts
 * themselves are the content bundle's, tested there; this stands in for them only in these tests.
 */
final class StandInPosts implements PostService {

  private final Map<String, Post> posts = new ConcurrentHashMap<>();

  /** Stores (or edits: a new revision of) a post with one variant per channel. */
  Post put(String workspaceId, String postId, int revision, Map<String, String> textsByChannel) {
    List<PostVariant> variants =
        textsByChannel.entrySet().stream()
            .map(
                e ->
                    new PostVariant(
                        "v-" + e.getKey(),
                        e.getKey(),
                        "weibo",
                        e.getValue(),
                        true,
                        e.getValue().length(),
                        2000,
                        List.of(),
                        DeliveryStatus.DRAFT,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        false,
                        List.of(),
                        Map.of()))
            .toList();
    Post post =
        new Post(
            postId,
            workspaceId,
            null,
            String.join("\n", textsByChannel.values()),
            null,
            null,
            "Asia/Shanghai",
            null,
            PostStatus.DRAFT,
            revision,
            variants,
            "editor",
            Instant.now(),
            Instant.now(),
            revision,
            List.of(),
            List.of(),
            null,
            false);
    posts.put(postId, post);
    return post;
  }

  void remove(String postId) {
    posts.remove(postId);
  }

  @Override
  public Post get(String workspaceId, String postId) {
    Post post = posts.get(postId);
    if (post == null || !post.workspaceId().equals(workspaceId)) {
      throw new NotFoundException("post", postId);
    }
    return post;
  }

  @Override
  public Post create(String workspaceId, PostDraft draft, String author) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post update(
      String workspaceId, String postId, PostDraft draft, long expectedVersion, String author) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<Post> list(String workspaceId, CalendarQuery query, PageRequest page) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ApprovalRequest submit(String workspaceId, String postId, String userId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post overrideCompliance(String workspaceId, String postId, String reason, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post schedule(String workspaceId, String postId, Schedule schedule, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post publishNow(String workspaceId, String postId, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post cancel(String workspaceId, String postId, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Post retry(String workspaceId, String postId, String variantId, String actor) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<PostRevision> revisions(String workspaceId, String postId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delete(String workspaceId, String postId, String actor) {
    throw new UnsupportedOperationException();
  }
}
