package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.content.BestTimeService;
import org.socialweave.api.content.BestTimeSlot;
import org.socialweave.api.content.BestTimes;
import org.socialweave.api.content.EngagementFetch;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostingSchedule;
import org.socialweave.api.content.PostingScheduleService;
import org.socialweave.api.content.PostingSlot;
import org.socialweave.api.content.QueueResult;
import org.socialweave.api.content.QueuedSlot;
import org.socialweave.api.error.ValidationException;

/**
 * The console's side of queue-add and best-times: lookups, what they print and audit. The queue and
 * the suggestions themselves are tested in the content bundle.
 */
public class PlanningCommandsTest extends CommandTestBase {

  /** Queues the post with id "p1" at one slot; any other post has a channel without schedule. */
  static final class OneSlotQueue implements PostingScheduleService {
    String queuedIn;

    @Override
    public PostingSchedule get(String workspaceId, String channelId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PostingSchedule put(
        String workspaceId,
        String channelId,
        String timeZone,
        List<PostingSlot> slots,
        long expectedVersion,
        String actor) {
      throw new UnsupportedOperationException();
    }

    @Override
    public QueueResult queue(String workspaceId, String postId, String actor) {
      if (!postId.equals("p1")) {
        throw new ValidationException("channelIds", "channel c2 has no posting schedule");
      }
      queuedIn = workspaceId;
      Instant at = Instant.parse("2026-12-07T01:30:00Z");
      Post post =
          new Post(
              "p1",
              workspaceId,
              null,
              "t",
              null,
              null,
              "Asia/Shanghai",
              at,
              PostStatus.SCHEDULED,
              1,
              List.of(),
              actor,
              at,
              at,
              2,
              List.of(),
              List.of(),
              null,
              false);
      return new QueueResult(
          post,
          List.of(
              new QueuedSlot(
                  "c1",
                  at,
                  LocalDateTime.parse("2026-12-07T09:30"),
                  "Asia/Shanghai",
                  List.of("2026-12-07T09:00 taken"))));
    }
  }

  /** Answers history for channel "c1" and defaults for any other. */
  static final class TwoChannelTimes implements BestTimeService {
    int fetches;

    @Override
    public BestTimes bestTimes(String workspaceId, String channelId, int limit) {
      return channelId.equals("c1")
          ? new BestTimes(
              "c1",
              "x",
              "Asia/Shanghai",
              BestTimes.Basis.HISTORY,
              9,
              3,
              List.of(new BestTimeSlot(DayOfWeek.WEDNESDAY, 20, 3, 0.2)),
              "from 9 posts")
          : new BestTimes(
              channelId,
              "weibo",
              "Asia/Shanghai",
              BestTimes.Basis.NETWORK_DEFAULTS,
              0,
              3,
              List.of(new BestTimeSlot(DayOfWeek.MONDAY, 12, 0, null)),
              "too little history");
    }

    @Override
    public EngagementFetch fetchEngagement(String workspaceId, String channelId) {
      fetches++;
      return new EngagementFetch(4, 1, 0);
    }
  }

  private final OneSlotQueue queue = new OneSlotQueue();
  private final TwoChannelTimes times = new TwoChannelTimes();

  @Before
  public void workspace() {
    workspaces.create("acme", "ACME", "Asia/Shanghai");
  }

  private QueueAddCommand queueAdd(String post) {
    QueueAddCommand c = wire(new QueueAddCommand());
    c.workspaces = workspaces;
    c.schedules = queue;
    c.auditLog = audit;
    c.workspace = "acme";
    c.postId = post;
    return c;
  }

  private BestTimesCommand bestTimes(String channel, boolean fetch) {
    BestTimesCommand c = wire(new BestTimesCommand());
    c.workspaces = workspaces;
    c.bestTimes = times;
    c.auditLog = audit;
    c.workspace = "acme";
    c.channelId = channel;
    c.fetch = fetch;
    return c;
  }

  @Test
  public void queueAddPrintsEachChannelsSlotAndIsAudited() throws Exception {
    queueAdd("p1").execute();
    assertEquals("w1", queue.queuedIn);
    String text = output.text();
    assertTrue(text, text.contains("Post p1 is SCHEDULED"));
    assertTrue(text, text.contains("2026-12-07T09:30"));
    assertTrue(text, text.contains("2026-12-07T01:30:00Z"));
    assertEquals("console:queue-add", audit.last().action());
    assertEquals("success", audit.last().outcome());
  }

  @Test
  public void queueAddShowsTheRefusalInOneLineAndAuditsIt() {
    String message = failure(queueAdd("p2"));
    assertTrue(message, message.contains("channel c2 has no posting schedule"));
    assertTrue(audit.last().outcome().startsWith("failure:"));
  }

  @Test
  public void bestTimesShowTheEvidenceOrSayTheyAreDefaults() throws Exception {
    bestTimes("c1", true).execute();
    assertEquals(1, times.fetches);
    assertEquals("console:best-times-fetch", audit.last().action());
    String history = output.text();
    assertTrue(history, history.contains("Read 4 posts, 1 failed, 0 left for later"));
    assertTrue(history, history.contains("From history (x, Asia/Shanghai)"));
    assertTrue(history, history.contains("20:00"));
    assertTrue(history, history.contains("20.00%"));

    bestTimes("c2", false).execute();
    assertEquals(1, times.fetches);
    assertTrue(output.text(), output.text().contains("NETWORK DEFAULTS (weibo"));
  }
}
