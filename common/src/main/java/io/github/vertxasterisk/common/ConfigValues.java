package io.github.vertxasterisk.common;

import io.vertx.core.json.JsonObject;

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

  public static long positive(JsonObject json, String section, String key, long def) {
    Object raw = json.getValue(key);
    if (raw != null && !(raw instanceof Number)) {
      throw new IllegalArgumentException(section + "." + key + " must be a positive number, got a "
        + raw.getClass().getSimpleName());
    }
    long value = raw == null ? def : ((Number) raw).longValue();
    if (value <= 0) {
      throw new IllegalArgumentException(section + "." + key + " must be positive, got " + value);
    }
    return value;
  }
}
