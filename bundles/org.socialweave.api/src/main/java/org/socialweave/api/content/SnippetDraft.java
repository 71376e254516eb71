package org.socialweave.api.content;

/** A snippet as its author writes it; see {@link Snippet}. */
public record SnippetDraft(String name, String text) {}
