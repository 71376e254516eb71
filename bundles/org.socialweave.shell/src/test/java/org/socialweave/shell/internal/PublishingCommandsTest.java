package org.socialweave.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.Before;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignService;
import org.socialweave.api.content.CampaignStatus;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Kpi;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostService;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.links.ClickCounts;
import org.socialweave.api.links.ClickStats;
import org.socialweave.api.links.LinkAttribution;
import org.socialweave.api.links.LinkService;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.links.Utm;
import org.socialweave.api.publish.PublishOutbox;
import org.socialweave.api.publish.PublishOutbox.OverdueJob;
import org.socialweave.api.publish.PublishOutbox.QueueStatus;

/**
 * The console's side of post-list, post-publish, queue-status, campaign-list, link-create and
 * link-stats: what they ask the services and what they print. The services themselves are tested in
 * their bundles and through REST in the itests.
 */
public class PublishingCommandsTest extends CommandTestBase {

  private static final Instant AT = Instant.parse("2026-12-07T01:30:00Z");

  /** A service whose named methods answer; any other call fails the test. */
  @SuppressWarnings("unchecked")
  private static <S> S answering(Class<S> service, Map<String, Function<Object[], Object>> calls) {
    return (S)
        Proxy.newProxyInstance(
            service.getClassLoader(),
            new Class<?>[] {service},
            (proxy, method, args) -> {
              Function<Object[], Object> call = calls.get(method.getName());
              if (call == null) {
                throw new AssertionError("the command should not call " + method.getName());
              }
              return call.apply(args);
            });
  }

  private static PostVariant variant(
      String channel, String network, DeliveryStatus status, URI url, Failure failure) {
    return new PostVariant(
        "v-" + channel,
        channel,
        network,
        "text",
        false,
        4,
        500,
        List.of(),
        status,
        AT,
        1,
        null,
        url,
        null,
        failure,
        List.of(),
        false,
        List.of(),
        Map.of());
  }

  private static Post post(String id, PostStatus status, List<PostVariant> variants) {
    return new Post(
        id,
        "w1",
        null,
        "text",
        null,
        null,
        "Asia/Shanghai",
        AT,
        status,
        1,
        variants,
        "e",
        AT,
        AT,
        3,
        List.of(),
        List.of(),
        null,
        false);
  }

  private final List<CalendarQuery> queries = new ArrayList<>();
  private final List<String> published = new ArrayList<>();

  private final PostService posts =
      answering(
          PostService.class,
          Map.of(
              "list",
              args -> {
                queries.add((CalendarQuery) args[1]);
                return Fakes.page(
                    List.of(
                        post(
                            "p1",
                            PostStatus.PARTIALLY_PUBLISHED,
                            List.of(
                                variant(
                                    "c1",
                                    "mastodon",
                                    DeliveryStatus.PUBLISHED,
                                    URI.create("https://social.example/@brand/1"),
                                    null),
                                variant(
                                    "c2",
                                    "weibo",
                                    DeliveryStatus.FAILED,
                                    null,
                                    new Failure("REFUSED", "20019", "repeated content", "edit")))),
                        post("p2", PostStatus.DRAFT, List.of())),
                    Post::id,
                    (PageRequest) args[2]);
              },
              "publishNow",
              args -> {
                if (!"p1".equals(args[1])) {
                  throw new ConflictException("the post is being published; wait for it");
                }
                published.add((String) args[1]);
                return post(
                    "p1",
                    PostStatus.PUBLISHING,
                    List.of(variant("c1", "mastodon", DeliveryStatus.PUBLISHING, null, null)));
              }));

  @Before
  public void workspace() {
    workspaces.create("acme", "ACME", "Asia/Shanghai");
  }

