package org.socialweave.api.content;

import java.util.List;

/**
 * The outcome of a CSV import or of its preview.
 *
 * @param dryRun whether this was a preview: nothing was saved
 * @param charset the character set the file was read in, given or detected
 * @param rows the number of post rows read, without the header
 * @param errors every problem found; a file with any error is refused as a whole
 * @param warnings what would change without being an error (a text cut to a network's limit)
 * @param postIds the posts created, in row order; empty for a preview
 */
public record ImportReport(
    boolean dryRun,
    String charset,
    int rows,
    List<ImportProblem> errors,
    List<ImportProblem> warnings,
    List<String> postIds) {

  public ImportReport {
    errors = errors == null ? List.of() : List.copyOf(errors);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    postIds = postIds == null ? List.of() : List.copyOf(postIds);
  }
}
