package org.socialweave.rest.internal.filter;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.socialweave.core.io.LimitedInputStream;
import org.socialweave.rest.internal.BodyTooLargeException;
import org.socialweave.rest.internal.FakeJaxRs;
import org.socialweave.rest.internal.Json;
import org.socialweave.rest.internal.Problem;
import org.socialweave.rest.internal.ProblemMapper;
import org.socialweave.rest.internal.resource.WorkspaceResource;

/** A body past the security filter's limit, as the resources read it: a 413 problem. */
public class BodyLimitTest {

  private static InputStream limited(byte[] body, long limit) {
    return new LimitedInputStream(
        new ByteArrayInputStream(body), limit, BodyTooLargeException::new);
  }

  @Test
  public void theExceptionSaysTheLimit() {
    BodyTooLargeException e =
        assertThrows(
            BodyTooLargeException.class, () -> limited(new byte[10_000], 9_999).readAllBytes());
    assertEquals("the request body exceeds the limit of 9999 bytes", e.getMessage());
  }

  @Test
  public void jacksonReadingAnOversizedBodyEndsIn413() {
    byte[] big = ("{\"slug\":\"" + "x".repeat(50_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
    IOException e =
        assertThrows(
            IOException.class,
            () -> Json.MAPPER.readValue(limited(big, 4_096), WorkspaceResource.NewWorkspace.class));
    FakeJaxRs.install();
    Problem problem = (Problem) new ProblemMapper().toResponse(e).getEntity();
    assertEquals(413, problem.status());
    assertEquals("urn:socialweave:problem:body-too-large", problem.type());
  }
}
