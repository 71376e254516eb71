package org.socialweave.compliance.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.compliance.Finding;
import org.socialweave.api.connector.NetworkDescriptor;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.AllChecks;
import org.socialweave.compliance.internal.ComplianceServiceImpl;
import org.socialweave.compliance.internal.Configs;
import org.socialweave.compliance.internal.NetworkDirectory;
import org.socialweave.compliance.internal.checks.PlatformRulesCheckTest;
import org.socialweave.compliance.internal.rest.CheckResource.CheckRequest;
import org.socialweave.compliance.internal.rest.CheckResource.Medium;
import org.socialweave.compliance.internal.rest.CheckResource.PostCheckReport;
import org.socialweave.compliance.internal.rest.CheckResource.Variant;
import org.socialweave.compliance.internal.rest.CheckResource.VariantCheckReport;
import org.socialweave.compliance.internal.words.SensitiveWords;

/**
 * The bare-text check endpoint's body handling, for a single text and for a whole post (the word
 * lists need no database here).
 */
public class CheckResourceTest {

  /** The API's strictness on input (org.socialweave.rest's mapper), for the body shapes. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final CheckResource resource;

  public CheckResourceTest() {
    // The store and audit log serve word-list changes only, which these requests do not make.
    ComplianceServiceImpl compliance =
        new ComplianceServiceImpl(null, null, Optional::of, Configs.DEFAULTS);
    AllChecks.create(workspace -> SensitiveWords.none()).forEach(compliance::addCheck);
    // X is the one network registered, as a connector would register it.
    NetworkDirectory networks =
        new NetworkDirectory() {
          @Override
          public Optional<NetworkDescriptor> find(String id) {
            return PlatformRulesCheckTest.X.id().equals(id)
                ? Optional.of(PlatformRulesCheckTest.X)
                : Optional.empty();
          }
        };
    resource = new CheckResource(compliance, networks);
  }

  private CheckReport single(CheckRequest body) {
    return (CheckReport) resource.check(body);
  }

  private PostCheckReport post(CheckRequest body) {
    return (PostCheckReport) resource.check(body);
  }

  private static CheckRequest post(String master, Boolean sponsored, Variant... variants) {
    return new CheckRequest(
        master, null, null, sponsored, null, null, java.util.Arrays.asList(variants));
  }

  private String refusedField(CheckRequest body) {
    return assertThrows(ValidationException.class, () -> resource.check(body)).field();
  }

  @Test
  public void aMissingBodyOrTextIsA400AndAnEmptyTextAnEmptyReport() {
    assertEquals(
        "body", assertThrows(ValidationException.class, () -> resource.check(null)).field());
    CheckRequest noText = new CheckRequest(null, null, null, null, null, null);
    assertEquals(
        "text", assertThrows(ValidationException.class, () -> resource.check(noText)).field());
    CheckReport empty = single(new CheckRequest("", null, null, null, null, null));
    assertEquals(List.of(), empty.findings());
  }

  @Test
  public void unknownNetworksAndIncompleteMediaAre400s() {
    CheckRequest network = new CheckRequest("hi", null, "myspace", null, null, null);
    assertEquals(
        "network", assertThrows(ValidationException.class, () -> resource.check(network)).field());
    CheckRequest media =
        new CheckRequest(
            "hi", null, null, null, java.util.Arrays.asList(new Medium("image/png", null)), null);
    assertEquals(
        "media", assertThrows(ValidationException.class, () -> resource.check(media)).field());
  }

  @Test
  public void aSponsoredTextWithoutLabelIsBlocked() {
    CheckReport report = single(new CheckRequest("好用推荐", null, null, true, null, null));
    assertTrue(report.blocked());
    assertEquals("disclosure.ad-label", report.findings().get(0).ruleId());
  }

  @Test
  public void aPostGetsOneReportForTheMasterAndEachVariantInTheRequestsOrder() {
    String tooLongForX = "好".repeat(141);
    PostCheckReport report =
        post(
            post(
                "全网最佳的选择",
                null,
                new Variant("ch-weibo", null, "口碑好物，值得一试", null, null),
                new Variant("ch-x", "x", tooLongForX, null, null),
                new Variant(null, "x", null, null, null)));

    assertEquals(
        List.of("ad-law.absolute.superlative"),
        report.master().findings().stream().map(Finding::ruleId).distinct().toList());
    assertEquals(3, report.variants().size());
    VariantCheckReport weibo = report.variants().get(0);
    assertEquals("ch-weibo", weibo.channelId());
    assertNull(weibo.network());
    assertEquals(List.of(), weibo.report().findings());
    // The network's platform rules apply to its variant only.
    VariantCheckReport x = report.variants().get(1);
    assertEquals("x", x.network());
    assertEquals("platform.length", x.report().findings().get(0).ruleId());
    assertTrue(x.report().blocked());
    // A variant without a text of its own is the master copy on that network.
    VariantCheckReport adapted = report.variants().get(2);
    assertNull(adapted.channelId());
    assertEquals(report.master().findings(), adapted.report().findings());
    assertTrue(report.blocked());
  }

  @Test
  public void sponsorshipAppliesToEveryVariantAndTheMastersMediaToVariantsWithoutTheirOwn() {
    List<Medium> tooMany =
        List.of(
            new Medium("image/png", 1L),
            new Medium("image/png", 1L),
            new Medium("image/png", 1L),
            new Medium("image/png", 1L),
            new Medium("image/png", 1L));
    CheckRequest body =
        new CheckRequest(
            "好用推荐 #广告",
            null,
            null,
            true,
            tooMany,
            null,
            List.of(
                new Variant("labelled", "x", null, null, List.of()),
                new Variant("unlabelled", "x", "好用推荐", null, null)));
    PostCheckReport report = post(body);

    assertFalse(report.master().blocked());
    assertEquals(List.of(), report.variants().get(0).report().findings());
    List<String> unlabelled =
        report.variants().get(1).report().findings().stream().map(Finding::ruleId).toList();
    assertTrue(unlabelled.toString(), unlabelled.contains("disclosure.ad-label"));
    assertTrue(unlabelled.toString(), unlabelled.contains("platform.media.images"));
    assertTrue(report.blocked());
  }

  @Test
  public void aPostWithoutVariantsIsStillAPostAndItsChecksAreTimed() {
    PostCheckReport report = post(post("今天天气不错", false));
    assertEquals(List.of(), report.variants());
    assertFalse(report.blocked());
    assertTrue(report.elapsedMicros() >= report.master().elapsedMicros());
  }

  /** Asserts that a post of these variants is a 400 that names the variants. */
  private void assertRefused(Variant... variants) {
    assertEquals("variants", refusedField(post("hi", null, variants)));
  }

