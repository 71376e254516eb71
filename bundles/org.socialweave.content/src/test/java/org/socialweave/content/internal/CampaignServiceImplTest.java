package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.CalendarQuery;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.CampaignDraft;
import org.socialweave.api.content.CampaignStatus;
import org.socialweave.api.content.Kpi;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;

/** Campaigns, and the posts that name them. */
public class CampaignServiceImplTest extends ContentTestBase {

  private CampaignDraft draft(String name) {
    return new CampaignDraft(
        name,
        "Launch the winter collection in China",
        Kpi.ENGAGEMENT_RATE,
        new BigDecimal("4.5"),
        LocalDate.of(2026, 12, 1),
        LocalDate.of(2027, 1, 31),
        null,
        List.of(weibo),
        List.of("winter", "新品"),
        null,
        null);
  }

  private PostDraft post(String campaignId) {
    return new PostDraft(campaignId, "冬季新品", null, null, List.of(weibo), null, Map.of());
  }

  @Test
  public void aCampaignKeepsItsSmartGoalAndIsAudited() {
    Campaign c = campaigns.create(ws.slug(), draft("Winter 2026"), "alice");
    assertEquals("Winter 2026", c.name());
    assertEquals(Kpi.ENGAGEMENT_RATE, c.kpi());
    assertEquals(0, new BigDecimal("4.5").compareTo(c.targetValue()));
    assertEquals(LocalDate.of(2027, 1, 31), c.deadline());
    assertEquals("alice", c.ownerId());
    assertEquals(CampaignStatus.PLANNED, c.status());
    assertEquals(List.of("winter", "新品"), c.tags());
    assertEquals(List.of(weibo), c.channelIds());
    assertNull(c.budgetId());
    assertEquals(c, campaigns.get(ws.id(), c.id()));
    assertEquals(c, campaigns.find(ws.id(), "WINTER 2026").orElseThrow());
    assertEquals("campaign.create", audit.tail(ws.id(), 1).get(0).event().action());
  }

  @Test
  public void namesAreUniqueInAWorkspaceIgnoringCase() {
    campaigns.create(ws.id(), draft("Spring"), "alice");
    ConflictException e =
        assertThrows(
            ConflictException.class, () -> campaigns.create(ws.id(), draft("spring "), "bob"));
    assertTrue(e.getMessage(), e.getMessage().contains("Spring"));
  }

  @Test
  public void badGoalsAreRefusedFieldByField() {
    assertField("name", draft(" "));
    CampaignDraft d = draft("Bad");
    assertField("kpi", withKpi(d, null, d.targetValue()));
    assertField("targetValue", withKpi(d, Kpi.REACH, BigDecimal.ZERO));
    assertField("targetValue", withKpi(d, Kpi.ENGAGEMENT_RATE, new BigDecimal("120")));
    assertField("targetValue", withKpi(d, Kpi.CLICKS, new BigDecimal("1.00001")));
    assertField(
        "deadline",
        new CampaignDraft(
            "Bad",
            "o",
            Kpi.REACH,
            BigDecimal.TEN,
            LocalDate.of(2027, 1, 2),
            LocalDate.of(2027, 1, 1),
            null,
            List.of(),
            List.of(),
            null,
            null));
    assertField(
        "channelIds",
        new CampaignDraft(
            "Bad",
            "o",
            Kpi.REACH,
            BigDecimal.TEN,
            null,
            LocalDate.of(2027, 1, 1),
            null,
            List.of("nochannel"),
            List.of(),
            null,
            null));
    assertField(
        "tags",
        new CampaignDraft(
            "Bad",
            "o",
            Kpi.REACH,
            BigDecimal.TEN,
            null,
            LocalDate.of(2027, 1, 1),
            null,
            List.of(),
            List.of("two words"),
            null,
            null));
  }

