package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.connector.MediaRef;
import org.socialweave.api.content.DeliveryStatus;
import org.socialweave.api.content.Failure;
import org.socialweave.api.content.Post;
import org.socialweave.api.content.PostDraft;
import org.socialweave.api.content.PostStatus;
import org.socialweave.api.content.PostVariant;
import org.socialweave.api.content.Schedule;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.links.ShortLink;
import org.socialweave.api.media.MediaAsset;
import org.socialweave.api.publish.PublishJob;

/**
 * Media per channel, hashtags and mentions per network, and tracked short links, on a real database
 * (H2, and PostgreSQL in the postgres profile), through the post commands and the outbox's claim.
 */
public class PostEnrichmentTest extends ContentTestBase {

  private static final Duration LEASE = Duration.ofMinutes(2);

  private PostDraft draft(
      String text,
      List<String> channelIds,
      List<String> mediaIds,
      Map<String, List<String>> variantMedia,
      List<String> tags,
      Map<String, List<String>> mentions,
      String campaignId,
      String utmCampaign) {
    return new PostDraft(
        campaignId,
        text,
        null,
        null,
        channelIds,
        null,
        Map.of(),
        mediaIds,
        variantMedia,
        tags,
        mentions,
        utmCampaign,
        false);
  }

  private PostDraft withMedia(List<String> mediaIds, Map<String, List<String>> variantMedia) {
    return draft(
        "Winter launch",
        List.of(x, weibo),
        mediaIds,
        variantMedia,
        List.of(),
        Map.of(),
        null,
        null);
  }

  /** A text for the X channel only, in a campaign or none, with a UTM campaign or the default. */
  private PostDraft onX(String text, String campaignId, String utmCampaign) {
    return draft(
        text, List.of(x), List.of(), Map.of(), List.of(), Map.of(), campaignId, utmCampaign);
  }

  private static PostVariant variant(Post post, String channelId) {
    return post.variants().stream().filter(v -> v.channelId().equals(channelId)).findFirst().get();
  }

  private String onlyDueJob(String postId, String channelId) {
    return outbox.due(clock.instant(), 1000).stream()
        .filter(
            id ->
                postId.equals(testDb.value("SELECT post_id FROM sw_publish_job WHERE id = ?", id))
                    && channelId.equals(
                        testDb.value("SELECT channel_id FROM sw_publish_job WHERE id = ?", id)))
        .findFirst()
        .orElseThrow();
  }

  private PublishJob claim(Post post, String channelId) {
    return outbox
        .claim(onlyDueJob(post.id(), channelId), "node-a", clock.instant(), LEASE)
        .orElseThrow();
  }

  // ---- media

  @Test
  public void eachChannelGetsTheMastersMediaInOrderOrItsOwn() {
    MediaAsset banner = media.add(ws.id(), "banner.png", "image/png", 48_000);
    MediaAsset detail = media.add(ws.id(), "detail.jpg", "image/jpeg", 20_000);
    MediaAsset weiboPic = media.add(ws.id(), "weibo.gif", "image/gif", 10_000);
    Post post =
        posts.create(
            ws.id(),
            withMedia(List.of(detail.id(), banner.id()), Map.of(weibo, List.of(weiboPic.id()))),
            "e");
    assertEquals(List.of(detail.id(), banner.id()), post.media());
    assertEquals(List.of(detail.id(), banner.id()), variant(post, x).media());
    assertFalse(variant(post, x).customMedia());
    assertEquals(List.of(weiboPic.id()), variant(post, weibo).media());
    assertTrue(variant(post, weibo).customMedia());

    Post scheduled = posts.publishNow(ws.id(), post.id(), "e");
    List<MediaRef> sent = attachments.media(claim(scheduled, x));
    assertEquals(List.of(detail.id(), banner.id()), sent.stream().map(MediaRef::id).toList());
    assertEquals("image/jpeg", sent.get(0).mimeType());
    assertEquals(20_000, sent.get(0).sizeBytes());
    assertEquals(
        List.of(weiboPic.id()),
        attachments.media(claim(scheduled, weibo)).stream().map(MediaRef::id).toList());
  }

  @Test
  public void aChannelMayDropTheMastersMedia() {
    MediaAsset banner = media.add(ws.id(), "banner.png", "image/png", 48_000);
    Post post =
        posts.create(ws.id(), withMedia(List.of(banner.id()), Map.of(weibo, List.of())), "e");
    assertEquals(List.of(), variant(post, weibo).media());
    assertTrue(variant(post, weibo).customMedia());
    Post scheduled = posts.publishNow(ws.id(), post.id(), "e");
    assertEquals(List.of(), attachments.media(claim(scheduled, weibo)));
  }

