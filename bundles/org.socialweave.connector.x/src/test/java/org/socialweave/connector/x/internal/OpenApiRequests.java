package org.socialweave.connector.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialweave.sandbox.XRequest;

/**
 * Checks HTTP requests against an OpenAPI 3.0 document: the operation exists (path and method),
 * path and query parameters are declared and fit their schemas, required ones are present, and the
 * body has a declared content type and fits its schema ({@code type}, {@code required}, {@code
 * properties}, {@code additionalProperties: false}, {@code pattern}, {@code enum}, lengths, item
 * counts, bounds, {@code date-time}; {@code allOf}, and {@code anyOf}/{@code oneOf} as "one variant
 * fits"). Form-style arrays ({@code explode: false}) are comma-separated. Multipart fields arrive
 * as strings and are read as the type their schema names.
 */
final class OpenApiRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An operation of the document, and the path parameters a request filled in. */
  record Operation(String id, String pathTemplate, JsonNode node, Map<String, String> pathParams) {}

  private final JsonNode document;

  OpenApiRequests(InputStream json) throws IOException {
    this.document = JSON.readTree(json);
  }

  /** The operation {@code method path} names, or {@code null}; literal paths win over templates. */
  Operation operation(String method, String path) {
    Operation best = null;
    int bestTemplates = Integer.MAX_VALUE;
    for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode op = entry.getValue().path(method.toLowerCase(Locale.ROOT));
      if (op.isMissingNode()) {
        continue;
      }
      List<String> names = new ArrayList<>();
      Matcher m = Pattern.compile("\\{([^}]+)}").matcher(entry.getKey());
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(entry.getKey().substring(last, m.start()))).append("([^/]+)");
        names.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(entry.getKey().substring(last)));
      Matcher p = Pattern.compile(regex.toString()).matcher(path);
      if (p.matches() && names.size() < bestTemplates) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
          params.put(names.get(i), p.group(i + 1));
        }
        best = new Operation(op.path("operationId").asText(), entry.getKey(), op, params);
        bestTemplates = names.size();
      }
    }
    return best;
  }

  /** What is wrong with {@code request} for {@code operation}; empty when it fits. */
  List<String> violations(Operation operation, XRequest request) {
    List<String> out = new ArrayList<>();
    String where = request.method() + " " + operation.pathTemplate();
    Map<String, List<String>> query = query(request.rawQuery());
    Set<String> declaredQuery = new HashSet<>();
    for (JsonNode p : operation.node().path("parameters")) {
      JsonNode param = resolve(p);
      String name = param.path("name").asText();
      String in = param.path("in").asText();
      JsonNode schema = resolve(param.path("schema"));
      if (in.equals("path")) {
        String value = operation.pathParams().get(name);
        if (value != null) {
          checkString(schema, value, where + " path " + name, out);
        }
      } else if (in.equals("query")) {
        declaredQuery.add(name);
        List<String> values = query.get(name);
        if (values == null) {
          if (param.path("required").asBoolean(false)) {
            out.add(where + ": required query parameter " + name + " is missing");
          }
          continue;
        }
        if (values.size() > 1) {
          out.add(where + ": query parameter " + name + " is repeated");
        }
        checkString(schema, values.get(0), where + " query " + name, out);
      }
    }
    for (String name : query.keySet()) {
      if (!declaredQuery.contains(name)) {
        out.add(where + ": undeclared query parameter " + name);
      }
    }
    JsonNode body = operation.node().path("requestBody");
    byte[] bytes = request.body();
    if (body.isMissingNode()) {
      if (bytes.length > 0) {
        out.add(where + ": sends a body the operation does not take");
      }
      return out;
    }
    if (bytes.length == 0) {
      if (body.path("required").asBoolean(false)) {
        out.add(where + ": the required body is missing");
      }
      return out;
    }
    String type =
        request.contentType() == null
            ? ""
            : request.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode media = body.path("content").path(type);
    if (media.isMissingNode()) {
      out.add(where + ": content type " + type + " is not declared");
      return out;
    }
    JsonNode schema = resolve(media.path("schema"));
    if (type.equals("application/json")) {
      try {
        check(schema, JSON.readTree(bytes), where + " body", out);
      } catch (IOException e) {
        out.add(where + ": the body is not JSON");
      }
    } else if (type.equals("multipart/form-data")) {
      Map<String, byte[]> fields;
      try {
        fields = request.multipartFields();
      } catch (IllegalArgumentException e) {
        out.add(where + ": unreadable multipart body: " + e.getMessage());
        return out;
      }
      Map<String, JsonNode> asJson = new LinkedHashMap<>();
      fields.forEach(
          (name, value) ->
              asJson.put(
                  name, JSON.getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8))));
      check(schema, JSON.valueToTree(asJson), where + " form", out, true);
    }
    return out;
  }

  private void check(JsonNode schema, JsonNode value, String where, List<String> out) {
    check(schema, value, where, out, false);
  }

  /**
   * @param fromForm values are form strings: read them as the schema's scalar type
   */
  private void check(
      JsonNode schemaRef, JsonNode value, String where, List<String> out, boolean fromForm) {
    JsonNode schema = resolve(schemaRef);
    for (JsonNode part : schema.path("allOf")) {
      check(part, value, where, out, fromForm);
    }
    for (String choice : new String[] {"anyOf", "oneOf"}) {
      if (schema.has(choice)) {
        List<String> best = null;
        for (JsonNode variant : schema.path(choice)) {
          List<String> attempt = new ArrayList<>();
          check(variant, value, where, attempt, fromForm);
          if (best == null || attempt.size() < best.size()) {
            best = attempt;
          }
        }
        if (best != null && !best.isEmpty()) {
          out.add(where + ": fits none of " + choice + ", e.g. " + best.get(0));
        }
      }
    }
    String type = schema.path("type").asText("");
    if (fromForm && value.isTextual() && !type.equals("object") && !type.equals("string")) {
      checkString(schema, value.asText(), where, out);
      return;
    }
    switch (type) {
      case "object":
        if (!value.isObject()) {
          out.add(where + ": an object expected");
          return;
        }
        for (JsonNode required : schema.path("required")) {
          if (!value.has(required.asText())) {
            out.add(where + ": required " + required.asText() + " is missing");
          }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (properties.has(field.getKey())) {
            check(
                properties.get(field.getKey()),
                field.getValue(),
                where + "." + field.getKey(),
                out,
                fromForm);
          } else if (schema.path("additionalProperties").isBoolean()
              && !schema.path("additionalProperties").asBoolean()) {
            out.add(where + ": " + field.getKey() + " is not defined in the schema");
          }
        }
        break;
      case "array":
        if (!value.isArray()) {
          out.add(where + ": an array expected");
          return;
        }
        bound(schema, "minItems", "maxItems", value.size(), where + " items", out);
        Set<String> seen = new HashSet<>();
        for (JsonNode item : value) {
          if (schema.path("uniqueItems").asBoolean(false) && !seen.add(item.toString())) {
            out.add(where + ": " + item + " is repeated");
          }
          check(schema.path("items"), item, where + "[]", out, fromForm);
        }
        break;
      case "string":
        if (!value.isTextual()) {
          out.add(where + ": a string expected");
          return;
        }
        checkString(schema, value.asText(), where, out);
        break;
      case "integer":
        if (!value.isIntegralNumber()) {
          out.add(where + ": an integer expected");
          return;
        }
        checkString(schema, value.asText(), where, out);
        break;
      case "boolean":
        if (!value.isBoolean()) {
          out.add(where + ": a boolean expected");
        }
        break;
      default:
        break;
    }
  }

  /** Checks a scalar given as text (a path or query parameter, a form field, a JSON scalar). */
  private void checkString(JsonNode schemaRef, String value, String where, List<String> out) {
    JsonNode schema = resolve(schemaRef);
    String type = schema.path("type").asText("");
    if (type.equals("array")) {
      JsonNode items = schema.path("items");
      String[] parts = value.split(",", -1);
      bound(schema, "minItems", "maxItems", parts.length, where + " items", out);
      Set<String> seen = new HashSet<>();
      for (String part : parts) {
        if (schema.path("uniqueItems").asBoolean(false) && !seen.add(part)) {
          out.add(where + ": " + part + " is repeated");
        }
        checkString(items, part, where + "[]", out);
      }
      return;
    }
    if (schema.has("oneOf") || schema.has("anyOf")) {
      JsonNode variants = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
      for (JsonNode variant : variants) {
        List<String> attempt = new ArrayList<>();
        checkString(variant, value, where, attempt);
        if (attempt.isEmpty()) {
          return;
        }
      }
      out.add(where + ": " + value + " fits no variant");
      return;
    }
    if (type.equals("integer")) {
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        out.add(where + ": " + value + " is not an integer");
        return;
      }
      if (schema.has("minimum") && n < schema.path("minimum").asLong()) {
        out.add(where + ": " + n + " is below " + schema.path("minimum").asLong());
      }
      if (schema.has("maximum") && n > schema.path("maximum").asLong()) {
        out.add(where + ": " + n + " is above " + schema.path("maximum").asLong());
      }
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.path("enum")) {
        listed |= allowed.asText().equals(value);
      }
      if (!listed) {
        out.add(where + ": " + value + " is not one of " + schema.path("enum"));
      }
    }
    if (schema.has("pattern")
        && !Pattern.compile(schema.path("pattern").asText()).matcher(value).find()) {
      out.add(where + ": " + value + " does not match " + schema.path("pattern").asText());
    }
    bound(schema, "minLength", "maxLength", value.codePointCount(0, value.length()), where, out);
    if ("date-time".equals(schema.path("format").asText())) {
      try {
        OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        out.add(where + ": " + value + " is not an RFC 3339 date-time");
      }
    }
  }

  private static void bound(
      JsonNode schema, String min, String max, int size, String where, List<String> out) {
    if (schema.has(min) && size < schema.path(min).asInt()) {
      out.add(where + ": " + size + " is fewer than " + min + " " + schema.path(min).asInt());
    }
    if (schema.has(max) && size > schema.path(max).asInt()) {
      out.add(where + ": " + size + " is more than " + max + " " + schema.path(max).asInt());
    }
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int depth = 0; current.has("$ref") && depth < 20; depth++) {
      String ref = current.path("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local references are supported: " + ref);
      }
      current = document.at(ref.substring(1));
      if (current.isMissingNode()) {
        throw new IllegalArgumentException("dangling reference " + ref);
      }
    }
    return current;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
