package org.socialweave.rest.internal.filter;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.socialweave.rest.internal.BodyTooLargeException;
import org.socialweave.rest.internal.FakeJaxRs;
import org.socialweave.rest.internal.Json;
import org.socialweave.rest.internal.Problem;
import org.socialweave.rest.internal.ProblemMapper;
import org.socialweave.rest.internal.resource.WorkspaceResource;

public class LimitedStreamTest {

  private static InputStream limited(byte[] body, long limit) {
    return new SecurityFilter.LimitedStream(new ByteArrayInputStream(body), limit);
  }

  @Test
  public void passesABodyUnderOrAtTheLimit() throws IOException {
    byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(body, limited(body, 10).readAllBytes());
    assertArrayEquals(body, limited(body, 11).readAllBytes());
  }

  @Test
  public void throwsPastTheLimitWithBulkReads() {
    byte[] body = new byte[10_000];
    BodyTooLargeException e =
        assertThrows(BodyTooLargeException.class, () -> limited(body, 9_999).readAllBytes());
    assertEquals("the request body exceeds the limit of 9999 bytes", e.getMessage());
  }

  @Test
  public void throwsPastTheLimitWithSingleByteReads() throws IOException {
    InputStream in = limited(new byte[] {1, 2, 3, 4}, 3);
    assertEquals(1, in.read());
    assertEquals(2, in.read());
    assertEquals(3, in.read());
    assertThrows(BodyTooLargeException.class, in::read);
  }

  @Test
  public void endOfStreamIsNotCounted() throws IOException {
    InputStream in = limited(new byte[] {1, 2}, 2);
    assertEquals(2, in.read(new byte[8], 0, 8));
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[8], 0, 8));
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
