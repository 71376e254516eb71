package org.socialweave.api.content;

/**
 * What is wrong with one row of an import, or with the file itself.
 *
 * @param row the row as a spreadsheet numbers it: 1 is the header, 2 the first post; a quoted cell
 *     over several lines still counts as one row; 0 means the file as a whole (empty, not text)
 * @param column the header name of the offending cell, or {@code null} for the whole row
 */
public record ImportProblem(int row, String column, String message) {}