  @Test
  public void badVariantsAre400sNamingTheField() {
    assertEquals("text", refusedField(post(null, null, new Variant("a", null, "", null, null))));
    assertRefused((Variant) null);
    assertRefused(new Variant(null, null, "no channel, no network", null, null));
    assertRefused(new Variant(" ", null, "blank channel", null, null));
    assertRefused(new Variant("c".repeat(101), null, "long channel id", null, null));
    assertRefused(
        new Variant("same", null, "a", null, null), new Variant("same", "x", "b", null, null));
    assertRefused(new Variant("a", "myspace", "unknown network", null, null));
    assertRefused(new Variant("a", "x", "hi", null, java.util.Arrays.asList(new Medium(null, 1L))));
    Variant[] tooMany = new Variant[CheckResource.MAX_VARIANTS + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = new Variant("ch-" + i, null, "hi", null, null);
    }
    assertRefused(tooMany);
  }

  @Test
  public void theJsonBodySaysWhichFormItIs() throws Exception {
    CheckRequest text = STRICT.readValue("{\"text\":\"最佳\",\"network\":\"x\"}", CheckRequest.class);
    assertNull(text.variants());
    assertTrue(resource.check(text) instanceof CheckReport);

    CheckRequest whole =
        STRICT.readValue(
            "{\"text\":\"最佳\",\"sponsored\":true,\"variants\":[{\"channelId\":\"c1\","
                + "\"network\":\"x\",\"text\":\"hi #ad\",\"media\":[{\"mimeType\":"
                + "\"image/png\",\"sizeBytes\":10}]}]}",
            CheckRequest.class);
    PostCheckReport report = (PostCheckReport) resource.check(whole);
    assertEquals("c1", report.variants().get(0).channelId());
    assertFalse(report.variants().get(0).report().blocked());
    assertThrows(
        UnrecognizedPropertyException.class,
        () ->
            STRICT.readValue(
                "{\"text\":\"\",\"variants\":[{\"channel\":\"c1\"}]}", CheckRequest.class));
  }
}