  @Test
  public void mediaANetworkCannotTakeIsRefusedNamingTheChannelAssetAndRule() {
    MediaAsset gif = media.add(ws.id(), "loop.gif", "image/gif", 1000);
    ValidationException type =
        assertThrows(
            ValidationException.class,
            () -> posts.create(ws.id(), withMedia(List.of(gif.id()), Map.of()), "e"));
    assertEquals("media", type.field());
    assertTrue(type.getMessage(), type.getMessage().contains("(X)"));
    assertTrue(type.getMessage(), type.getMessage().contains(gif.id() + " (loop.gif)"));
    assertTrue(type.getMessage(), type.getMessage().contains("the type rule"));

    MediaAsset a = media.add(ws.id(), "a.png", "image/png", 1000);
    MediaAsset b = media.add(ws.id(), "b.png", "image/png", 1000);
    ValidationException count =
        assertThrows(
            ValidationException.class,
            () -> posts.create(ws.id(), withMedia(List.of(a.id(), b.id()), Map.of()), "e"));
    assertTrue(
        count.getMessage(),
        count.getMessage().contains("(Weibo): 2 images breaks the count rule: at most 1"));

    ValidationException own =
        assertThrows(
            ValidationException.class,
            () ->
                posts.create(
                    ws.id(),
                    withMedia(List.of(a.id()), Map.of(weibo, List.of("nosuchasset"))),
                    "e"));
    assertEquals("variantMedia." + weibo, own.field());
    assertTrue(own.getMessage().contains("no media asset nosuchasset"));

    assertEquals(
        "variantMedia",
        assertThrows(
                ValidationException.class,
                () ->
                    posts.create(
                        ws.id(), withMedia(List.of(), Map.of("elsewhere", List.of())), "e"))
            .field());
  }