  @Test
  public void postListShowsEachChannelsUrlOrReasonAndPassesTheFilter() throws Exception {
    PostListCommand list = wire(new PostListCommand());
    list.workspaces = workspaces;
    list.posts = posts;
    list.workspace = "acme";
    list.status = PostStatus.PARTIALLY_PUBLISHED;
    list.from = "2026-12-01T00:00:00Z";
    list.execute();
    assertEquals(PostStatus.PARTIALLY_PUBLISHED, queries.get(0).status());
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), queries.get(0).from());
    String text = output.text();
    assertTrue(text, text.contains("https://social.example/@brand/1"));
    assertTrue(text, text.contains("REFUSED: repeated content"));
    assertTrue(text, text.contains("weibo c2"));
    assertTrue("a post without channels still has its row: " + text, text.contains("p2"));
  }

  @Test
  public void postPublishSaysWhereThePostIsAndIsAuditedAndARefusalToo() throws Exception {
    PostPublishCommand publish = wire(new PostPublishCommand());
    publish.workspaces = workspaces;
    publish.posts = posts;
    publish.auditLog = audit;
    publish.workspace = "acme";
    publish.postId = "p1";
    publish.execute();
    assertEquals(List.of("p1"), published);
    assertTrue(output.text(), output.text().contains("Post p1 is PUBLISHING on 1 channels"));
    assertEquals("console:post-publish", audit.last().action());
    assertEquals("success", audit.last().outcome());

    publish.postId = "p9";
    String message = failure(publish);
    assertTrue(message, message.contains("the post is being published"));
    assertTrue(audit.last().outcome(), audit.last().outcome().startsWith("failure:"));
  }

  @Test
  public void queueStatusCountsTheJobsAndListsTheOverdueOnes() throws Exception {
    QueueStatusCommand status = wire(new QueueStatusCommand());
    status.outbox =
        answering(
            PublishOutbox.class,
            Map.of(
                "status",
                args -> new QueueStatus(7, 2, 1, 3, AT),
                "overdue",
                args -> {
                  assertTrue(
                      "overdue means due before now minus the grace",
                      ((Instant) args[0])
                          .isBefore(
                              Instant.now().minus(PublishOutbox.OVERDUE_AFTER).plusSeconds(1)));
                  return List.of(new OverdueJob("j1", "w1", "p1", "c1", AT, "SCHEDULED"));
                }));
    status.execute();
    String text = output.text();
    assertTrue(
        text,
        text.contains(
            "scheduled 7, due now 2 (oldest due at 2026-12-07T01:30:00Z), publishing 1, failed 3"));
    assertTrue(text, text.contains("j1"));
    assertTrue(text, text.contains("SCHEDULED"));
  }

  @Test
  public void campaignListShowsTheGoalAndPeriod() throws Exception {
    CampaignListCommand list = wire(new CampaignListCommand());
    list.workspaces = workspaces;
    list.campaigns =
        answering(
            CampaignService.class,
            Map.of(
                "list",
                args -> {
                  assertEquals(CampaignStatus.ACTIVE, args[1]);
                  return Fakes.page(
                      List.of(
                          new Campaign(
                              "k1",
                              "w1",
                              "Winter launch 冬季新品",
                              "Launch",
                              Kpi.ENGAGEMENT_RATE,
                              new BigDecimal("4.5"),
                              LocalDate.parse("2026-12-01"),
                              LocalDate.parse("2027-01-31"),
                              "u1",
                              List.of("c1", "c2"),
                              List.of(),
                              CampaignStatus.ACTIVE,
                              null,
                              "u1",
                              AT,
                              AT,
                              1)),
                      Campaign::id,
                      (PageRequest) args[2]);
                }));
    list.workspace = "acme";
    list.status = CampaignStatus.ACTIVE;
    list.execute();
    String text = output.text();
    assertTrue(text, text.contains("Winter launch 冬季新品"));
    assertTrue(text, text.contains("ENGAGEMENT_RATE 4.5"));
    assertTrue(text, text.contains("2026-12-01 → 2027-01-31"));
  }

  @Test
  public void linkCreateAndLinkStatsPrintTheLinkAndItsClicksPerGroup() throws Exception {
    ShortLink link =
        new ShortLink(
            "l1",
            "w1",
            "Ab3dE5gH9",
            URI.create("https://sw.example/s/Ab3dE5gH9"),
            URI.create("https://shop.example/?utm_source=weibo"),
            new Utm("weibo", "social", null, null, null),
            new LinkAttribution(null, "p1", null, "c2"),
            AT);
    LinkService links =
        answering(
            LinkService.class,
            Map.of(
                "shorten",
                args -> {
                  assertEquals(URI.create("https://shop.example/"), args[1]);
                  assertEquals("weibo", ((Utm) args[2]).source());
                  assertEquals("p1", ((LinkAttribution) args[3]).postId());
                  return link;
                },
                "list",
                args -> Fakes.page(List.of(link), ShortLink::id, (PageRequest) args[1]),
                "clicks",
                args ->
                    new ClickStats(
                        new ClickCounts(12, 3),
                        Map.of("l1", new ClickCounts(12, 3)),
                        Map.of("p1", new ClickCounts(12, 3)),
                        Map.of("c2", new ClickCounts(12, 3)),
                        Map.of())));
    LinkCreateCommand create = wire(new LinkCreateCommand());
    create.workspaces = workspaces;
    create.links = links;
    create.auditLog = audit;
    create.workspace = "acme";
    create.target = "https://shop.example/";
    create.source = "weibo";
    create.postId = "p1";
    create.execute();
    assertTrue(
        output.text(),
        output
            .text()
            .contains(
                "https://sw.example/s/Ab3dE5gH9 -> https://shop.example/?utm_source=weibo (id l1)"));
    assertEquals("link:l1", audit.last().target());

    LinkStatsCommand stats = wire(new LinkStatsCommand());
    stats.workspaces = workspaces;
    stats.links = links;
    stats.workspace = "acme";
    stats.execute();
    String text = output.text();
    assertTrue(text, text.contains("Total: 12 human, 3 bot clicks"));
    assertTrue(text, text.contains("channel"));
    assertTrue(text, text.contains("https://sw.example/s/Ab3dE5gH9 -> https://shop.example"));
  }
}
