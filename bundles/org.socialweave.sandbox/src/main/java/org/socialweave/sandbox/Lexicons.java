package org.socialweave.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.socialweave.connector.support.TextCounter;

/**
 * Validates AT Protocol data against the Lexicon schemas the sandbox ships (copied verbatim from
 * {@code bluesky-social/atproto}, see {@code lexicons/README.md} beside them): the input of a
 * procedure, the parameters of a query, the output of either, and a record of a collection. The
 * Bluesky simulator answers {@code 400 InvalidRequest} with the first problem, as a PDS does; tests
 * use it to check what a connector sends and what the simulator answers.
 *
 * <p>The rules are the Lexicon specification's: required properties, {@code nullable}, string
 * {@code maxLength}/{@code minLength} in UTF-8 bytes and {@code maxGraphemes}/{@code minGraphemes}
 * in extended grapheme clusters, {@code enum} and {@code const}, integer bounds, array lengths,
 * blobs ({@code accept}, {@code maxSize}), refs, open and closed unions by {@code $type}, and the
 * string formats {@code datetime}, {@code did}, {@code handle}, {@code at-identifier}, {@code
 * at-uri}, {@code nsid}, {@code cid}, {@code uri}, {@code language}, {@code tid} and {@code
 * record-key}, written after {@code @atproto/syntax}. Unknown properties are allowed, as in
 * Lexicon.
 *
 * <p>Messages follow {@code @atproto/lexicon}: {@code Record/text must not be longer than 300
 * graphemes}. Thread-safe.
 */
public final class Lexicons {

  private static final String ROOT = "/org/socialweave/sandbox/lexicons/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> DOCS = new ConcurrentHashMap<>();

