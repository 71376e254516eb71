package org.socialweave.compliance.internal.shell;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.socialweave.api.compliance.ComplianceService;
import org.socialweave.api.compliance.Severity;
import org.socialweave.api.compliance.WordList;
import org.socialweave.api.error.SocialWeaveException;

@Service
@Command(
    scope = "socialweave",
    name = "wordlist-import",
    description =
        "Creates or replaces a workspace's word list from a UTF-8 text file, one word per line")
public class WordListImportCommand implements Action {

  /** Larger files are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  @Reference Session session;
  @Reference ComplianceService compliance;

  @Argument(index = 0, name = "workspace", description = "Workspace slug or id", required = true)
  @Completion(WorkspaceCompleter.class)
  String workspace;

  @Argument(index = 1, name = "list", description = "The list's name, e.g. banned", required = true)
  String list;

  @Argument(index = 2, name = "file", description = "UTF-8 text file", required = true)
  @Completion(FileCompleter.class)
  String file;

  @Option(name = "--severity", description = "BLOCK, WARN (default) or INFO")
  @Completion(
      value = StringsCompleter.class,
      values = {"BLOCK", "WARN", "INFO"})
  String severity = "WARN";

  @Override
  public Object execute() throws Exception {
    Path path = Path.of(file);
    String text;
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new CommandException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
              .toString();
    } catch (NoSuchFileException e) {
      throw new CommandException("no such file: " + file);
    } catch (CharacterCodingException e) {
      throw new CommandException(file + " is not UTF-8 text");
    }
    Severity level;
    try {
      level = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandException("severity is BLOCK, WARN or INFO, was " + severity);
    }
    try {
      WordList saved = compliance.importWordList(workspace, list, level, text, null, actor());
      session
          .getConsole()
          .printf("%s: %d words (%s)%n", saved.name(), saved.wordCount(), saved.severity());
    } catch (SocialWeaveException e) {
      throw new CommandException(e.title() + ": " + e.getMessage());
    }
    return null;
  }

  /** The shell's user (Karaf sets {@code USER} for ssh and client sessions), else "console". */
  private String actor() {
    Object user = session.get("USER");
    return user == null || user.toString().isBlank() ? "console" : user.toString();
  }
}
