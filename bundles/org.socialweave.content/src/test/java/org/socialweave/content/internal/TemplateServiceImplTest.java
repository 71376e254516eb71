package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;
import org.socialweave.api.content.Campaign;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.Snippet;
import org.socialweave.api.content.SnippetDraft;
import org.socialweave.api.content.Template;
import org.socialweave.api.content.TemplateDraft;
import org.socialweave.api.content.TemplateFill;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;

/**
 * Templates and snippets on a real database: snippets are expanded when a post is saved, an unknown
 * one is a precise 400, and a template fills a post draft.
 */
public class TemplateServiceImplTest extends ContentTestBase {

  private Snippet signature() {
    return templates.createSnippet(
        ws.id(), new SnippetDraft("signature", "— 品牌团队 Brand team"), "alice");
  }

  @Test
  public void aSnippetIsExpandedWhenAPostIsSavedAndEditsAreNotRetroactive() {
    Snippet s = signature();
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(
                null,
                "冬季新品 {{snippet:signature}}",
                null,
                null,
                List.of(x, weibo),
                null,
                Map.of(x, "Winter launch {{ snippet:signature }}")),
            "alice");
    assertEquals("冬季新品 — 品牌团队 Brand team", post.text());
    assertEquals(
        "Winter launch — 品牌团队 Brand team",
        post.variants().stream().filter(v -> v.channelId().equals(x)).findFirst().get().text());
    assertTrue(
        audit.tail(ws.id(), 10).stream()
            .anyMatch(e -> e.event().action().equals("snippet.create")));

