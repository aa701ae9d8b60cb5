package io.github.vertxasterisk.node;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Overrides config values from environment variables, so containers and secrets need no file edit:
 * {@code ASTERISK_SUITE_PBXS__PBX1__AMI__SECRET=s3cret} sets {@code pbxs.pbx1.ami.secret}.
 *
 * <p>Segments are separated by {@code __}. A segment names an existing key when it matches it ignoring
 * case, {@code _} and {@code -} ({@code PBX_EAST} names the PBX {@code pbx-east}; {@code MAXEVENTSPERSECOND}
 * and {@code MAX_EVENTS_PER_SECOND} both name
 * {@code maxEventsPerSecond}). A key the file does not have is created in camelCase, each {@code _}
 * starting a new word ({@code AUTH_TOKEN} creates {@code authToken}): config keys are case-sensitive,
 * and a key created as {@code authtoken} would be read by nobody. Each created key is logged (its name,
 * never its value).
 *
 * <p>A value replacing a number, boolean, array or object is parsed as JSON, so {@code ..._AMI__PORT=5039}
 * stays a number. A new key gets {@code true}/{@code false} as a boolean, a plain integer as a
 * number (both read back unchanged by a string reader) and a valid JSON array or object as such;
 * anything else stays a string. A path cannot
 * go into an array or a scalar: that is an {@link IllegalArgumentException} naming the variable.
 */
public final class EnvOverrides {
  public static final String PREFIX = "ASTERISK_SUITE_";
  private static final Logger LOG = Logger.getLogger(EnvOverrides.class.getName());
  /** Integers that {@code Long.toString} writes back exactly: no sign '+', no leading zero, no exponent. */
  private static final Pattern PLAIN_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");

  private EnvOverrides() {
  }

  public static JsonObject apply(JsonObject config, Map<String, String> env) {
    env.entrySet().stream()
      .filter(e -> e.getKey().startsWith(PREFIX) && e.getKey().length() > PREFIX.length())
      .sorted(Map.Entry.comparingByKey())
      .forEach(e -> set(config, e.getKey(), e.getValue()));
    return config;
  }

  private static void set(JsonObject root, String variable, String raw) {
    // -1: a trailing "__" is an empty segment to refuse, not one split() drops silently
    String[] path = variable.substring(PREFIX.length()).split("__", -1);
    if (Arrays.asList(path).contains("")) {
      throw new IllegalArgumentException(variable + ": empty path segment (two '__' in a row, or one at the end)");
    }
    StringBuilder where = new StringBuilder();
    boolean created = false;
    JsonObject node = root;
    for (int i = 0; i < path.length; i++) {
      String key = existingKey(node, path[i]);
      if (key == null) {
        key = camelCase(path[i]);
        created = true;
      }
      where.append(i == 0 ? "" : ".").append(key);
      if (i == path.length - 1) {
        node.put(key, created ? newValue(raw) : replacement(variable, node.getValue(key), raw));
        if (created) {
          LOG.info(variable + " sets " + where + ", which the config file does not have");
        }
        return;
      }
      Object child = node.getValue(key);
      if (child == null) {
        child = new JsonObject();
        node.put(key, child);
      } else if (!(child instanceof JsonObject)) {
        // replacing it with an object would silently drop it (the bridge's permission lists are arrays)
        throw new IllegalArgumentException(variable + ": " + where + " is " + kind(child)
          + ", not an object: set it whole (" + PREFIX + String.join("__", Arrays.copyOf(path, i + 1))
          + "=<JSON>) or in the config file");
      }
      node = (JsonObject) child;
    }
  }

  /**
   * The key matching ignoring case and '_', else ignoring '-' too: a variable name cannot hold '-', which
   * a PBX id may. A key that matches without that second step wins ({@code PBX1} is {@code pbx1}, not
   * {@code pbx-1}, when the file has both).
   */
  private static String existingKey(JsonObject node, String segment) {
    String wanted = comparable(segment);
    String loose = null;
    for (String existing : node.fieldNames()) {
      String candidate = comparable(existing);
      if (candidate.equals(wanted)) {
        return existing;
      }
      if (loose == null && candidate.replace("-", "").equals(wanted)) {
        loose = existing;
      }
    }
    return loose;
  }

  private static String comparable(String key) {
    return key.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** {@code MIN_CLUSTER_SIZE} -> {@code minClusterSize}; {@code PBX1} -> {@code pbx1}. */
  static String camelCase(String segment) {
    StringBuilder key = new StringBuilder(segment.length());
    boolean newWord = false;
    for (char c : segment.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        newWord = key.length() > 0;
      } else {
        key.append(newWord ? Character.toUpperCase(c) : c);
        newWord = false;
      }
    }
    return key.toString();
  }

  private static Object newValue(String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (raw.startsWith("[") || raw.startsWith("{")) {
      // an optional list the file lacks (filters, excludeEvents, members...): a string there is a ClassCastException
      try {
        Object json = Json.decodeValue(raw);
        if (json instanceof JsonArray || json instanceof JsonObject) {
          return json;
        }
      } catch (RuntimeException notJson) {
        // a string that merely starts like JSON
      }
    }
    return PLAIN_INTEGER.matcher(raw).matches() ? (Object) Long.valueOf(raw) : raw;
  }

  /** The value is not echoed: it may be a secret. */
  private static Object replacement(String variable, Object previous, String raw) {
    if (previous == null || previous instanceof String) {
      return raw;
    }
    try {
      return Json.decodeValue(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(variable + " replaces " + kind(previous) + ", and its value ("
        + raw.length() + " characters) is not valid JSON");
    }
  }

  private static String kind(Object value) {
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return value instanceof JsonObject ? "an object" : "a string";
  }
}
