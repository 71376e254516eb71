package org.socialweave.rest.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.Test;
import org.socialweave.api.ApiToken;
import org.socialweave.api.Membership;
import org.socialweave.api.Page;
import org.socialweave.api.Workspace;
import org.socialweave.api.security.Role;

public class JsonTest {

  private static final Instant CREATED = Instant.parse("2024-03-05T07:08:09Z");

  @Test
  public void instantIsAnIsoStringInUtc() throws Exception {
    Workspace ws = new Workspace("ws-1", "acme", "Acme", "Europe/Paris", CREATED, 3);
    JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(ws));
    assertTrue(json.get("createdAt").isTextual());
    assertEquals("2024-03-05T07:08:09Z", json.get("createdAt").asText());

    Instant precise = Instant.parse("2024-03-05T07:08:09.123456789Z");
    assertEquals("\"2024-03-05T07:08:09.123456789Z\"", Json.MAPPER.writeValueAsString(precise));
  }

  @Test
  public void recordsRoundTrip() throws Exception {
    Workspace ws = new Workspace("ws-1", "acme", "Acme", "Europe/Paris", CREATED, 3);
    assertEquals(ws, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(ws), Workspace.class));

    Membership m = new Membership("ws-1", "u-1", "bob", Role.EDITOR, CREATED);
    String json = Json.MAPPER.writeValueAsString(m);
    assertTrue(json, json.contains("\"role\":\"EDITOR\""));
    assertEquals(m, Json.MAPPER.readValue(json, Membership.class));

    ApiToken token =
        new ApiToken(
            "t-1", "ws-1", "u-1", "ci", Role.VIEWER, "swt_ab", CREATED, null, null, CREATED);
    assertEquals(
        token, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(token), ApiToken.class));
  }

  @Test
  public void genericPageRoundTrips() throws Exception {
    Page<Workspace> page =
        new Page<>(List.of(new Workspace("ws-1", "acme", "Acme", "UTC", CREATED, 0)), "abc");
    String json = Json.MAPPER.writeValueAsString(page);
    Page<Workspace> back =
        Json.MAPPER.readValue(
            json, new com.fasterxml.jackson.core.type.TypeReference<Page<Workspace>>() {});
    assertEquals(page, back);
  }

  @Test
  public void nullsAreOmitted() throws Exception {
    String problem =
        Json.MAPPER.writeValueAsString(Problem.of(404, "not-found", "Not found", "gone"));
    assertFalse(problem, problem.contains("instance"));
    assertFalse(problem, problem.contains("field"));
    assertFalse(problem, problem.contains("null"));

    String page = Json.MAPPER.writeValueAsString(new Page<>(List.of(), null));
    assertEquals("{\"items\":[]}", page);

    ApiToken token =
        new ApiToken("t-1", "ws-1", "u-1", "ci", Role.VIEWER, "swt_ab", CREATED, null, null, null);
    JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(token));
    assertFalse(json.has("expiresAt"));
    assertFalse(json.has("revokedAt"));
    assertFalse(json.has("lastUsedAt"));
    assertTrue(json.has("createdAt"));
  }
}