  private static final Pattern DATETIME =
      Pattern.compile(
          "([0-9]{4})-(0[1-9]|1[012])-([0-2][0-9]|3[01])T([0-1][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)"
              + "(\\.[0-9]+)?(Z|[+-](?:[0-1][0-9]|2[0-3]):[0-5][0-9])");
  private static final Pattern DID = Pattern.compile("did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]");
  private static final Pattern HANDLE =
      Pattern.compile(
          "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
  private static final Pattern NSID =
      Pattern.compile(
          "[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+"
              + "(?:\\.[a-zA-Z](?:[a-zA-Z0-9]{0,62})?)");
  private static final Pattern CID = Pattern.compile("[a-zA-Z0-9+=]{8,256}");
  private static final Pattern URI = Pattern.compile("\\w+:(?://)?[^\\s/][^\\s]*");
  private static final Pattern TID =
      Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
  private static final Pattern RECORD_KEY = Pattern.compile("[a-zA-Z0-9_~.:-]{1,512}");
  private static final Pattern LANGUAGE =
      Pattern.compile(
          "(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}(?:-[A-Za-z]{3}){0,2})?|[A-Za-z]{4}|[A-Za-z]{5,8})"
              + "(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
              + "(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[xX](?:-[A-Za-z0-9]{1,8})+)?"
              + "|[xX](?:-[A-Za-z0-9]{1,8})+"
              + "|en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo"
              + "|i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok"
              + "|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang");

  private Lexicons() {}

  /** Whether the sandbox ships the Lexicon document {@code nsid}. */
  public static boolean knows(String nsid) {
    return doc(nsid) != null;
  }

  /** Problems with the JSON input of procedure {@code nsid}; empty when valid. */
  public static List<String> validateInput(String nsid, JsonNode input) {
    JsonNode main = main(nsid);
    JsonNode schema = main.path("input").path("schema");
    List<String> problems = new ArrayList<>();
    if (schema.isMissingNode()) {
      if (input != null && !input.isMissingNode() && !input.isNull()) {
        problems.add("A request body was provided when none was expected");
      }
      return problems;
    }
    new Run(nsid, problems).value("Input", input, schema);
    return problems;
  }

  /** Problems with the JSON output of {@code nsid}; empty when valid. */
  public static List<String> validateOutput(String nsid, JsonNode output) {
    JsonNode schema = main(nsid).path("output").path("schema");
    List<String> problems = new ArrayList<>();
    if (!schema.isMissingNode()) {
      new Run(nsid, problems).value("Output", output, schema);
    }
    return problems;
  }

  /**
   * Problems with the parameters of query {@code nsid}, already typed: integers as numbers,
   * booleans as booleans, repeated parameters as arrays (see {@link #typedParams}).
   */
  public static List<String> validateParams(String nsid, JsonNode params) {
    JsonNode schema = main(nsid).path("parameters");
    List<String> problems = new ArrayList<>();
    if (!schema.isMissingNode()) {
      new Run(nsid, problems).object("Params", params, schema);
    }
    return problems;
  }

  /**
   * Query-string parameters typed as query {@code nsid} declares them: {@code integer} parsed (left
   * as text when not a number, so validation reports it), {@code boolean} from {@code true}/{@code
   * false}, {@code array} from all values, {@code string} from the first value. Parameters the
   * Lexicon does not declare are kept as strings.
   */
  public static JsonNode typedParams(String nsid, Map<String, List<String>> query) {
    JsonNode props = main(nsid).path("parameters").path("properties");
    var out = JSON.createObjectNode();
    query.forEach(
        (name, values) -> {
          if (values.isEmpty()) {
            return;
          }
          String type = props.path(name).path("type").asText("string");
          String first = values.get(0);
          switch (type) {
            case "array" -> {
              var array = out.putArray(name);
              String itemType = props.path(name).path("items").path("type").asText("string");
              values.forEach(v -> array.add(scalar(itemType, v)));
            }
            default -> out.set(name, scalar(type, first));
          }
        });
    return out;
  }

  private static JsonNode scalar(String type, String value) {
    if (type.equals("integer") && value.matches("-?[0-9]{1,18}")) {
      return JSON.getNodeFactory().numberNode(Long.parseLong(value));
    }
    if (type.equals("boolean") && (value.equals("true") || value.equals("false"))) {
      return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
    }
    return JSON.getNodeFactory().textNode(value);
  }

  /**
   * Problems with {@code record} as a record of collection {@code nsid}: its {@code $type} must be
   * {@code nsid}, and it must match the collection's record schema. An unknown collection is one
   * problem.
   */
  public static List<String> validateRecord(String nsid, JsonNode record) {
    List<String> problems = new ArrayList<>();
    JsonNode doc = doc(nsid);
    JsonNode main = doc == null ? null : doc.path("defs").path("main");
    if (main == null || !"record".equals(main.path("type").asText())) {
      problems.add("Unknown lexicon type: " + nsid);
      return problems;
    }
    if (record == null || !record.isObject()) {
      problems.add("Record must be an object");
      return problems;
    }
    JsonNode type = record.get("$type");
    if (type == null || !type.isTextual() || !type.asText().equals(nsid)) {
      problems.add("Record/$type must be " + nsid);
      return problems;
    }
    new Run(nsid, problems).value("Record", record, main.path("record"));
    return problems;
  }

  /** Whether {@code rkey} is a valid key of a record of collection {@code nsid}. */
  public static boolean isValidRecordKey(String nsid, String rkey) {
    if (rkey == null
        || !RECORD_KEY.matcher(rkey).matches()
        || rkey.equals(".")
        || rkey.equals("..")) {
      return false;
    }
    JsonNode doc = doc(nsid);
    String key = doc == null ? "any" : doc.path("defs").path("main").path("key").asText("any");
    if (key.equals("tid")) {
      return TID.matcher(rkey).matches();
    }
    if (key.startsWith("literal:")) {
      return rkey.equals(key.substring("literal:".length()));
    }
    return true;
  }

  /** Whether {@code value} has string format {@code format} ({@code datetime}, {@code did}...). */
  public static boolean hasFormat(String format, String value) {
    return formatProblem(format, value) == null;
  }

  // ---- documents ----

  private static JsonNode main(String nsid) {
    JsonNode doc = doc(nsid);
    if (doc == null) {
      throw new IllegalArgumentException("no lexicon for " + nsid);
    }
    return doc.path("defs").path("main");
  }

  private static JsonNode doc(String nsid) {
    if (nsid == null || !NSID.matcher(nsid).matches()) {
      return null;
    }
    JsonNode cached = DOCS.get(nsid);
    if (cached != null) {
      return cached.isNull() ? null : cached;
    }
    String path = ROOT + nsid.replace('.', '/') + ".json";
    JsonNode doc;
    try (InputStream in = Lexicons.class.getResourceAsStream(path)) {
      doc = in == null ? JSON.nullNode() : JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    DOCS.put(nsid, doc);
    return doc.isNull() ? null : doc;
  }

  // ---- one validation ----

  /** One validation: the document refs are relative to, and the problems found. */
  private static final class Run {
    private final String nsid;
    private final List<String> problems;

    Run(String nsid, List<String> problems) {
      this.nsid = nsid;
      this.problems = problems;
    }

    private boolean fail(String message) {
      problems.add(message);
      return false;
    }

    boolean value(String path, JsonNode value, JsonNode def) {
      String type = def.path("type").asText();
      switch (type) {
        case "object", "params":
          return object(path, value, def);
        case "string":
          return string(path, value, def);
        case "integer":
          return integer(path, value, def);
        case "boolean":
          if (value == null || !value.isBoolean()) {
            return fail(path + " must be a boolean");
          }
          if (def.has("const") && def.get("const").asBoolean() != value.asBoolean()) {
            return fail(path + " must be " + def.get("const").asBoolean());
          }
          return true;
        case "array":
          return array(path, value, def);
        case "blob":
          return blob(path, value, def);
        case "cid-link":
          if (value == null || !value.isObject() || !value.path("$link").isTextual()) {
            return fail(path + " must be a CID");
          }
          return CID.matcher(value.get("$link").asText()).matches()
              || fail(path + " must be a CID");
        case "bytes":
          return bytes(path, value, def);
        case "unknown":
          return value != null && value.isObject() || fail(path + " must be an object");
        case "null":
          return value != null && value.isNull() || fail(path + " must be null");
        case "ref":
          return ref(path, value, def.path("ref").asText());
        case "union":
          return union(path, value, def);
        case "token":
          return value != null && value.isTextual() || fail(path + " must be a string");
        default:
          return fail(path + ": unsupported lexicon type " + type);
      }
    }

    boolean object(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isObject()) {
        return fail(path + " must be an object");
      }
      boolean ok = true;
      List<String> nullable = strings(def.path("nullable"));
      for (String name : strings(def.path("required"))) {
        JsonNode v = value.get(name);
        if (v == null || (v.isNull() && !nullable.contains(name))) {
          ok = fail(path + " must have the property \"" + name + "\"");
        }
      }
      JsonNode props = def.path("properties");
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        JsonNode v = value.get(p.getKey());
        if (v == null || (v.isNull() && nullable.contains(p.getKey()))) {
          continue;
        }
        ok &= value(path + "/" + p.getKey(), v, p.getValue());
      }
      return ok;
    }

    boolean string(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isTextual()) {
        return fail(path + " must be a string");
      }
      String s = value.asText();
      if (def.has("const") && !def.get("const").asText().equals(s)) {
        return fail(path + " must be " + def.get("const").asText());
      }
      if (def.has("enum") && !strings(def.get("enum")).contains(s)) {
        return fail(path + " must be one of (" + String.join("|", strings(def.get("enum"))) + ")");
      }
      if (def.has("maxLength") || def.has("minLength")) {
        int bytes = s.getBytes(StandardCharsets.UTF_8).length;
        if (def.has("maxLength") && bytes > def.get("maxLength").asInt()) {
          return fail(
              path + " must not be longer than " + def.get("maxLength").asInt() + " characters");
        }
        if (def.has("minLength") && bytes < def.get("minLength").asInt()) {
          return fail(
              path + " must not be shorter than " + def.get("minLength").asInt() + " characters");
        }
      }
      if (def.has("maxGraphemes") || def.has("minGraphemes")) {
        int graphemes = TextCounter.graphemes(s);
        if (def.has("maxGraphemes") && graphemes > def.get("maxGraphemes").asInt()) {
          return fail(
              path + " must not be longer than " + def.get("maxGraphemes").asInt() + " graphemes");
        }
        if (def.has("minGraphemes") && graphemes < def.get("minGraphemes").asInt()) {
          return fail(
              path + " must not be shorter than " + def.get("minGraphemes").asInt() + " graphemes");
        }
      }
      if (def.has("format")) {
        String problem = formatProblem(def.get("format").asText(), s);
        if (problem != null) {
          return fail(path + " " + problem);
        }
      }
      return true;
    }

