package org.socialweave.api.content;

import org.socialweave.api.Page;
import org.socialweave.api.PageRequest;

/**
 * Templates and snippets of a workspace. Snippet references ({@code {{snippet:<name>}}}) are
 * checked when a template is saved and expanded when a post is saved; every change is audited.
 */
public interface TemplateService {

  /**
   * @throws org.socialweave.api.error.ValidationException for a bad field or an unknown snippet
   * @throws org.socialweave.api.error.ConflictException when the name is taken
   */
  Template create(String workspaceId, TemplateDraft draft, String actor);

  /**
   * @throws org.socialweave.api.error.NotFoundException when the template is not in the workspace
   */
  Template get(String workspaceId, String templateId);

  Page<Template> list(String workspaceId, PageRequest page);

  /**
   * @throws org.socialweave.api.error.PreconditionFailedException when {@code expectedVersion} is
   *     stale
   */
  Template update(
      String workspaceId,
      String templateId,
      TemplateDraft draft,
      long expectedVersion,
      String actor);

  void delete(String workspaceId, String templateId, String actor);

  /**
   * The post draft the template fills in, its snippets expanded; {@code timeZone} may be {@code
   * null} (the workspace's).
   */
  TemplateFill fill(String workspaceId, String templateId, String timeZone);

  Snippet createSnippet(String workspaceId, SnippetDraft draft, String actor);

  /**
   * @param idOrName the snippet's id or its name
   */
  Snippet getSnippet(String workspaceId, String idOrName);

  Page<Snippet> listSnippets(String workspaceId, PageRequest page);

  Snippet updateSnippet(
      String workspaceId, String snippetId, SnippetDraft draft, long expectedVersion, String actor);

  void deleteSnippet(String workspaceId, String snippetId, String actor);

  /**
   * Replaces every {@code {{snippet:<name>}}} in {@code text} by the snippet's text.
   *
   * @param field the request field the text came from, named in the error
   * @throws org.socialweave.api.error.ValidationException naming {@code field} and the snippet when
   *     a reference names no snippet of the workspace
   */
  String expand(String workspaceId, String text, String field);
}
