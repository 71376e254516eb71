package org.socialweave.webhooks.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.socialweave.api.error.ValidationException;

public class UrlPolicyTest {

  private final UrlPolicy strict = new UrlPolicy(false);
  private final UrlPolicy lenient = new UrlPolicy(true);

  @Test
  public void acceptsOnlyHttpAndHttps() {
    for (String url :
        new String[] {"ftp://example.com/x", "file:///etc/passwd", "gopher://a", "example.com"}) {
      ValidationException e = assertThrows(ValidationException.class, () -> lenient.check(url));
      assertTrue(e.getMessage(), e.getMessage().contains("http or https"));
    }
    assertThrows(ValidationException.class, () -> lenient.check("http://user:pw@example.com/"));
  }

  @Test
  public void refusesInternalAddressesUnlessAllowed() {
    for (String url :
        new String[] {
          "http://127.0.0.1:8181/",
          "http://localhost/",
          "http://10.1.2.3/",
          "http://192.168.0.1/",
          "http://169.254.169.254/latest/meta-data",
          "http://[::1]/",
          "http://[fd00::1]/",
          "http://0.0.0.0/"
        }) {
      ValidationException e = assertThrows(url, ValidationException.class, () -> strict.check(url));
      assertTrue(e.getMessage(), e.getMessage().contains("internal address"));
    }
    assertEquals(
        "http://127.0.0.1:8181/hook", lenient.check("http://127.0.0.1:8181/hook").toString());
  }
}
