package org.socialweave.api.links;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialweave.api.error.ValidationException;

/**
 * UTM parameters of a tracked link; every part may be {@code null} (blank counts as absent). {@link
 * #applyTo} merges them into a URI's query: a UTM parameter already on the URI is replaced, never
 * duplicated; every other parameter and the fragment stay exactly as they were.
 */
public record Utm(String source, String medium, String campaign, String term, String content) {

  /** No UTM parameters: {@link #applyTo} returns the URI unchanged. */
  public static final Utm NONE = new Utm(null, null, null, null, null);

  /** Longest value accepted; analytics tools truncate or refuse longer ones. */
  public static final int MAX_LENGTH = 200;

  public Utm {
    source = checked("utm.source", source);
    medium = checked("utm.medium", medium);
    campaign = checked("utm.campaign", campaign);
    term = checked("utm.term", term);
    content = checked("utm.content", content);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The parameters that are set, by their query names ({@code utm_source}, ...), in order. */
  public Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    putIfSet(parameters, "utm_source", source);
    putIfSet(parameters, "utm_medium", medium);
    putIfSet(parameters, "utm_campaign", campaign);
    putIfSet(parameters, "utm_term", term);
    putIfSet(parameters, "utm_content", content);
    return parameters;
  }

  /**
   * {@code uri} with these parameters in its query: existing parameters of the same names are
   * removed (whatever their case of encoding), the others keep their order and raw encoding, ours
   * are appended percent-encoded as UTF-8 (space as {@code %20}), the fragment stays last.
   */
  public URI applyTo(URI uri) {
    Map<String, String> ours = parameters();
    if (ours.isEmpty()) {
      return uri;
    }
    List<String> pairs = new ArrayList<>();
    String rawQuery = uri.getRawQuery();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        if (!ours.containsKey(name)) {
          pairs.add(pair);
        }
      }
    }
    ours.forEach((name, value) -> pairs.add(name + "=" + encode(value)));
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append(':');
    }
    if (uri.getRawAuthority() != null) {
      out.append("//").append(uri.getRawAuthority());
    }
    String path = uri.getRawPath();
    out.append(path == null ? "" : path);
    out.append('?').append(String.join("&", pairs));
    if (uri.getRawFragment() != null) {
      out.append('#').append(uri.getRawFragment());
    }
    return URI.create(out.toString());
  }

  private static void putIfSet(Map<String, String> parameters, String name, String value) {
    if (value != null) {
      parameters.put(name, value);
    }
  }

  private static String encode(String value) {
    // URLEncoder is form encoding: '+' for a space is ambiguous outside forms, %20 is not.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static String checked(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    if (stripped.length() > MAX_LENGTH) {
      throw new ValidationException(field, field + " is longer than " + MAX_LENGTH + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException(field, field + " contains control characters");
    }
    return stripped;
  }

  /** Builds a {@link Utm} part by part. */
  public static final class Builder {
    private String source;
    private String medium;
    private String campaign;
    private String term;
    private String content;

    private Builder() {}

    public Builder source(String value) {
      this.source = value;
      return this;
    }

    public Builder medium(String value) {
      this.medium = value;
      return this;
    }

    public Builder campaign(String value) {
      this.campaign = value;
      return this;
    }

    public Builder term(String value) {
      this.term = value;
      return this;
    }

    public Builder content(String value) {
      this.content = value;
      return this;
    }

    public Utm build() {
      return new Utm(source, medium, campaign, term, content);
    }
  }
}
