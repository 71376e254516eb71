package org.socialweave.rest.internal;

import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.core.Application;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.GenericType;
import javax.ws.rs.core.Link;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.NewCookie;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.Variant;
import javax.ws.rs.ext.RuntimeDelegate;

/**
 * Just enough of a JAX-RS runtime for unit tests: {@code Response} building (status, entity,
 * headers) and {@code MediaType} parsing. CXF is not on the test class path.
 */
public final class FakeJaxRs extends RuntimeDelegate {

  /** Public for {@code META-INF/services}, so classes that look the runtime up early find it. */
  public FakeJaxRs() {}

  /** Installs the fake as the JAX-RS runtime of this JVM; idempotent. */
  public static synchronized void install() {
    RuntimeDelegate.setInstance(new FakeJaxRs());
  }

  @Override
  public Response.ResponseBuilder createResponseBuilder() {
    return new Builder();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> type) {
    if (type == MediaType.class) {
      return (HeaderDelegate<T>) new MediaTypeDelegate();
    }
    if (type == EntityTag.class) {
      return (HeaderDelegate<T>) new EntityTagDelegate();
    }
    // Cookie, NewCookie, CacheControl... look theirs up when their class loads; unused here.
    return new HeaderDelegate<T>() {
      @Override
      public T fromString(String value) {
        throw new UnsupportedOperationException("no header parsing for " + type);
      }

      @Override
      public String toString(T value) {
        throw new UnsupportedOperationException("no header writing for " + type);
      }
    };
  }

