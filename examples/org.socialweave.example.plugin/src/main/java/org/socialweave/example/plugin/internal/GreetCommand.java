package org.socialweave.example.plugin.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.socialweave.api.error.SocialWeaveException;

/** {@code socialweave:example-greet [--lang zh|en] <name>}: prints a greeting on the console. */
@Service
@Command(
    scope = "socialweave",
    name = "example-greet",
    description = "Greets someone in Chinese or English (example plug-in)")
public class GreetCommand implements Action {

  @Reference Session session;

  @Option(
      name = "--lang",
      aliases = {"-l"},
      description = "Language of the greeting: zh or en (default en)")
  @Completion(LanguageCompleter.class)
  String lang;

  @Argument(index = 0, name = "name", description = "Who to greet", required = true)
  String name;

  /** Where the command prints; the session console unless a test sets it. */
  PrintStream out;

  @Override
  public Object execute() throws Exception {
    Greeter.Greeting greeting;
    try {
      greeting = Greeter.greet(lang, name);
    } catch (SocialWeaveException e) {
      // One line, no stack trace, and a failure status for scripts.
      throw new CommandException(e.title() + ": " + e.getMessage());
    }
    (out != null ? out : session.getConsole()).println(greeting.greeting());
    return null;
  }
}
