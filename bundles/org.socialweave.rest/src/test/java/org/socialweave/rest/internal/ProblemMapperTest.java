package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.ProcessingException;
import javax.ws.rs.WebApplicationException;
import org.junit.BeforeClass;
import org.junit.Test;
import org.socialweave.api.connector.ConnectorException;
import org.socialweave.api.connector.ErrorKind;
import org.socialweave.api.error.ConflictException;
import org.socialweave.api.error.NotFoundException;
import org.socialweave.api.error.PreconditionFailedException;
import org.socialweave.api.error.ValidationException;
import org.socialweave.api.security.Role;
import org.socialweave.rest.internal.resource.SessionResource;
import org.socialweave.rest.internal.resource.TokenResource;
import org.socialweave.rest.internal.resource.UserResource;
import org.socialweave.rest.internal.resource.WorkspaceResource;

public class ProblemMapperTest {

  private static final String PREFIX = "urn:socialweave:problem:";

  @BeforeClass
  public static void runtime() {
    FakeJaxRs.install();
  }

  // --- SocialWeave exceptions ---------------------------------------------------------------

  @Test
  public void validationIsBadRequestNamingTheField() {
    Problem p = ProblemMapper.problemFor(new ValidationException("slug", "slug is taken"));
    assertEquals(400, p.status());
    assertEquals(PREFIX + "validation", p.type());
    assertEquals("slug is taken", p.detail());
    assertEquals("slug", p.field());
  }

  @Test
  public void notFoundConflictAndPreconditionKeepStatusAndStableType() {
    Problem notFound = ProblemMapper.problemFor(new NotFoundException("workspace", "acme"));
    assertEquals(404, notFound.status());
    assertEquals(PREFIX + "not-found", notFound.type());
    assertEquals("workspace 'acme' does not exist", notFound.detail());
    assertNull(notFound.field());

    Problem conflict = ProblemMapper.problemFor(new ConflictException("slug 'acme' is taken"));
    assertEquals(409, conflict.status());
    assertEquals(PREFIX + "conflict", conflict.type());
    assertEquals("slug 'acme' is taken", conflict.detail());

    Problem stale = ProblemMapper.problemFor(new PreconditionFailedException("changed"));
    assertEquals(412, stale.status());
    assertEquals(PREFIX + "precondition-failed", stale.type());
    assertEquals("Precondition failed", stale.title());
  }

  @Test
  public void networkFailuresAreClassifiedWithoutTheRawAnswer() {
    Problem revoked =
        ProblemMapper.problemFor(
            ConnectorException.builder(ErrorKind.AUTH_REVOKED, "x")
                .networkCode("invalid_grant")
                .rawResponse("{\"secret\":\"raw\"}")
                .build());
    assertEquals(409, revoked.status());
    assertEquals(PREFIX + "channel-needs-reconnect", revoked.type());
    assertEquals("x: AUTH_REVOKED invalid_grant", revoked.detail());
    Problem rejected =
        ProblemMapper.problemFor(
            ConnectorException.contentRejected("weibo", "20019", "repeated content", null));
    assertEquals(422, rejected.status());
    assertEquals("weibo: CONTENT_REJECTED 20019: repeated content", rejected.detail());
    Problem failed =
        ProblemMapper.problemFor(
            new RuntimeException(ConnectorException.transientFailure("x", "timeout", null)));
    assertEquals(502, failed.status());
    assertEquals(PREFIX + "network-failed", failed.type());
  }

  @Test
  public void socialWeaveExceptionIsFoundInsideAWrapper() {
    Problem p =
        ProblemMapper.problemFor(new RuntimeException(new NotFoundException("user", "bob")));
    assertEquals(404, p.status());
    assertEquals(PREFIX + "not-found", p.type());
  }

  @Test
  public void bodyTooLargeNestedInAnotherExceptionIs413() {
    Throwable nested =
        new ProcessingException(new UncheckedIOException(new BodyTooLargeException(1024)));
    Problem p = ProblemMapper.problemFor(nested);
    assertEquals(413, p.status());
    assertEquals(PREFIX + "body-too-large", p.type());
    assertTrue(p.detail(), p.detail().contains("1024"));
  }

  // --- Jackson errors from really parsing bad bodies -----------------------------------------

  @Test
  public void malformedJsonIsMalformedBody() {
    Problem p = parse("{\"slug\":", WorkspaceResource.NewWorkspace.class);
    assertMalformed(p);
    assertTrue(p.detail(), p.detail().contains("not valid JSON"));
    assertNull(p.field());
  }

  @Test
  public void invalidUtf8InsideAFieldIsReportedAsEncodingNotAsWrongType() {
    byte[] body = {'{', '"', 's', 'l', 'u', 'g', '"', ':', '"', (byte) 0xff, '"', '}'};
    Problem p = parse(body, WorkspaceResource.NewWorkspace.class);
    assertMalformed(p);
    assertTrue(p.detail(), p.detail().contains("UTF-8"));
    assertFalse(p.detail(), p.detail().contains("wrong type"));
    assertEquals("slug", p.field());
  }

