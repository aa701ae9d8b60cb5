package io.github.vertxasterisk.common;

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