    boolean integer(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isIntegralNumber()) {
        return fail(path + " must be an integer");
      }
      long v = value.asLong();
      if (def.has("const") && def.get("const").asLong() != v) {
        return fail(path + " must be " + def.get("const").asLong());
      }
      if (def.has("enum")) {
        boolean found = false;
        for (JsonNode e : def.get("enum")) {
          found |= e.asLong() == v;
        }
        if (!found) {
          return fail(path + " must be one of " + def.get("enum"));
        }
      }
      if (def.has("maximum") && v > def.get("maximum").asLong()) {
        return fail(path + " can not be greater than " + def.get("maximum").asLong());
      }
      if (def.has("minimum") && v < def.get("minimum").asLong()) {
        return fail(path + " can not be less than " + def.get("minimum").asLong());
      }
      return true;
    }

    boolean array(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isArray()) {
        return fail(path + " must be an array");
      }
      if (def.has("maxLength") && value.size() > def.get("maxLength").asInt()) {
        return fail(
            path + " must not have more than " + def.get("maxLength").asInt() + " elements");
      }
      if (def.has("minLength") && value.size() < def.get("minLength").asInt()) {
        return fail(
            path + " must not have fewer than " + def.get("minLength").asInt() + " elements");
      }
      boolean ok = true;
      for (int i = 0; i < value.size(); i++) {
        ok &= value(path + "/" + i, value.get(i), def.path("items"));
      }
      return ok;
    }

    boolean blob(String path, JsonNode value, JsonNode def) {
      if (value == null
          || !value.isObject()
          || !"blob".equals(value.path("$type").asText())
          || !value.path("ref").path("$link").isTextual()
          || !value.path("mimeType").isTextual()
          || !value.path("size").isIntegralNumber()) {
        return fail(path + " should be a blob ref");
      }
      if (!CID.matcher(value.path("ref").path("$link").asText()).matches()) {
        return fail(path + " should be a blob ref");
      }
      String mime = value.get("mimeType").asText().toLowerCase(Locale.ROOT);
      if (def.has("accept")) {
        boolean accepted = false;
        for (String pattern : strings(def.get("accept"))) {
          accepted |=
              pattern.equals("*/*")
                  || pattern.equals(mime)
                  || (pattern.endsWith("/*")
                      && mime.startsWith(pattern.substring(0, pattern.length() - 1)));
        }
        if (!accepted) {
          return fail(
              path
                  + " mimeType ("
                  + mime
                  + ") not accepted, expected one of "
                  + String.join(", ", strings(def.get("accept"))));
        }
      }
      if (def.has("maxSize") && value.get("size").asLong() > def.get("maxSize").asLong()) {
        return fail(
            path
                + " is too big ("
                + value.get("size").asLong()
                + " bytes), the maximum is "
                + def.get("maxSize").asLong()
                + " bytes");
      }
      return true;
    }

    boolean bytes(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isObject() || !value.path("$bytes").isTextual()) {
        return fail(path + " must be a byte array");
      }
      byte[] decoded;
      try {
        decoded = Base64.getDecoder().decode(value.get("$bytes").asText());
      } catch (IllegalArgumentException e) {
        return fail(path + " must be a byte array");
      }
      if (def.has("maxLength") && decoded.length > def.get("maxLength").asInt()) {
        return fail(path + " must not be larger than " + def.get("maxLength").asInt() + " bytes");
      }
      if (def.has("minLength") && decoded.length < def.get("minLength").asInt()) {
        return fail(path + " must not be smaller than " + def.get("minLength").asInt() + " bytes");
      }
      return true;
    }

    boolean ref(String path, JsonNode value, String ref) {
      String[] target = resolve(ref);
      JsonNode doc = doc(target[0]);
      JsonNode def = doc == null ? null : doc.path("defs").get(target[1]);
      if (def == null) {
        return fail(path + ": lexicon ref not found: " + target[0] + "#" + target[1]);
      }
      if ("record".equals(def.path("type").asText())) {
        def = def.path("record");
      }
      return new Run(target[0], problems).value(path, value, def);
    }

    boolean union(String path, JsonNode value, JsonNode def) {
      if (value == null || !value.isObject()) {
        return fail(path + " must be an object which includes the \"$type\" property");
      }
      JsonNode type = value.get("$type");
      if (type == null || !type.isTextual()) {
        return fail(path + " must be an object which includes the \"$type\" property");
      }
      String wanted = normalise(type.asText(), nsid);
      List<String> refs = new ArrayList<>();
      for (String ref : strings(def.path("refs"))) {
        String[] r = resolve(ref);
        String full = r[0] + "#" + r[1];
        refs.add(full.endsWith("#main") ? r[0] : full);
        if (normalise(full, nsid).equals(wanted)) {
          return ref(path, value, full);
        }
      }
      if (def.path("closed").asBoolean(false)) {
        return fail(path + " $type must be one of " + String.join(", ", refs));
      }
      return true; // an open union accepts types it does not list
    }

    private String[] resolve(String ref) {
      int hash = ref.indexOf('#');
      if (hash < 0) {
        return new String[] {ref, "main"};
      }
      String doc = hash == 0 ? nsid : ref.substring(0, hash);
      return new String[] {doc, ref.substring(hash + 1)};
    }

    private static String normalise(String type, String base) {
      String full = type.startsWith("#") ? base + type : type;
      return full.endsWith("#main") ? full.substring(0, full.length() - 5) : full;
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  /** Why {@code value} is not of string format {@code format}, or {@code null} when it is. */
  static String formatProblem(String format, String value) {
    switch (format) {
      case "datetime":
        return isDatetime(value)
            ? null
            : "must be an valid atproto datetime (both RFC-3339 and ISO-8601)";
      case "did":
        return value.length() <= 2048 && DID.matcher(value).matches()
            ? null
            : "must be a valid did";
      case "handle":
        return isHandle(value) ? null : "must be a valid handle";
      case "at-identifier":
        return (value.startsWith("did:") ? DID.matcher(value).matches() : isHandle(value))
            ? null
            : "must be a valid did or a handle";
      case "nsid":
        return value.length() <= 317 && NSID.matcher(value).matches()
            ? null
            : "must be a valid nsid";
      case "cid":
        return CID.matcher(value).matches() ? null : "must be a cid string";
      case "uri":
        return value.length() <= 8192 && URI.matcher(value).matches() ? null : "must be a uri";
      case "at-uri":
        return isAtUri(value) ? null : "must be a valid at-uri";
      case "language":
        return LANGUAGE.matcher(value).matches()
            ? null
            : "must be a well-formed BCP 47 language tag";
      case "tid":
        return TID.matcher(value).matches() ? null : "must be a valid TID";
      case "record-key":
        return RECORD_KEY.matcher(value).matches() && !value.equals(".") && !value.equals("..")
            ? null
            : "must be a valid Record Key";
      default:
        return null; // unknown formats are not checked, as in Lexicon
    }
  }

  private static boolean isDatetime(String value) {
    if (value.length() > 64 || value.endsWith("-00:00") || !DATETIME.matcher(value).matches()) {
      return false;
    }
    try {
      // the regex does not check days per month or leap years
      LocalDateTime.parse(value.substring(0, 19));
      return true;
    } catch (DateTimeParseException e) {
      return value.substring(17, 19).equals("60"); // a leap second
    }
  }

  private static boolean isHandle(String value) {
    return value.length() <= 253 && HANDLE.matcher(value).matches();
  }

  private static boolean isAtUri(String value) {
    if (value.length() > 8192 || !value.startsWith("at://")) {
      return false;
    }
    String rest = value.substring(5);
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      return false;
    }
    String authority = parts[0];
    if (!(authority.startsWith("did:") ? DID.matcher(authority).matches() : isHandle(authority))) {
      return false;
    }
    if (parts.length >= 2 && !NSID.matcher(parts[1]).matches()) {
      return false;
    }
    return parts.length < 3
        || (RECORD_KEY.matcher(parts[2]).matches()
            && !parts[2].equals(".")
            && !parts[2].equals(".."));
  }
}