  @Override
  public UriBuilder createUriBuilder() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Variant.VariantListBuilder createVariantListBuilder() {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T createEndpoint(Application application, Class<T> endpointType) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Link.Builder createLinkBuilder() {
    throw new UnsupportedOperationException();
  }

  private static final class MediaTypeDelegate implements HeaderDelegate<MediaType> {
    @Override
    public MediaType fromString(String value) {
      String[] parts = value.split(";")[0].strip().split("/", 2);
      return new MediaType(parts[0], parts.length > 1 ? parts[1] : "*");
    }

    @Override
    public String toString(MediaType value) {
      return value.getType() + "/" + value.getSubtype();
    }
  }

  private static final class EntityTagDelegate implements HeaderDelegate<EntityTag> {
    @Override
    public EntityTag fromString(String value) {
      boolean weak = value.startsWith("W/");
      return new EntityTag((weak ? value.substring(2) : value).replace("\"", ""), weak);
    }

    @Override
    public String toString(EntityTag tag) {
      return (tag.isWeak() ? "W/" : "") + '"' + tag.getValue() + '"';
    }
  }

  private static final class Builder extends Response.ResponseBuilder {
    private int status = 200;
    private Object entity;
    private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

    @Override
    public Response build() {
      return new FakeResponse(status, entity, headers);
    }

    @Override
    public Response.ResponseBuilder clone() {
      Builder copy = new Builder();
      copy.status = status;
      copy.entity = entity;
      copy.headers.putAll(headers);
      return copy;
    }

    @Override
    public Response.ResponseBuilder status(int code) {
      this.status = code;
      return this;
    }

    @Override
    public Response.ResponseBuilder status(int code, String reason) {
      return status(code);
    }

    @Override
    public Response.ResponseBuilder entity(Object value) {
      this.entity = value;
      return this;
    }

    @Override
    public Response.ResponseBuilder entity(Object value, Annotation[] annotations) {
      return entity(value);
    }

    @Override
    public Response.ResponseBuilder allow(String... methods) {
      return allow(new LinkedHashSet<>(List.of(methods)));
    }

    @Override
    public Response.ResponseBuilder allow(Set<String> methods) {
      return header("Allow", String.join(",", methods));
    }

    @Override
    public Response.ResponseBuilder cacheControl(CacheControl cacheControl) {
      return header("Cache-Control", cacheControl);
    }

    @Override
    public Response.ResponseBuilder encoding(String encoding) {
      return header("Content-Encoding", encoding);
    }

    @Override
    public Response.ResponseBuilder header(String name, Object value) {
      if (value == null) {
        headers.remove(name);
      } else {
        headers.add(name, value);
      }
      return this;
    }

    @Override
    public Response.ResponseBuilder replaceAll(MultivaluedMap<String, Object> all) {
      headers.clear();
      if (all != null) {
        headers.putAll(all);
      }
      return this;
    }

    @Override
    public Response.ResponseBuilder language(String language) {
      return header("Content-Language", language);
    }

    @Override
    public Response.ResponseBuilder language(Locale language) {
      return header("Content-Language", language);
    }

    @Override
    public Response.ResponseBuilder type(MediaType type) {
      return header("Content-Type", type);
    }

    @Override
    public Response.ResponseBuilder type(String type) {
      return type(MediaType.valueOf(type));
    }

    @Override
    public Response.ResponseBuilder variant(Variant variant) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder contentLocation(URI location) {
      return header("Content-Location", location);
    }

    @Override
    public Response.ResponseBuilder cookie(NewCookie... cookies) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder expires(Date expires) {
      return header("Expires", expires);
    }

    @Override
    public Response.ResponseBuilder lastModified(Date lastModified) {
      return header("Last-Modified", lastModified);
    }

    @Override
    public Response.ResponseBuilder location(URI location) {
      return header("Location", location);
    }

    @Override
    public Response.ResponseBuilder tag(EntityTag tag) {
      return header("ETag", tag);
    }

    @Override
    public Response.ResponseBuilder tag(String tag) {
      return tag(new EntityTag(tag));
    }

    @Override
    public Response.ResponseBuilder variants(Variant... variants) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder variants(List<Variant> variants) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder links(Link... links) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder link(URI uri, String rel) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Response.ResponseBuilder link(String uri, String rel) {
      throw new UnsupportedOperationException();
    }
  }

  /** A built response: status, entity and headers, nothing else. */
  public static final class FakeResponse extends Response {
    private final int status;
    private final Object entity;
    private final MultivaluedMap<String, Object> headers;

    FakeResponse(int status, Object entity, MultivaluedMap<String, Object> headers) {
      this.status = status;
      this.entity = entity;
      this.headers = new MultivaluedHashMap<>();
      this.headers.putAll(headers);
    }

    @Override
    public int getStatus() {
      return status;
    }

    @Override
    public StatusType getStatusInfo() {
      Status known = Status.fromStatusCode(status);
      if (known != null) {
        return known;
      }
      return new StatusType() {
        @Override
        public int getStatusCode() {
          return status;
        }

        @Override
        public Status.Family getFamily() {
          return Status.Family.familyOf(status);
        }

        @Override
        public String getReasonPhrase() {
          return "HTTP " + status;
        }
      };
    }

    @Override
    public Object getEntity() {
      return entity;
    }

    @Override
    public <T> T readEntity(Class<T> type) {
      return type.cast(entity);
    }

    @Override
    public <T> T readEntity(GenericType<T> type) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> T readEntity(Class<T> type, Annotation[] annotations) {
      return readEntity(type);
    }

    @Override
    public <T> T readEntity(GenericType<T> type, Annotation[] annotations) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasEntity() {
      return entity != null;
    }

    @Override
    public boolean bufferEntity() {
      return false;
    }

    @Override
    public void close() {}

    @Override
    public MediaType getMediaType() {
      return (MediaType) headers.getFirst("Content-Type");
    }

    @Override
    public Locale getLanguage() {
      return null;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public Set<String> getAllowedMethods() {
      Object allow = headers.getFirst("Allow");
      return allow == null ? Set.of() : Set.of(allow.toString().split(","));
    }

    @Override
    public Map<String, NewCookie> getCookies() {
      return Map.of();
    }

    @Override
    public EntityTag getEntityTag() {
      return (EntityTag) headers.getFirst("ETag");
    }

    @Override
    public Date getDate() {
      return null;
    }

    @Override
    public Date getLastModified() {
      return null;
    }

    @Override
    public URI getLocation() {
      return (URI) headers.getFirst("Location");
    }

    @Override
    public Set<Link> getLinks() {
      return Set.of();
    }

    @Override
    public boolean hasLink(String relation) {
      return false;
    }

    @Override
    public Link getLink(String relation) {
      return null;
    }

    @Override
    public Link.Builder getLinkBuilder(String relation) {
      return null;
    }

    @Override
    public MultivaluedMap<String, Object> getMetadata() {
      return headers;
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
      MultivaluedMap<String, String> strings = new MultivaluedHashMap<>();
      headers.forEach((k, vs) -> vs.forEach(v -> strings.add(k, String.valueOf(v))));
      return strings;
    }

    @Override
    public String getHeaderString(String name) {
      Object value = headers.getFirst(name);
      return value == null ? null : String.valueOf(value);
    }
  }
}
