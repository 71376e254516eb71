package org.socialweave.rest.internal;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error, so clients can switch on
 * it; {@code field} names the offending input where there is one.
 */
public record Problem(
    String type, String title, int status, String detail, String instance, String field) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_PREFIX = "urn:socialweave:problem:";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_PREFIX + slug, title, status, detail, null, null);
  }

  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, field);
  }

  public Problem onField(String name) {
    return new Problem(type, title, status, detail, instance, name);
  }

  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}
