package org.socialweave.core.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class LimitedInputStreamTest {

  /** What a caller throws past its limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("more than " + limit + " bytes");
    }
  }

  private static InputStream limited(byte[] body, long limit) {
    return new LimitedInputStream(new ByteArrayInputStream(body), limit, TooLarge::new);
  }

  @Test
  public void passesABodyUnderOrAtTheLimit() throws IOException {
    byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(body, limited(body, 10).readAllBytes());
    assertArrayEquals(body, limited(body, 11).readAllBytes());
  }

  @Test
  public void throwsTheCallersExceptionPastTheLimitWithBulkReads() {
    TooLarge e =
        assertThrows(TooLarge.class, () -> limited(new byte[10_000], 9_999).readAllBytes());
    assertEquals("more than 9999 bytes", e.getMessage());
  }

  @Test
  public void throwsPastTheLimitWithSingleByteReads() throws IOException {
    InputStream in = limited(new byte[] {1, 2, 3, 4}, 3);
    assertEquals(1, in.read());
    assertEquals(2, in.read());
    assertEquals(3, in.read());
    assertThrows(TooLarge.class, in::read);
  }

  @Test
  public void skippedBytesCount() throws IOException {
    InputStream in = limited(new byte[10], 5);
    assertEquals(4, in.skip(4));
    assertThrows(TooLarge.class, () -> in.skip(4));
  }

  @Test
  public void endOfStreamIsNotCounted() throws IOException {
    InputStream in = limited(new byte[] {1, 2}, 2);
    assertEquals(2, in.read(new byte[8], 0, 8));
    assertEquals(-1, in.read());
    assertEquals(-1, in.read(new byte[8], 0, 8));
  }
}
