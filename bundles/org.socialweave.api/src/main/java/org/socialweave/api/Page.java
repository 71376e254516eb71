package org.socialweave.api;

import java.util.List;

/** One page of a list and the opaque cursor of the next page, or {@code null} at the end. */
public record Page<T>(List<T> items, String nextCursor) {}
