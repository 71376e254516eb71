package org.socialweave.media.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts bytes as an upload streams and fails the read that passes the limit. */
final class SizeLimitedStream extends FilterInputStream {

  /** The read that passed the limit; nothing of the upload may be kept. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(long limit) {
      super("the upload exceeds " + limit + " bytes");
    }
  }

  private final long limit;
  private long read;

  SizeLimitedStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
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

  private void count(long n) throws LimitExceeded {
    read += n;
    if (read > limit) {
      throw new LimitExceeded(limit);
    }
  }
}
