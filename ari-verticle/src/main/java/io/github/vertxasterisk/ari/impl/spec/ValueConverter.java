package io.github.vertxasterisk.ari.impl.spec;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Checks one parameter value against its declaration and turns it into what ARI receives.
 *
 * <p>Lenient where nothing can go wrong (a number for a string parameter, {@code "30"} for an int)
 * and strict where Asterisk would silently misread: an int must be integral and in range, a boolean
 * must be true/false, a value must be in its declared list.
 */
final class ValueConverter {
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");

  private ValueConverter() {
  }

  /**
   * The text of a path or query parameter. A list ({@code allowMultiple}) is sent as one
   * comma-separated value, as ARI expects; it may be given as a JSON array or as that text.
   */
  static String toText(AriOperation op, AriParameter p, Object value) {
    if (!p.allowMultiple()) {
      return convert(op, p, value);
    }
    if (value instanceof JsonArray items) {
      StringJoiner joined = new StringJoiner(",");
      for (Object item : items) {
        String text = convert(op, p, item);
        if (text.indexOf(',') >= 0) {
          throw invalid(op, p, "a list item cannot contain ',' (ARI splits lists on commas)", item);
        }
        joined.add(text);
      }
      return joined.toString();
    }
    if (value instanceof String text) {
      StringJoiner joined = new StringJoiner(",");
      for (String part : text.split(",", -1)) {
        joined.add(convert(op, p, part));
      }
      return joined.toString();
    }
    return convert(op, p, value);
  }

  /**
   * A body parameter: {@code containers} hold JSON objects or lists (ConfigTuple lists for
   * {@code asterisk.updateObject}), {@code object} only JSON objects.
   */
  static Object toBodyValue(AriOperation op, AriParameter p, Object value) {
    if (value instanceof JsonObject o) {
      return o.copy();
    }
    if (value instanceof JsonArray a && !"object".equals(p.dataType())) {
      return a.copy();
    }
    throw invalid(op, p, "expects a JSON object", value);
  }

  private static String convert(AriOperation op, AriParameter p, Object value) {
    String text;
    switch (p.dataType()) {
      case "int":
        text = integer(op, p, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        break;
      case "long":
        text = integer(op, p, value, Long.MIN_VALUE, Long.MAX_VALUE);
        break;
      case "boolean":
        text = bool(op, p, value);
        break;
      default:
        // string and any type this code does not know: sent as text
        text = plain(op, p, value);
    }
    if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(text)) {
      throw invalid(op, p, "must be one of " + p.allowedValues(), value);
    }
    return text;
  }

  private static String integer(AriOperation op, AriParameter p, Object value, long lo, long hi) {
    long n;
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      n = ((Number) value).longValue();
    } else if (value instanceof Number num) {
      double d = num.doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > 9.0e18) {
        throw invalid(op, p, "expects a whole number", value);
      }
      n = (long) d;
    } else if (value instanceof String s && INTEGER.matcher(s.trim()).matches()) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(op, p, "is out of range", value);
      }
    } else {
      throw invalid(op, p, "expects a whole number", value);
    }
    if (n < lo || n > hi) {
      throw invalid(op, p, "is out of " + p.dataType() + " range", value);
    }
    if (p.min() != null && n < p.min()) {
      throw invalid(op, p, "must be at least " + p.min(), value);
    }
    if (p.max() != null && n > p.max()) {
      throw invalid(op, p, "must be at most " + p.max(), value);
    }
    return Long.toString(n);
  }

  private static String bool(AriOperation op, AriParameter p, Object value) {
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return s.toLowerCase();
    }
    throw invalid(op, p, "expects true or false", value);
  }

  private static String plain(AriOperation op, AriParameter p, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw invalid(op, p, "expects a single " + p.dataType() + " value"
        + (p.allowMultiple() ? " or a JSON array of them" : ""), value);
  }

  private static AriValidationException invalid(AriOperation op, AriParameter p, String problem,
      Object value) {
    String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
    return new AriValidationException(AriErrorCode.INVALID_VALUE,
        op.name() + " parameter '" + p.name() + "' " + problem + ", got " + shown);
  }
}
