package org.socialweave.api.content;

/**
 * Imports posts from CSV (RFC 4180, a header row). Columns, in any order and case: {@code text} and
 * {@code channels} (required; channel ids or display names separated by {@code |} or {@code ;}),
 * {@code scheduledAt} (an ISO-8601 instant or offset time) or {@code localTime} (a wall-clock time
 * such as {@code 2026-12-08T09:00} in {@code timeZone}, else in the workspace's zone), {@code
 * timeZone}, {@code campaign} (id or name), {@code title}, {@code link}.
 *
 * <p>A file with any error is refused as a whole and nothing is saved; otherwise every row becomes
 * a post, scheduled when it has a time.
 */
public interface PostImportService {

  /** The largest file accepted, in bytes. */
  int MAX_BYTES = 1024 * 1024;

  /** The most posts one file may hold. */
  int MAX_ROWS = 1000;

  /**
   * @param charset the file's character set (e.g. {@code GBK}), or {@code null} to detect it: UTF-8
   *     (with or without a byte order mark) when the bytes are valid UTF-8, else GB18030, the
   *     superset of GBK and GB2312
   * @param dryRun {@code true} for a preview that checks every row and saves nothing
   * @throws org.socialweave.api.error.SocialWeaveException 413 for a file over {@link #MAX_BYTES},
   *     422 for a real import of a file with errors (the preview lists them all)
   * @throws org.socialweave.api.error.ValidationException for an unknown {@code charset}
   */
  ImportReport importCsv(
      String workspaceId, byte[] csv, String charset, boolean dryRun, String actor);
}