    templates.updateSnippet(
        ws.id(), s.id(), new SnippetDraft("signature", "— new"), s.version(), "alice");
    assertEquals(
        "a saved post keeps the text it was saved with",
        "冬季新品 — 品牌团队 Brand team",
        posts.get(ws.id(), post.id()).text());
    assertEquals("— new", templates.getSnippet(ws.id(), "signature").text());
  }

  @Test
  public void expandingSnippetsKeepsTheDraftsTagsMentionsAndCampaignTag() {
    signature();
    Post post =
        posts.create(
            ws.id(),
            new PostDraft(
                null,
                "Winter launch {{snippet:signature}}",
                null,
                null,
                List.of(x),
                null,
                Map.of(),
                List.of(),
                Map.of(),
                List.of("winter"),
                Map.of(x, List.of("brandteam")),
                "winter-2026",
                false),
            "alice");
    assertEquals(List.of("winter"), post.tags());
    assertEquals("winter-2026", post.utmCampaign());
    PostVariant variant = post.variants().get(0);
    assertTrue(variant.text(), variant.text().contains("— 品牌团队 Brand team"));
    assertTrue(variant.text(), variant.text().contains("#winter"));
    assertTrue(variant.text(), variant.text().contains("@brandteam"));
  }

  @Test
  public void anUnknownSnippetIsAPreciseErrorAndNothingIsSaved() {
    signature();
    ValidationException unknown =
        assertThrows(
            ValidationException.class,
            () ->
                posts.create(
                    ws.id(),
                    new PostDraft(
                        null, "Hi {{snippet:signatur}}", null, null, List.of(x), null, Map.of()),
                    "alice"));
    assertEquals("text", unknown.field());
    assertTrue(unknown.getMessage(), unknown.getMessage().contains("unknown snippet “signatur”"));
    ValidationException inVariant =
        assertThrows(
            ValidationException.class,
            () ->
                posts.create(
                    ws.id(),
                    new PostDraft(
                        null,
                        "Hi",
                        null,
                        null,
                        List.of(x),
                        null,
                        Map.of(x, "{{snippet:Bad Name}}")),
                    "alice"));
    assertEquals("variantTexts." + x, inVariant.field());
    assertEquals(0, posts.list(ws.id(), null, PageRequest.first(10)).items().size());
  }

  @Test
  public void snippetNamesAreUniqueAndASnippetCannotNameAnother() {
    Snippet s = signature();
    assertThrows(ConflictException.class, this::signature);
    ValidationException nested =
        assertThrows(
            ValidationException.class,
            () ->
                templates.createSnippet(
                    ws.id(), new SnippetDraft("outer", "x {{snippet:signature}}"), "alice"));
    assertEquals("text", nested.field());
    ValidationException name =
        assertThrows(
            ValidationException.class,
            () -> templates.createSnippet(ws.id(), new SnippetDraft("Sig", "x"), "alice"));
    assertEquals("name", name.field());
    assertThrows(
        PreconditionFailedException.class,
        () ->
            templates.updateSnippet(
                ws.id(), s.id(), new SnippetDraft("signature", "y"), s.version() + 1, "alice"));
    templates.deleteSnippet(ws.id(), s.id(), "alice");
    assertThrows(NotFoundException.class, () -> templates.getSnippet(ws.id(), s.id()));
  }

  @Test
  public void aTemplateFillsAPostDraftWithItsChannelsTagsAndCampaign() {
    signature();
    Campaign campaign = campaign(unique("winter"));
    Template t =
        templates.create(
            ws.id(),
            new TemplateDraft(
                "Weekly tip",
                "Tip of the week {{snippet:signature}}",
                "Tip",
                "https://example.com/tips",
                List.of(weibo, x),
                List.of("tips", "每周"),
                campaign.id()),
            "alice");
    TemplateFill fill = templates.fill(ws.id(), t.id(), null);
    PostDraft draft = fill.draft();
    assertEquals("Tip of the week — 品牌团队 Brand team", draft.text());
    assertEquals(List.of(weibo, x), draft.channelIds());
    assertEquals(campaign.id(), draft.campaignId());
    assertEquals("Asia/Shanghai", draft.timeZone());
    assertEquals(List.of("tips", "每周"), fill.tags());
    Post post = posts.create(ws.id(), draft, "alice");
    assertEquals(campaign.id(), post.campaignId());
    assertEquals(2, post.variants().size());

    assertEquals(
        "the template keeps the reference",
        "Tip of the week {{snippet:signature}}",
        templates.get(ws.id(), t.id()).text());
  }

  @Test
  public void aTemplateIsCheckedOnSaveAndEditedWithItsVersion() {
    ValidationException unknown =
        assertThrows(
            ValidationException.class,
            () ->
                templates.create(
                    ws.id(),
                    new TemplateDraft(
                        "T", "{{snippet:nope}}", null, null, List.of(x), List.of(), null),
                    "alice"));
    assertEquals("text", unknown.field());
    ValidationException channel =
        assertThrows(
            ValidationException.class,
            () ->
                templates.create(
                    ws.id(),
                    new TemplateDraft("T", "t", null, null, List.of("nochannel"), null, null),
                    "alice"));
    assertEquals("channelIds", channel.field());
    ValidationException link =
        assertThrows(
            ValidationException.class,
            () ->
                templates.create(
                    ws.id(),
                    new TemplateDraft("T", "t", null, "ftp://x", List.of(), null, null),
                    "alice"));
    assertEquals("link", link.field());

    Template t =
        templates.create(
            ws.id(), new TemplateDraft("Promo", "Sale", null, null, List.of(x), null, null), "a");
    assertThrows(
        ConflictException.class,
        () ->
            templates.create(
                ws.id(), new TemplateDraft("PROMO", "Other", null, null, null, null, null), "a"));
    TemplateDraft edit = new TemplateDraft("Promo", "Sale!", "", null, List.of(), null, null);
    Template edited = templates.update(ws.id(), t.id(), edit, t.version(), "a");
    assertEquals("Sale!", edited.text());
    assertNull(edited.title());
    assertThrows(
        PreconditionFailedException.class,
        () -> templates.update(ws.id(), t.id(), edit, t.version(), "a"));
    templates.delete(ws.id(), t.id(), "a");
    assertThrows(NotFoundException.class, () -> templates.get(ws.id(), t.id()));
  }

  @Test
  public void templatesArePagedById() {
    for (int i = 0; i < 5; i++) {
      templates.create(
          ws.id(), new TemplateDraft("T" + i, "text " + i, null, null, null, null, null), "a");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Page<Template> page = templates.list(ws.id(), PageRequest.of(2, cursor));
      page.items().forEach(t -> seen.add(t.name()));
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(5, seen.size());
    assertEquals(5, seen.stream().distinct().count());
  }
}
