package io.github.vertxasterisk.node;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Overrides config values from environment variables, so containers and secrets need no file edit:
 * {@code ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET=s3cret} sets {@code pbxs.pbx1.ami.secret}.
 * Segments are separated by {@code __} and matched to existing keys ignoring case (a new key is
 * created in lower case). A value is parsed as JSON when the key it replaces holds a number, a
 * boolean, an array or an object, so {@code ..._AMI__PORT=5039} stays a number.
 */
public final class EnvOverrides {
  public static final String PREFIX = "ASTERISK_SUITE_";

  private EnvOverrides() {
  }

  public static JsonObject apply(JsonObject config, Map<String, String> env) {
    env.entrySet().stream()
      .filter(e -> e.getKey().startsWith(PREFIX) && e.getKey().length() > PREFIX.length())
      .sorted(Map.Entry.comparingByKey())
      .forEach(e -> set(config, e.getKey().substring(PREFIX.length()).split("__"), e.getValue()));
    return config;
  }

  private static void set(JsonObject root, String[] path, String raw) {
    JsonObject node = root;
    for (int i = 0; i < path.length - 1; i++) {
      String key = keyFor(node, path[i]);
      Object child = node.getValue(key);
      if (!(child instanceof JsonObject)) {
        child = new JsonObject();
        node.put(key, child);
      }
      node = (JsonObject) child;
    }
    String key = keyFor(node, path[path.length - 1]);
    node.put(key, typed(node.getValue(key), raw));
  }

  private static String keyFor(JsonObject node, String segment) {
    for (String existing : node.fieldNames()) {
      if (existing.equalsIgnoreCase(segment)) {
        return existing;
      }
    }
    return segment.toLowerCase();
  }

  private static Object typed(Object previous, String raw) {
    if (previous == null || previous instanceof String) {
      return raw;
    }
    try {
      return io.vertx.core.json.Json.decodeValue(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("environment override for a " + previous.getClass().getSimpleName()
        + " value is not valid JSON: " + raw);
    }
  }
}
