package org.socialweave.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.socialweave.media.cfg}. */
@ObjectClassDefinition(name = "SocialWeave media library")
public @interface MediaConfig {

  @AttributeDefinition(
      description =
          "Where the filesystem blob store keeps the bytes; empty means"
              + " ${karaf.data}/socialweave/blobs. Several nodes need a shared directory here (or"
              + " another BlobStore)")
  String blobDirectory() default "";

  @AttributeDefinition(
      description =
          "Largest accepted upload in bytes, enforced while the upload streams (512 MiB by"
              + " default); the REST API's general body limit does not apply to uploads")
  long maxUploadBytes() default 512L * 1024 * 1024;

  @AttributeDefinition(description = "The longer side of image thumbnails, in pixels")
  int thumbnailPixels() default 320;
}
