package org.socialweave.api.compliance;

import java.util.List;
import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * Runs the content checks and keeps each workspace's sensitive-word lists. Every state change is
 * written to the audit log.
 */
public interface ComplianceService {

  /** The most words one list may hold. */
  int MAX_WORDS_PER_LIST = 100_000;

  /** The longest word, in UTF-16 code units. */
  int MAX_WORD_LENGTH = 100;

  /**
   * Runs every registered check on {@code subject} with the workspace's word lists.
   *
   * @param workspaceId a workspace id or slug
   * @throws org.socialweave.api.error.NotFoundException when there is no such workspace
   */
  CheckReport check(String workspaceId, CheckSubject subject);

  /** Runs every registered check on {@code subject} without any workspace's word lists. */
  CheckReport check(CheckSubject subject);

  /** The checks registered now, by id. */
  List<String> checks();

  /** The workspace's word lists, by name. */
  Page<WordList> wordLists(String workspaceId, PageRequest page);

  /** One word list; {@link org.socialweave.api.error.NotFoundException} when there is none. */
  WordList wordList(String workspaceId, String name);

  /**
   * Creates the list or replaces all its words. Blank entries are dropped, surrounding white space
   * is trimmed, duplicates are kept once; words are matched literally (no patterns).
   *
   * @param expectedVersion the {@link WordList#version()} the caller replaces, or {@code null} to
   *     create the list or replace whatever version is there
   * @param actor who made the change, for the audit log
   * @throws org.socialweave.api.error.ValidationException for a bad name, too many or too long
   *     words, or a word without any letter or digit
   * @throws org.socialweave.api.error.PreconditionFailedException when {@code expectedVersion} is
   *     not the list's version (or there is no list)
   */
  WordList replaceWordList(
      String workspaceId,
      String name,
      Severity severity,
      List<String> words,
      Long expectedVersion,
      String actor);

  /**
   * Like {@link #replaceWordList} with the words of a plain text, one word per line ({@code #}
   * starts a comment line).
   */
  WordList importWordList(
      String workspaceId,
      String name,
      Severity severity,
      String text,
      Long expectedVersion,
      String actor);

  /** The list's words as plain text, one per line, sorted. */
  String exportWordList(String workspaceId, String name);

  /** Deletes the list; {@link org.socialweave.api.error.NotFoundException} when there is none. */
  void deleteWordList(String workspaceId, String name, String actor);

  /** The workspace's settings of every registered check (and of checks that left). */
  CheckSettings checkSettings(String workspaceId);

  /**
   * Replaces the workspace's check settings: a check not named in {@code changes} goes back to its
   * defaults (enabled, its own severity, its parameters' defaults).
   *
   * @param expectedVersion the {@link CheckSettings#version()} the caller replaces, or {@code null}
   *     to replace whatever is there
   * @throws org.socialweave.api.error.ValidationException for an unknown check or parameter, a
   *     value that does not fit the parameter's type, or a check named twice
   * @throws org.socialweave.api.error.PreconditionFailedException for a stale version
   */
  CheckSettings replaceCheckSettings(
      String workspaceId,
      java.util.List<CheckSettings.Change> changes,
      Long expectedVersion,
      String actor);
}
