/**
 * The media library: uploaded images and videos of a workspace, sniffed from their bytes, measured
 * (dimensions, duration, codecs), de-duplicated by content hash and kept in a {@link
 * org.socialweave.api.media.BlobStore}. {@link org.socialweave.api.media.MediaLibrary} is the entry
 * point; {@link org.socialweave.api.media.MediaLibrary#ref} hands an asset to a connector and
 * {@link org.socialweave.api.media.MediaLibrary#problems} checks it against a network before
 * scheduling.
 */
package org.socialweave.api.media;
