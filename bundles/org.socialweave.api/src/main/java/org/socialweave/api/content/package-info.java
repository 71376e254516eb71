/**
 * Content: posts with a master copy and one variant per channel, their revisions and the calendar.
 * {@link org.socialweave.api.content.PostService} is the entry point.
 */
package org.socialweave.api.content;
