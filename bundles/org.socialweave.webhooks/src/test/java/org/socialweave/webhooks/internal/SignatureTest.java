package org.socialweave.webhooks.internal;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class SignatureTest {

  @Test
  public void matchesAVectorComputedElsewhere() {
    // python3: hmac.new(b'whsec_test_secret', b'1700000000.' + body, hashlib.sha256).hexdigest()
    byte[] body = "{\"id\":\"evt_1\",\"type\":\"post.published\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "t=1700000000,v1=6f607e69cbbd84db9c32240edf849a655c361b3995b9f29f69da035915f2d602",
        Signature.header("whsec_test_secret", 1700000000L, body));
  }
}
