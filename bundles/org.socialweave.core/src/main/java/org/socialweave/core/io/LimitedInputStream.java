package org.socialweave.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * A stream that fails, with the caller's exception, on the read that passes a byte limit: a request
 * body or an upload is refused while it streams, before more than the limit is buffered or stored.
 * The end of the stream is not counted, so a body of exactly the limit passes.
 */
public final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private final LongFunction<? extends IOException> exceeded;
  private long read;

  /**
   * @param exceeded makes the exception thrown past the limit, given the limit
   */
  public LimitedInputStream(
      InputStream in, long limit, LongFunction<? extends IOException> exceeded) {
    super(in);
    this.limit = limit;
    this.exceeded = exceeded;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  private void count(long n) throws IOException {
    read += n;
    if (read > limit) {
      throw exceeded.apply(limit);
    }
  }
}
