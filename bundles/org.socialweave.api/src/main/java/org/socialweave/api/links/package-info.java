/**
 * Short links with UTM parameters and their clicks. {@link org.socialweave.api.links.LinkService}
 * is the entry point; the redirector answers at {@code /s/{code}}.
 */
package org.socialweave.api.links;