  @Test
  public void invalidUtf8MiddleByteIsMalformedBody() {
    byte[] body = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3};
    Problem p = parse(body, SessionResource.Credentials.class);
    assertMalformed(p);
    assertTrue(p.detail(), p.detail().contains("UTF-8"));
  }

  @Test
  public void unknownFieldIsNamed() {
    Problem p =
        parse("{\"slug\":\"acme\",\"owner\":\"bob\"}", WorkspaceResource.NewWorkspace.class);
    assertMalformed(p);
    assertEquals("unknown field 'owner'", p.detail());
    assertEquals("owner", p.field());
  }

  @Test
  public void wrongRoleListsTheAllowedValues() {
    Problem p = parse("{\"role\":\"BOSS\"}", WorkspaceResource.RoleAssignment.class);
    assertMalformed(p);
    assertEquals("role", p.field());
    assertTrue(p.detail(), p.detail().contains("'BOSS'"));
    for (Role role : Role.values()) {
      assertTrue(p.detail(), p.detail().contains(role.name()));
    }
    assertTrue(p.detail(), p.detail().contains("allowed: "));
  }

  @Test
  public void roleAsNumberIsRefused() {
    Problem p = parse("{\"name\":\"ci\",\"role\":2}", TokenResource.NewToken.class);
    assertMalformed(p);
    assertEquals("role", p.field());
    assertTrue(p.detail(), p.detail().contains("allowed: "));
  }

  @Test
  public void wrongTypeNamesTheField() {
    Problem object = parse("{\"slug\":{\"a\":1}}", WorkspaceResource.NewWorkspace.class);
    assertMalformed(object);
    assertEquals("slug", object.field());
    assertEquals("wrong type for field 'slug'", object.detail());

    Problem array =
        parse("{\"username\":\"bob\",\"password\":[\"x\"]}", SessionResource.Credentials.class);
    assertMalformed(array);
    assertEquals("password", array.field());

    Problem stringForBoolean = parse("{\"disabled\":\"yes\"}", UserResource.Enabled.class);
    assertMalformed(stringForBoolean);
    assertEquals("disabled", stringForBoolean.field());
  }

  @Test
  public void badInstantNamesTheField() {
    Problem p =
        parse(
            "{\"name\":\"ci\",\"role\":\"VIEWER\",\"expiresAt\":\"tomorrow\"}",
            TokenResource.NewToken.class);
    assertMalformed(p);
    assertEquals("expiresAt", p.field());
    assertTrue(p.detail(), p.detail().contains("'tomorrow'"));
  }

  @Test
  public void trailingTokensAreRefused() {
    Problem garbage = parse("{\"slug\":\"acme\"} x", WorkspaceResource.NewWorkspace.class);
    assertMalformed(garbage);
    assertTrue(garbage.detail(), garbage.detail().contains("not valid JSON"));

    Problem second = parse("{\"slug\":\"acme\"}{}", WorkspaceResource.NewWorkspace.class);
    assertMalformed(second);
    assertTrue(second.detail(), second.detail().contains("not valid JSON"));
  }

  // --- unexpected errors and JAX-RS errors ----------------------------------------------------

  @Test
  public void unknownRuntimeExceptionIs500WithoutLeakingAnything() throws Exception {
    RuntimeException boom = new IllegalStateException("jdbc:postgresql://db/prod password=hunter2");
    Problem p = ProblemMapper.problemFor(new RuntimeException("wrapper secret", boom));
    assertEquals(500, p.status());
    assertEquals(PREFIX + "internal", p.type());
    String json = Json.MAPPER.writeValueAsString(p);
    for (String leak :
        new String[] {
          "hunter2",
          "postgresql",
          "wrapper secret",
          "IllegalStateException",
          "Exception",
          "\tat ",
          "ProblemMapperTest"
        }) {
      assertFalse(leak + " leaked into " + json, json.contains(leak));
    }
    assertNull(p.field());
  }

  @Test
  public void webApplicationExceptionsAreMapped() {
    Problem notFound = ProblemMapper.problemFor(new javax.ws.rs.NotFoundException());
    assertEquals(404, notFound.status());
    assertEquals(PREFIX + "not-found", notFound.type());

    Problem notAllowed = ProblemMapper.problemFor(new NotAllowedException("GET"));
    assertEquals(405, notAllowed.status());
    assertEquals(PREFIX + "method-not-allowed", notAllowed.type());

    Problem unsupported = ProblemMapper.problemFor(new NotSupportedException());
    assertEquals(415, unsupported.status());
    assertEquals(PREFIX + "unsupported-media-type", unsupported.type());

    Problem other = ProblemMapper.problemFor(new WebApplicationException(418));
    assertEquals(418, other.status());
    assertEquals(PREFIX + "http-418", other.type());
  }

  @Test
  public void webApplicationExceptionCarryingAProblemKeepsIt() {
    Problem built = Problem.of(413, "body-too-large", "Request body too large", "too big");
    Problem p = ProblemMapper.problemFor(new WebApplicationException(built.toResponse()));
    assertEquals(built, p);
  }

  @Test
  public void toResponseSetsStatusMediaTypeAndInstance() {
    ProblemMapper mapper = new ProblemMapper();
    var response = mapper.toResponse(new ConflictException("taken"));
    assertEquals(409, response.getStatus());
    assertEquals("application/problem+json", response.getMediaType().toString());
    Problem body = (Problem) response.getEntity();
    assertEquals(PREFIX + "conflict", body.type());
    assertNull(body.instance()); // no request: no path
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Problem parse(String body, Class<?> type) {
    return parse(body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static Problem parse(byte[] body, Class<?> type) {
    try {
      Object value = Json.MAPPER.readValue(body, type);
      fail("expected a parse failure, got " + value);
      return null;
    } catch (IOException e) {
      return ProblemMapper.problemFor(e);
    }
  }

  private static void assertMalformed(Problem p) {
    assertEquals(400, p.status());
    assertEquals(PREFIX + "malformed-body", p.type());
    assertEquals("Malformed request body", p.title());
    assertTrue(p.detail() != null && !p.detail().isBlank());
  }
}