  private static CampaignDraft withKpi(CampaignDraft d, Kpi kpi, BigDecimal target) {
    return new CampaignDraft(
        d.name(),
        d.objective(),
        kpi,
        target,
        d.startsOn(),
        d.deadline(),
        d.ownerId(),
        d.channelIds(),
        d.tags(),
        d.status(),
        d.budgetId());
  }

  private void assertField(String field, CampaignDraft bad) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> campaigns.create(ws.id(), bad, "alice"));
    assertEquals(e.getMessage(), field, e.field());
  }

  @Test
  public void updatesNeedTheCurrentVersion() {
    Campaign c = campaigns.create(ws.id(), draft("Autumn"), "alice");
    CampaignDraft active =
        new CampaignDraft(
            "Autumn",
            "More reach",
            Kpi.REACH,
            new BigDecimal("100000"),
            null,
            LocalDate.of(2027, 3, 1),
            null,
            List.of(x, weibo),
            List.of(),
            CampaignStatus.ACTIVE,
            null);
    Campaign updated = campaigns.update(ws.id(), c.id(), active, c.version(), "bob");
    assertEquals(CampaignStatus.ACTIVE, updated.status());
    assertEquals("alice", updated.ownerId());
    assertEquals(List.of(x, weibo), updated.channelIds());
    assertTrue(updated.version() > c.version());
    assertThrows(
        PreconditionFailedException.class,
        () -> campaigns.update(ws.id(), c.id(), active, c.version(), "bob"));
  }

  @Test
  public void aPostMustNameACampaignOfItsWorkspace() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> posts.create(ws.id(), post("01NOSUCHCAMPAIGN"), "e"));
    assertEquals("campaignId", e.field());
    assertEquals(
        "campaignId",
        assertThrows(
                ValidationException.class, () -> posts.create(ws.id(), post("not an id!"), "e"))
            .field());
    Campaign c = campaigns.create(ws.id(), draft("Summer"), "alice");
    Post p = posts.create(ws.id(), post(c.id()), "e");
    assertEquals(c.id(), p.campaignId());
    assertEquals(
        List.of(p.id()),
        posts
            .list(ws.id(), new CalendarQuery(null, null, c.id(), null, null), PageRequest.first(10))
            .items()
            .stream()
            .map(Post::id)
            .toList());
  }

  @Test
  public void aCampaignThatPostsNameCannotBeDeleted() {
    Campaign used = campaigns.create(ws.id(), draft("Used"), "alice");
    Post p = posts.create(ws.id(), post(used.id()), "e");
    assertThrows(ConflictException.class, () -> campaigns.delete(ws.id(), used.id(), "alice"));
    posts.delete(ws.id(), p.id(), "e");
    campaigns.delete(ws.id(), used.id(), "alice");
    assertThrows(NotFoundException.class, () -> campaigns.get(ws.id(), used.id()));
    assertThrows(NotFoundException.class, () -> campaigns.delete(ws.id(), "missing", "alice"));
  }

  @Test
  public void listsPageAndFilterByStatus() {
    Campaign a = campaigns.create(ws.id(), draft("A"), "alice");
    CampaignDraft b = draft("B");
    campaigns.create(
        ws.id(),
        new CampaignDraft(
            b.name(),
            b.objective(),
            b.kpi(),
            b.targetValue(),
            b.startsOn(),
            b.deadline(),
            null,
            b.channelIds(),
            b.tags(),
            CampaignStatus.ACTIVE,
            null),
        "alice");
    var first = campaigns.list(ws.id(), null, PageRequest.first(1));
    assertEquals(List.of(a.id()), first.items().stream().map(Campaign::id).toList());
    assertEquals(
        1, campaigns.list(ws.id(), null, PageRequest.of(1, first.nextCursor())).items().size());
    assertEquals(
        List.of("B"),
        campaigns.list(ws.id(), CampaignStatus.ACTIVE, PageRequest.first(10)).items().stream()
            .map(Campaign::name)
            .toList());
  }
}
