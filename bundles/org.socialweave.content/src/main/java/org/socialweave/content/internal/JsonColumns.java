package org.socialweave.content.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON arrays and objects stored in text columns; {@code null} columns read as empty. */
final class JsonColumns {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private JsonColumns() {}

  /** The list as a column, {@code null} when it is {@code null}. An empty list stays {@code []}. */
  static String list(List<String> values) {
    return values == null ? null : write(values);
  }

  static List<String> list(String column) {
    return column == null ? List.of() : read(column, LIST);
  }

  /** The map as a column, {@code null} when it is empty. */
  static String map(Map<String, String> values) {
    return values == null || values.isEmpty() ? null : write(values);
  }

  static Map<String, String> map(String column) {
    return column == null ? Map.of() : read(column, MAP);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings are plain JSON", e);
    }
  }

  private static <T> T read(String column, TypeReference<T> type) {
    try {
      return JSON.readValue(column, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON column does not hold JSON: " + column, e);
    }
  }
}
