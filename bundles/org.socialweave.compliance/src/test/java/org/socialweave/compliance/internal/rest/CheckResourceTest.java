package org.socialweave.compliance.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.socialweave.api.compliance.CheckReport;
import org.socialweave.api.error.ValidationException;
import org.socialweave.compliance.internal.AllChecks;
import org.socialweave.compliance.internal.ComplianceServiceImpl;
import org.socialweave.compliance.internal.Configs;
import org.socialweave.compliance.internal.NetworkDirectory;
import org.socialweave.compliance.internal.rest.CheckResource.CheckRequest;
import org.socialweave.compliance.internal.rest.CheckResource.Medium;
import org.socialweave.compliance.internal.words.SensitiveWords;

/** The bare-text check endpoint's body handling (the word lists need no database here). */
public class CheckResourceTest {

  private final CheckResource resource;

  public CheckResourceTest() {
    // The store and audit log serve word-list changes only, which these requests do not make.
    ComplianceServiceImpl compliance =
        new ComplianceServiceImpl(null, null, Optional::of, Configs.DEFAULTS);
    AllChecks.create(workspace -> SensitiveWords.none()).forEach(compliance::addCheck);
    resource = new CheckResource(compliance, new NetworkDirectory());
  }

  @Test
  public void aMissingBodyOrTextIsA400AndAnEmptyTextAnEmptyReport() {
    assertEquals(
        "body", assertThrows(ValidationException.class, () -> resource.check(null)).field());
    CheckRequest noText = new CheckRequest(null, null, null, null, null, null);
    assertEquals(
        "text", assertThrows(ValidationException.class, () -> resource.check(noText)).field());
    CheckReport empty = resource.check(new CheckRequest("", null, null, null, null, null));
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
    CheckReport report = resource.check(new CheckRequest("好用推荐", null, null, true, null, null));
    assertTrue(report.blocked());
    assertEquals("disclosure.ad-label", report.findings().get(0).ruleId());
  }
}
