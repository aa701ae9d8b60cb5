package io.github.vertxasterisk.ari.impl.spec;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Asterisk's Swagger 1.1 documents (resource listing + API declarations) into an AriSpec. */
public final class AriSpecParser {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  private AriSpecParser() {
  }

  /**
   * The resources a listing names, in its order: {@code /api-docs/channels.{format}} gives
   * {@code channels}, whose declaration is served as {@code channels.json}.
   */
  public static List<String> resourceNames(JsonObject listing) {
    List<String> names = new ArrayList<>();
    Object apis = listing.getValue("apis");
    if (!(apis instanceof JsonArray list) || list.isEmpty()) {
      // an ARI always lists its resources: this is some other JSON server
      throw new IllegalArgumentException("resources.json lists no API: not an Asterisk ARI server?");
    }
    for (Object api : list) {
      String path = api instanceof JsonObject entry ? entry.getString("path") : null;
      if (path == null) {
        String entry = String.valueOf(api);
        throw new IllegalArgumentException("resources.json: an API entry without a path: "
            + (entry.length() > 100 ? entry.substring(0, 100) + "..." : entry));
      }
      String file = path.substring(path.lastIndexOf('/') + 1);
      int dot = file.indexOf('.');
      names.add(dot < 0 ? file : file.substring(0, dot));
    }
    return names;
  }

  /**
   * @param declarations each resource's declaration by resource name
   * @throws IllegalArgumentException when a declaration is malformed or names an operation twice
   */
  public static AriSpec parse(JsonObject listing, Map<String, JsonObject> declarations) {
    Map<String, AriOperation> operations = new HashMap<>();
    for (Map.Entry<String, JsonObject> e : declarations.entrySet()) {
      try {
        for (AriOperation op : operations(e.getKey(), e.getValue())) {
          if (operations.putIfAbsent(op.name(), op) != null) {
            throw new IllegalArgumentException("operation declared twice: " + op.name());
          }
        }
      } catch (ClassCastException | NullPointerException ex) {
        throw new IllegalArgumentException(
            "malformed API declaration '" + e.getKey() + "': " + ex, ex);
      }
    }
    return new AriSpec(listing.getString("apiVersion"), operations);
  }

  private static List<AriOperation> operations(String resource, JsonObject declaration) {
    List<AriOperation> out = new ArrayList<>();
    for (Object a : declaration.getJsonArray("apis", new JsonArray())) {
      JsonObject api = (JsonObject) a;
      String path = api.getString("path");
      for (Object o : api.getJsonArray("operations", new JsonArray())) {
        JsonObject op = (JsonObject) o;
        out.add(new AriOperation(resource, op.getString("nickname"),
            HttpMethod.valueOf(op.getString("httpMethod")), path, parameters(path, op),
            op.getString("responseClass"), errorResponses(op)));
      }
    }
    return out;
  }

  private static List<AriParameter> parameters(String path, JsonObject op) {
    List<AriParameter> params = new ArrayList<>();
    List<String> declared = new ArrayList<>();
    for (Object o : op.getJsonArray("parameters", new JsonArray())) {
      AriParameter p = parameter((JsonObject) o);
      params.add(p);
      declared.add(p.name());
    }
    // a placeholder the declaration forgot still has to be filled: treat it as a path string
    Matcher m = PLACEHOLDER.matcher(path);
    while (m.find()) {
      if (!declared.contains(m.group(1))) {
        params.add(new AriParameter(m.group(1), ParamType.PATH, true, "string", false, List.of(),
            null, null, null));
      }
    }
    return params;
  }

  private static AriParameter parameter(JsonObject p) {
    List<String> allowed = new ArrayList<>();
    Long min = null;
    Long max = null;
    JsonObject allowable = p.getJsonObject("allowableValues");
    if (allowable != null && "LIST".equalsIgnoreCase(allowable.getString("valueType"))) {
      allowable.getJsonArray("values", new JsonArray()).forEach(v -> allowed.add(String.valueOf(v)));
    } else if (allowable != null && "RANGE".equalsIgnoreCase(allowable.getString("valueType"))) {
      min = number(allowable.getValue("min"));
      max = number(allowable.getValue("max"));
    }
    Object def = p.getValue("defaultValue");
    return new AriParameter(p.getString("name"), ParamType.of(p.getString("paramType")),
        p.getBoolean("required", false), p.getString("dataType", "string"),
        p.getBoolean("allowMultiple", false), allowed, min, max,
        def == null ? null : String.valueOf(def));
  }

  /**
   * A number that Asterisk may write as text (channels.move declares its error codes as "404"), or
   * {@code null} when it is neither: such details are informative and must not fail the load.
   */
  private static Long number(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      try {
        return Long.valueOf(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static List<AriErrorResponse> errorResponses(JsonObject op) {
    List<AriErrorResponse> out = new ArrayList<>();
    for (Object o : op.getJsonArray("errorResponses", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      Long code = number(e.getValue("code"));
      if (code != null) {
        out.add(new AriErrorResponse(code.intValue(), e.getString("reason")));
      }
    }
    return out;
  }
}
