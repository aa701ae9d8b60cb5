package io.github.vertxasterisk.common;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** Reading a verticle's config section with errors that name the key (e.g. {@code pbx.ami.host}). */
public final class ConfigValues {
  private ConfigValues() {
  }

  public static JsonObject requiredObject(JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof JsonObject)) {
      throw new IllegalArgumentException("config needs an object '" + key + "'");
    }
    return (JsonObject) value;
  }

  /** @param section where {@code json} sits in the config, for the message: {@code pbx.ami} */
  public static String requiredString(JsonObject json, String section, String key) {
    String value = json.getString(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("config needs " + section + "." + key);
    }
    return value;
  }

  /** A positive whole number; a fraction (JSON has no integer type) is refused, not truncated. */
  public static long positive(JsonObject json, String section, String key, long def) {
    Object raw = json.getValue(key);
    if (raw != null && !(raw instanceof Number)) {
      throw new IllegalArgumentException(section + "." + key + " must be a positive number, got a "
        + raw.getClass().getSimpleName());
    }
    long value = raw == null ? def : wholeNumber((Number) raw, section + "." + key);
    if (value <= 0) {
      throw new IllegalArgumentException(section + "." + key + " must be positive, got " + value);
    }
    return value;
  }

  /** {@link #positive} for a setting used as an int (a pool size, a count): a larger value is refused, not wrapped. */
  public static int positiveInt(JsonObject json, String section, String key, int def) {
    return positiveInt(json, section, key, def, Integer.MAX_VALUE);
  }

  /** {@link #positiveInt} that is at most {@code max} (e.g. room left for a header): a larger value is refused. */
  public static int positiveInt(JsonObject json, String section, String key, int def, int max) {
    long value = positive(json, section, key, def);
    if (value > max) {
      throw new IllegalArgumentException(section + "." + key + " is too large: " + value);
    }
    return (int) value;
  }

  /**
   * A whole number that fits an int, of any sign (the caller checks its range); {@code def} when absent.
   * A fraction, a string or a value beyond an int is refused naming the key, not rounded, parsed or wrapped.
   */
  public static int wholeInt(JsonObject json, String section, String key, int def) {
    Object raw = json.getValue(key);
    if (raw == null) {
      return def;
    }
    String name = section + "." + key;
    if (!(raw instanceof Number)) {
      throw new IllegalArgumentException(name + " must be a whole number, got a " + raw.getClass().getSimpleName());
    }
    long value = wholeNumber((Number) raw, name);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException(name + " is too large: " + raw);
    }
    return (int) value;
  }

  /** A switch: {@code true} or {@code false}; anything else is named (the type only: it may be a misplaced secret). */
  public static boolean flag(JsonObject json, String section, String key, boolean def) {
    Object raw = json.getValue(key);
    if (raw == null) {
      return def;
    }
    if (!(raw instanceof Boolean)) {
      throw new IllegalArgumentException(section + "." + key + " must be true or false, got a " + raw.getClass().getSimpleName());
    }
    return (Boolean) raw;
  }

  /** A JSON array, or null when absent; a value of another type is named. */
  public static JsonArray array(JsonObject json, String section, String key) {
    Object raw = json.getValue(key);
    if (raw == null || raw instanceof JsonArray) {
      return (JsonArray) raw;
    }
    throw new IllegalArgumentException(section + "." + key + " must be an array, got a " + raw.getClass().getSimpleName());
  }

  private static long wholeNumber(Number raw, String name) {
    if (raw instanceof Double d && !Double.isFinite(d) || raw instanceof Float f && !Float.isFinite(f)) {
      throw new IllegalArgumentException(name + " must be a whole number, got " + raw); // YAML's .nan, .inf
    }
    BigDecimal exact = new BigDecimal(raw.toString());
    try {
      return exact.longValueExact();
    } catch (ArithmeticException e) {
      if (exact.stripTrailingZeros().scale() > 0) {
        throw new IllegalArgumentException(name + " must be a whole number, got " + raw);
      }
      throw new IllegalArgumentException(name + (exact.signum() < 0 ? " must be positive, got " : " is too large: ") + raw);
    }
  }
}
