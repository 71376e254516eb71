package org.socialweave.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.socialweave.api.ApiToken;
import org.socialweave.api.TokenService;
import org.socialweave.api.audit.AuditLog;
import org.socialweave.api.error.NotFoundException;

@Service
@Command(scope = "socialweave", name = "token-revoke", description = "Revokes an API token")
public class TokenRevokeCommand extends SocialWeaveCommand {

  @Reference TokenService tokens;
  @Reference AuditLog auditLog;

  @Argument(index = 0, name = "tokenId", description = "Id of the token", required = true)
  @Completion(TokenIdCompleter.class)
  String tokenId;

  @Override
  protected void run() throws Exception {
    ApiToken token =
        audited(
            auditLog,
            "token-revoke",
            "token:" + tokenId,
            ctx -> {
              ApiToken found =
                  tokens.find(tokenId).orElseThrow(() -> new NotFoundException("token", tokenId));
              ctx.workspaceId = found.workspaceId();
              tokens.revoke(found.id());
              return found;
            });
    out().println("Revoked token " + token.id() + " (" + token.name() + ")");
  }
}