  @Test
  public void mediaGoneBeforeSchedulingStopsTheScheduleAndNothingChanges() {
    MediaAsset banner = media.add(ws.id(), "banner.png", "image/png", 48_000);
    Post post = posts.create(ws.id(), withMedia(List.of(banner.id()), Map.of()), "e");
    media.remove(banner.id());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                posts.schedule(
                    ws.id(),
                    post.id(),
                    new Schedule(clock.instant().plusSeconds(3600), null, null),
                    "e"));
    assertEquals("variants." + x + ".media", e.field());
    assertEquals(PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());
  }

  @Test
  public void aFailedVariantWhoseMediaIsGoneIsNotRetried() {
    MediaAsset banner = media.add(ws.id(), "banner.png", "image/png", 48_000);
    Post post =
        posts.publishNow(
            ws.id(),
            posts.create(ws.id(), withMedia(List.of(banner.id()), Map.of()), "e").id(),
            "e");
    PublishJob job = claim(post, x);
    outbox.failed(job.id(), new Failure("MEDIA_MISSING", null, "gone", "choose other media"));
    media.remove(banner.id());
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> posts.retry(ws.id(), post.id(), variant(post, x).id(), "e"));
    assertEquals("variants." + x + ".media", e.field());
    assertEquals(DeliveryStatus.FAILED, variant(posts.get(ws.id(), post.id()), x).status());
  }

  // ---- hashtags and mentions

  @Test
  public void tagsAreWrittenInEachNetworksSyntaxAndLeftOutWhereRefused() {
    String wechat = channels.add(ws.id(), unique("wc"), "wechat").id();
    Post post =
        posts.create(
            ws.id(),
            draft(
                "Winter launch #冬季",
                List.of(x, weibo, wechat),
                List.of(),
                Map.of(),
                List.of("冬季", "新品", "launch_day"),
                Map.of(x, List.of("@brand", "partner_co")),
                null,
                null),
            "e");
    assertEquals(List.of("冬季", "新品", "launch_day"), post.tags());
    // The tag the text already has is not repeated; the mentions come first.
    assertEquals(
        "Winter launch #冬季\n\n@brand @partner_co #新品 #launch_day", variant(post, x).text());
    assertEquals(List.of("brand", "partner_co"), variant(post, x).mentions());
    PostVariant onWeibo = variant(post, weibo);
    assertEquals("Winter launch #冬季", onWeibo.text());
    assertTrue(onWeibo.warnings().toString(), onWeibo.warnings().get(0).contains("#话题#"));
    assertTrue(
        variant(post, wechat).warnings().get(0).contains("WeChat articles have no hashtags"));

    Post scheduled = posts.publishNow(ws.id(), post.id(), "e");
    assertEquals(
        "what is sent is what was shown",
        "Winter launch #冬季\n\n@brand @partner_co #新品 #launch_day",
        claim(scheduled, x).text());
  }

  @Test
  public void badTagsAndHandlesAreRefusedNamingTheField() {
    String wechat = channels.add(ws.id(), unique("wc"), "wechat").id();
    assertRefused("tags", List.of("two words"), Map.of(), List.of(x));
    assertRefused("tags", List.of("2026"), Map.of(), List.of(x));
    assertRefused("tags", List.of("Launch", "launch"), Map.of(), List.of(x));
    assertRefused(
        "variantMentions." + x,
        List.of(),
        Map.of(x, List.of("far_too_long_for_x_handles")),
        List.of(x));
    assertRefused(
        "variantMentions." + wechat,
        List.of(),
        Map.of(wechat, List.of("someone")),
        List.of(x, wechat));
    assertRefused("variantMentions", List.of(), Map.of(weibo, List.of("微博用户")), List.of(x));
  }

  private void assertRefused(
      String field,
      List<String> tags,
      Map<String, List<String>> mentions,
      List<String> channelIds) {
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                posts.create(
                    ws.id(),
                    draft("text", channelIds, List.of(), Map.of(), tags, mentions, null, null),
                    "e"));
    assertEquals(e.getMessage(), field, e.field());
  }

  @Test
  public void moreHashtagsThanTheNetworkTakesAreShownAndCannotBeScheduled() {
    String instagram = channels.add(ws.id(), unique("ig"), "instagram").id();
    StringBuilder text = new StringBuilder("Winter");
    for (int i = 0; i < 29; i++) {
      text.append(" #tag").append((char) ('a' + i % 26)).append(i);
    }
    Post post =
        posts.create(
            ws.id(),
            draft(
                text.toString(),
                List.of(instagram),
                List.of(),
                Map.of(),
                List.of("one", "two"),
                Map.of(),
                null,
                null),
            "e");
    PostVariant onInstagram = variant(post, instagram);
    assertTrue(
        onInstagram.warnings().toString(),
        onInstagram.warnings().contains("The text has 31 hashtags; Instagram takes at most 30."));
    ValidationException e =
        assertThrows(ValidationException.class, () -> posts.publishNow(ws.id(), post.id(), "e"));
    assertEquals("variants." + instagram + ".text", e.field());
    assertEquals(PostStatus.DRAFT, posts.get(ws.id(), post.id()).status());
  }

  // ---- tracked links

  @Test
  public void linksBecomeShortLinksWithUtmPerChannelCountedByTheirLength() {
    String longLink = "https://shop.example.com/winter/launch?sku=" + "9".repeat(250) + "&ref=a";
    Post post =
        posts.create(
            ws.id(),
            draft(
                "新品上市 " + longLink + " 看看",
                List.of(x, weibo),
                List.of(),
                Map.of(),
                List.of(),
                Map.of(),
                null,
                null),
            "e");
    assertEquals(2, links.minted());
    PostVariant onWeibo = variant(post, weibo);
    String weiboShort = onWeibo.shortLinks().get(longLink);
    assertTrue(weiboShort, weiboShort.startsWith(MintedLinks.BASE));
    assertEquals("新品上市 " + weiboShort + " 看看", onWeibo.text());
    // Weibo counts the short link as written: 4 CJK + 2 spaces + the link in halves + 2 CJK.
    assertEquals(4 + (2 + weiboShort.length() + 1) / 2 + 2, onWeibo.length());
    assertTrue("the long link alone is over Weibo's limit", onWeibo.warnings().isEmpty());
    // X counts every URL as 23.
    assertEquals(8 + 1 + 23 + 1 + 4, variant(post, x).length());

    ShortLink minted =
        links.calls.stream()
            .filter(l -> l.shortUrl().toString().equals(weiboShort))
            .findFirst()
            .get();
    assertEquals("weibo", minted.utm().source());
    assertEquals("social", minted.utm().medium());
    assertEquals("the post id without a campaign", post.id(), minted.utm().campaign());
    assertEquals(post.id(), minted.attribution().postId());
    assertEquals(weibo, minted.attribution().channelId());
    assertEquals(onWeibo.id(), minted.attribution().variantId());
    assertTrue(
        minted.target().toString(),
        minted
            .target()
            .toString()
            .endsWith("&ref=a&utm_source=weibo&utm_medium=social&utm_campaign=" + post.id()));
    assertFalse(variant(post, x).shortLinks().get(longLink).equals(weiboShort));
  }

  @Test
  public void theCampaignsSlugIsTheUtmCampaignUnlessThePostSetsItsOwn() {
    String campaignId = campaign("Winter Launch 2026 冬季").id();
    Post post =
        posts.create(ws.id(), onX("Shop https://shop.example.com/w", campaignId, null), "e");
    assertEquals("winter-launch-2026-冬季", links.calls.get(links.calls.size() - 1).utm().campaign());
    assertEquals(campaignId, links.calls.get(links.calls.size() - 1).attribution().campaignId());
    posts.update(
        ws.id(),
        post.id(),
        onX("Shop https://shop.example.com/w", campaignId, "xmas-push"),
        post.version(),
        "e");
    assertEquals("xmas-push", links.calls.get(links.calls.size() - 1).utm().campaign());
    assertEquals("xmas-push", posts.get(ws.id(), post.id()).utmCampaign());
  }

  @Test
  public void theShortLinkIsMintedOnceAndEveryClaimSendsTheSameOne() {
    String link = "https://shop.example.com/winter";
    Post post = posts.create(ws.id(), onX("Go " + link, null, null), "e");
    String shortLink = variant(post, x).shortLinks().get(link);
    Post again =
        posts.update(ws.id(), post.id(), onX("Go " + link, null, null), post.version(), "e");
    assertEquals("the same text mints no new link", 1, links.minted());
    assertEquals(shortLink, variant(again, x).shortLinks().get(link));

    posts.publishNow(ws.id(), post.id(), "e");
    PublishJob first = claim(again, x);
    assertEquals("Go " + shortLink, first.text());
    // The attempt's answer is lost; the retry claims the job again, with the same text.
    outbox.retryAt(first.id(), clock.instant(), true, null);
    PublishJob retried = outbox.claim(first.id(), "node-b", clock.instant(), LEASE).orElseThrow();
    assertEquals("Go " + shortLink, retried.text());
    assertEquals(1, links.minted());
  }

  // ---- the link card

  private PostDraft withCard(String text, String card, List<String> channelIds) {
    return new PostDraft(
        null,
        text,
        "Winter launch",
        card,
        channelIds,
        null,
        Map.of(),
        List.of(),
        Map.of(),
        List.of(),
        Map.of(),
        null,
        false);
  }

  @Test
  public void theLinkCardIsATrackedShortLinkCountedWhereTheNetworkWritesItIntoTheText() {
    String card = "https://shop.example.com/winter?color=red";
    String bluesky = channels.add(ws.id(), unique("bs"), "bluesky").id();
    String wechat = channels.add(ws.id(), unique("wc"), "wechat").id();
    Post post =
        posts.create(ws.id(), withCard("冬季新品上市", card, List.of(x, weibo, bluesky, wechat)), "e");

    assertEquals("one short link per channel, for its UTM source", 4, links.minted());
    String onX = variant(post, x).shortLinks().get(card);
    String onWeibo = variant(post, weibo).shortLinks().get(card);
    assertTrue(onX, onX.startsWith(MintedLinks.BASE));
    assertFalse(onX.equals(onWeibo));
    // X and Weibo get the card appended to the text, counted by the network: X's URL as 23.
    assertEquals("冬季新品上市\n\n" + onX, variant(post, x).text());
    assertEquals(6 * 2 + 2 + 23, variant(post, x).length());
    assertEquals("冬季新品上市\n\n" + onWeibo, variant(post, weibo).text());
    // Bluesky makes a card of its own without media; a WeChat article has it as 阅读原文.
    assertEquals("冬季新品上市", variant(post, bluesky).text());
    assertEquals("冬季新品上市", variant(post, wechat).text());

    ShortLink minted =
        links.calls.stream().filter(l -> l.shortUrl().toString().equals(onWeibo)).findFirst().get();
    assertEquals(
        card + "&utm_source=weibo&utm_medium=social&utm_campaign=" + post.id(),
        minted.target().toString());
    assertEquals(post.id(), minted.attribution().postId());
    assertEquals(weibo, minted.attribution().channelId());
    assertEquals(variant(post, weibo).id(), minted.attribution().variantId());

    Post scheduled = posts.publishNow(ws.id(), post.id(), "e");
    PublishJob toX = claim(scheduled, x);
    assertEquals(onX, toX.link());
    assertEquals("the connector finds the card in the text", "冬季新品上市\n\n" + onX, toX.text());
    PublishJob toBluesky = claim(scheduled, bluesky);
    assertEquals(variant(post, bluesky).shortLinks().get(card), toBluesky.link());
    assertEquals("冬季新品上市", toBluesky.text());
    assertEquals(variant(post, wechat).shortLinks().get(card), claim(scheduled, wechat).link());
    assertEquals(4, links.minted());
  }

  @Test
  public void theCardIsMintedOncePerRevisionAndSharedWithTheSameLinkInTheText() {
    String card = "https://shop.example.com/winter";
    Post post = posts.create(ws.id(), withCard("Go " + card, card, List.of(x)), "e");
    String shortLink = variant(post, x).shortLinks().get(card);
    assertEquals("the text's link and the card are one short link", 1, links.minted());
    assertEquals("not appended again", "Go " + shortLink, variant(post, x).text());

    Post same =
        posts.update(
            ws.id(), post.id(), withCard("Go " + card, card, List.of(x)), post.version(), "e");
    assertEquals(1, links.minted());
    assertEquals(shortLink, variant(same, x).shortLinks().get(card));

    String other = "https://shop.example.com/spring";
    Post changed =
        posts.update(
            ws.id(), post.id(), withCard("New season", other, List.of(x)), same.version(), "e");
    assertEquals(2, links.minted());
    String otherShort = variant(changed, x).shortLinks().get(other);
    assertEquals(Map.of(other, otherShort), variant(changed, x).shortLinks());
    assertEquals(otherShort, claim(posts.publishNow(ws.id(), post.id(), "e"), x).link());
  }

  @Test
  public void aCardInTheTextIsKeptWholeWhenTheMasterCopyIsCut() {
    String card = "https://shop.example.com/winter";
    String bluesky = channels.add(ws.id(), unique("bs"), "bluesky").id();
    MediaAsset banner = media.add(ws.id(), "banner.png", "image/png", 48_000);
    PostDraft draft =
        new PostDraft(
            null,
            "新".repeat(139),
            null,
            card,
            List.of(weibo, bluesky),
            null,
            Map.of(),
            List.of(banner.id()),
            Map.of(),
            List.of(),
            Map.of(),
            null,
            false);
    Post post = posts.create(ws.id(), draft, "e");
    PostVariant onWeibo = variant(post, weibo);
    String shortLink = onWeibo.shortLinks().get(card);
    assertTrue(onWeibo.text(), onWeibo.text().endsWith(VariantText.ELLIPSIS + "\n\n" + shortLink));
    assertTrue(
        onWeibo.warnings().toString(),
        onWeibo.warnings().get(0).startsWith("The master copy was cut"));
    assertTrue(onWeibo.length() <= 140);
    // With an image, Bluesky's embed is the image: the card goes into the text, and counts.
    PostVariant onBluesky = variant(post, bluesky);
    assertEquals("新".repeat(139) + "\n\n" + onBluesky.shortLinks().get(card), onBluesky.text());
    assertEquals(139 + 2 + onBluesky.shortLinks().get(card).length(), onBluesky.length());
  }

  @Test
  public void aVariantsRenderedTextSentBackAsItsTextKeepsItsShortLinksAndOneCard() {
    String card = "https://shop.example.com/winter";
    String link = "https://shop.example.com/size-guide";
    PostDraft draft =
        new PostDraft(null, "Master", null, card, List.of(x), null, Map.of(x, "Sizes " + link));
    Post post = posts.create(ws.id(), draft, "e");
    PostVariant rendered = variant(post, x);
    String shortCard = rendered.shortLinks().get(card);
    String expected = "Sizes " + rendered.shortLinks().get(link) + "\n\n" + shortCard;
    assertEquals(expected, rendered.text());
    assertEquals(2, links.minted());

    // The web console edits a variant's text as it was shown, short links and card included.
    Post again =
        posts.update(
            ws.id(),
            post.id(),
            new PostDraft(null, "Master", null, card, List.of(x), null, Map.of(x, rendered.text())),
            post.version(),
            "e");
    assertEquals(expected, variant(again, x).text());
    assertEquals("no short link of a short link", 2, links.minted());
    assertEquals(rendered.shortLinks(), variant(again, x).shortLinks());
  }
}
