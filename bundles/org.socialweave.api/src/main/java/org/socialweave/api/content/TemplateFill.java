package org.socialweave.api.content;

import java.util.List;

/**
 * What a template puts into a new post: the draft (snippets expanded) and the template's tags.
 *
 * @param templateId the template the draft came from
 */
public record TemplateFill(String templateId, PostDraft draft, List<String> tags) {

  public TemplateFill {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
