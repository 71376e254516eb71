package org.socialweave.api.content;

import java.time.Instant;
import java.util.Map;

/**
 * The content of a post as it was at one revision.
 *
 * @param variantTexts the texts written for single channels at that revision
 */
public record PostRevision(
    int revision,
    String text,
    String title,
    String link,
    Map<String, String> variantTexts,
    String author,
    Instant createdAt) {}
