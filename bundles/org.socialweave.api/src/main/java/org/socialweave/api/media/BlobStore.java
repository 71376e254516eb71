package org.socialweave.api.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed storage of bytes: a blob's key is the lower-case hex SHA-256 of its content, so
 * the same bytes are stored once however often they are put. The default implementation keeps files
 * under Karaf's {@code data/}; an S3-compatible store can implement the same contract.
 *
 * <p>Implementations never expose a partly written blob: a put that fails (an I/O error, or a
 * stream that throws because it exceeded a limit) leaves nothing behind.
 */
public interface BlobStore {

  /** What a put stored: the content key and the number of bytes. */
  record StoredBlob(String key, long sizeBytes) {}

  /**
   * Reads {@code content} to its end, hashing it while it streams, and stores it under its key. The
   * caller closes {@code content}. Putting bytes that are already stored changes nothing.
   *
   * @throws IOException when reading or writing fails; nothing is stored then
   */
  StoredBlob put(InputStream content) throws IOException;

  /**
   * Opens a stored blob; the caller closes the stream.
   *
   * @throws java.nio.file.NoSuchFileException when no blob has this key
   * @throws IllegalArgumentException when {@code key} is not a SHA-256 hex key
   */
  InputStream open(String key) throws IOException;

  /** Whether a blob with this key is stored. */
  boolean exists(String key);

  /**
   * Removes a blob. The caller makes sure nothing refers to it any more.
   *
   * @return whether a blob was removed
   */
  boolean delete(String key) throws IOException;
}
