package org.socialweave.shell.internal;

import static org.junit.Assert.assertThrows;

import org.apache.karaf.shell.support.CommandException;

/** Fresh fakes per test and a way to run a command as user "root-admin". */
abstract class CommandTestBase {

  static final String ACTOR = "root-admin";

  final Fakes.Users users = new Fakes.Users();
  final Fakes.Workspaces workspaces = new Fakes.Workspaces(users);
  final Fakes.Tokens tokens = new Fakes.Tokens();
  final Fakes.Audit audit = new Fakes.Audit();
  final Fakes.Output output = new Fakes.Output();

  <C extends SocialWeaveCommand> C wire(C command) {
    command.out = output.stream;
    command.actor = ACTOR;
    return command;
  }

  /** Runs a command that must fail and returns the one-line message the console shows. */
  static String failure(SocialWeaveCommand command) {
    return assertThrows(CommandException.class, command::execute).getMessage();
  }
}
