package org.socialweave.rest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.error.SocialWeaveException;
import org.socialweave.api.error.ValidationException;

/** Turns every failure into problem+json; unexpected ones are logged, never shown. */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(RestApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable error) {
    return problemFor(error).at(path()).toResponse();
  }

  private String path() {
    try {
      return uriInfo == null ? null : "/" + uriInfo.getPath();
    } catch (RuntimeException outsideRequest) {
      return null;
    }
  }

  /**
   * A network's refusal, by its classification: a grant to renew is the caller's to fix (409),
   * content the network refused is 422, anything else is the network's failure (502). The raw
   * answer stays in the logs' reach, never in the response.
   */
  static Problem networkProblem(ConnectorException e) {
    String detail =
        e.networkId()
            + ": "
            + e.kind()
            + (e.networkCode() == null ? "" : " " + e.networkCode())
            + (e.networkMessage() == null ? "" : ": " + e.networkMessage());
    return switch (e.kind()) {
      case AUTH_EXPIRED, AUTH_REVOKED ->
          Problem.of(409, "channel-needs-reconnect", "The channel needs a reconnect", detail);
      case CONTENT_REJECTED, MEDIA_REJECTED, DUPLICATE ->
          Problem.of(422, "network-rejected", "The network refused the content", detail);
      default -> Problem.of(502, "network-failed", "The network call failed", detail);
    };
  }

  static Problem problemFor(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ValidationException v) {
        return Problem.of(v.status(), v.type(), v.title(), v.getMessage()).onField(v.field());
      }
      if (cause instanceof SocialWeaveException e) {
        return Problem.of(e.status(), e.type(), e.title(), e.getMessage());
      }
      if (cause instanceof ConnectorException network) {
        return networkProblem(network);
      }
      if (cause instanceof BodyTooLargeException tooLarge) {
        return Problem.of(413, "body-too-large", "Request body too large", tooLarge.getMessage());
      }
      if (cause instanceof JsonProcessingException json) {
        return jsonProblem(json);
      }
    }
    if (error instanceof WebApplicationException web) {
      // Filters throw with a problem already built (e.g. 413): keep its stable type and detail.
      if (web.getResponse().getEntity() instanceof Problem problem) {
        return problem;
      }
      return webProblem(web.getResponse().getStatus());
    }
    LOG.error("Unexpected error in a REST call", error);
    return Problem.of(
        500, "internal", "Internal error", "an unexpected error was logged on the server");
  }

  private static Problem jsonProblem(JsonProcessingException json) {
    if (json instanceof UnrecognizedPropertyException unknown) {
      return Problem.of(
              400,
              "malformed-body",
              "Malformed request body",
              "unknown field '" + unknown.getPropertyName() + "'")
          .onField(unknown.getPropertyName());
    }
    if (json instanceof InvalidFormatException invalid) {
      String field = pathOf(invalid);
      String allowed =
          invalid.getTargetType() != null && invalid.getTargetType().isEnum()
              ? "; allowed: "
                  + java.util.Arrays.stream(invalid.getTargetType().getEnumConstants())
                      .map(Object::toString)
                      .collect(Collectors.joining(", "))
              : "";
      return Problem.of(
              400,
              "malformed-body",
              "Malformed request body",
              "'" + invalid.getValue() + "' is not a valid value for '" + field + "'" + allowed)
          .onField(field);
    }
    if (json instanceof JsonMappingException mapping
        && mapping.getCause() instanceof JsonParseException) {
      // A syntax or encoding error (e.g. invalid UTF-8) met inside a field: not a type mismatch.
      Problem notJson = notValidJson();
      return mapping.getPath().isEmpty() ? notJson : notJson.onField(pathOf(mapping));
    }
    if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = pathOf(mapping);
      return Problem.of(
              400,
              "malformed-body",
              "Malformed request body",
              "wrong type for field '" + field + "'")
          .onField(field);
    }
    return notValidJson();
  }

  private static Problem notValidJson() {
    return Problem.of(
        400, "malformed-body", "Malformed request body", "the body is not valid JSON (UTF-8)");
  }

  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static Problem webProblem(int status) {
    return switch (status) {
      case 400 ->
          Problem.of(400, "bad-request", "Bad request", "the request could not be understood");
      case 401 ->
          Problem.of(
              401,
              "unauthenticated",
              "Authentication required",
              "log in or send a valid API token");
      case 403 -> Problem.of(403, "forbidden", "Forbidden", "your role does not allow this");
      case 404 -> Problem.of(404, "not-found", "Not found", "no such resource");
      case 405 ->
          Problem.of(
              405,
              "method-not-allowed",
              "Method not allowed",
              "this resource does not support that method");
      case 406 ->
          Problem.of(
              406, "not-acceptable", "Not acceptable", "this resource answers application/json");
      case 415 ->
          Problem.of(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "send the body as application/json");
      default ->
          Problem.of(
              status, "http-" + status, "HTTP " + status, "the request failed with HTTP " + status);
    };
  }
}
