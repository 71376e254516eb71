package org.socialweave.channels.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.socialweave.api.connector.Credentials;

/** Credentials as the JSON text kept in the vault, and channel settings as JSON columns. */
final class CredentialsCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Set<String>> SCOPES = new TypeReference<>() {};

  private CredentialsCodec() {}

  static char[] encode(Credentials credentials) {
    ObjectNode node = JSON.createObjectNode();
    node.put("accessToken", credentials.accessToken());
    node.put("refreshToken", credentials.refreshToken());
    node.put("accessExpiresAt", text(credentials.accessExpiresAt()));
    node.put("refreshExpiresAt", text(credentials.refreshExpiresAt()));
    node.set("scopes", JSON.valueToTree(new TreeSet<>(credentials.scopes())));
    node.set("secrets", JSON.valueToTree(credentials.secrets()));
    node.set("attributes", JSON.valueToTree(credentials.attributes()));
    return node.toString().toCharArray();
  }

  static Credentials decode(char[] stored) {
    try {
      JsonNode node = JSON.readTree(CharBuffer.wrap(stored).toString());
      return new Credentials(
          node.path("accessToken").textValue(),
          node.path("refreshToken").textValue(),
          instant(node.path("accessExpiresAt").textValue()),
          instant(node.path("refreshExpiresAt").textValue()),
          JSON.convertValue(node.path("scopes"), SCOPES),
          JSON.convertValue(node.path("secrets"), STRINGS),
          JSON.convertValue(node.path("attributes"), STRINGS));
    } catch (IOException e) {
      throw new UncheckedIOException("stored credentials are not readable", e);
    }
  }

  static String settings(Map<String, String> settings) {
    return JSON.valueToTree(settings).toString();
  }

  static Map<String, String> settings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (IOException e) {
      throw new UncheckedIOException("stored channel settings are not readable", e);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
