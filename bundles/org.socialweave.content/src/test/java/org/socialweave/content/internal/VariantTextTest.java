package org.socialweave.content.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.content.internal.persistence.PostEntity;
import org.socialweave.content.internal.persistence.VariantEntity;

/**
 * The exact texts of the variants that PostServiceImplTest and PostEnrichmentTest check on a
 * database, without one. The console's compose preview cuts the master copy the same way and copies
 * these cases as data (web/src/variantText.test.ts): a change here is a change there.
 */
public class VariantTextTest {

  private static final String CARD = "https://shop.example.com/winter";
  private static final String SHORT = MintedLinks.BASE + "c00000001";

  private static String cutWarning(String network, int limit) {
    return "The master copy was cut to fit "
        + network
        + "'s limit of "
        + limit
        + "; write a text for this channel to choose the words yourself.";
  }

  @Test
  public void aMasterCopyThatFitsIsMeasuredByEachNetwork() {
    VariantText onX = VariantText.adapt("新品上市 launch day", null, DescribedNetworks.X);
    assertEquals("新品上市 launch day", onX.text());
    assertEquals(19, onX.length());
    assertEquals(List.of(), onX.warnings());
    assertEquals(10, VariantText.adapt("新品上市 launch day", null, DescribedNetworks.WEIBO).length());
  }

  @Test
  public void anOverLongMasterCopyIsCutByEachNetworksCounting() {
    String master = "长".repeat(200);
    // 139 characters weighing 2 and the ellipsis, outside twitter-text's light ranges, 2.
    VariantText onX = VariantText.adapt(master, null, DescribedNetworks.X);
    assertEquals("长".repeat(139) + VariantText.ELLIPSIS, onX.text());
    assertEquals(280, onX.length());
    assertTrue(onX.fits());
    assertEquals(List.of(cutWarning("X", 280)), onX.warnings());
    VariantText onWeibo = VariantText.adapt(master, null, DescribedNetworks.WEIBO);
    assertEquals("长".repeat(139) + VariantText.ELLIPSIS, onWeibo.text());
    assertEquals(140, onWeibo.length());
    assertEquals(List.of(cutWarning("Weibo", 140)), onWeibo.warnings());
  }

  @Test
  public void aTextWrittenForTheChannelIsNeverCut() {
    VariantText own = VariantText.adapt("short", "微".repeat(141), DescribedNetworks.WEIBO);
    assertEquals("微".repeat(141), own.text());
    assertEquals(141, own.length());
    assertFalse(own.fits());
  }

  @Test
  public void theCardsShortLinkStaysWholeAfterTheEllipsis() {
    // 123 characters, the ellipsis and the link's 32 half characters with its blank line: 140.
    VariantText onWeibo = withCard(DescribedNetworks.WEIBO);
    assertEquals("新".repeat(123) + VariantText.ELLIPSIS + "\n\n" + SHORT, onWeibo.text());
    assertEquals(140, onWeibo.length());
    assertEquals(List.of(cutWarning("Weibo", 140)), onWeibo.warnings());
    // With an image, Bluesky's embed is the image: the card goes into the text, and fits.
    VariantText onBluesky = withCard(DescribedNetworks.BLUESKY);
    assertEquals("新".repeat(139) + "\n\n" + SHORT, onBluesky.text());
    assertEquals(139 + 2 + SHORT.length(), onBluesky.length());
    assertEquals(List.of(), onBluesky.warnings());
  }

  /** "新" 139 times with a link card and an image, for the network. */
  private static VariantText withCard(NetworkDescriptor network) {
    PostEntity post = new PostEntity();
    post.body = "新".repeat(139);
    post.link = CARD;
    post.media = JsonColumns.list(List.of("banner"));
    VariantEntity variant = new VariantEntity();
    variant.network = network.id();
    variant.shortLinks = JsonColumns.map(Map.of(CARD, SHORT));
    return VariantText.of(post, variant, network);
  }
}
