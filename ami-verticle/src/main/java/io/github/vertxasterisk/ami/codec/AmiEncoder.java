package io.github.vertxasterisk.ami.codec;

import io.netty.buffer.ByteBufUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes an action as AMI bytes: {@code Name: value\r\n} per header, in the JSON's order, then an empty
 * line. An array value becomes one header per element (Variable, ChanVariable...); an object value
 * becomes {@code key=value} headers (the usual shape of Originate's {@code Variable}).
 *
 * <p>Header injection is the encoder's to prevent: a name or value holding CR or LF would let a
 * caller smuggle a second action (say, an Originate) into the stream, so it is refused.
 */
public final class AmiEncoder {

  private AmiEncoder() {
  }

  /** Asterisk reads at most this many header lines of an action (manager.c AST_MAX_MANHEADERS). */
  public static final int MAX_HEADER_LINES = 128;
  /** The longest line Asterisk reads, CRLF not counted: its session's input buffer holds 1024 bytes. */
  public static final int MAX_LINE_BYTES = 1022;

  /** @throws IllegalArgumentException with a message naming the offending header, or when there are too many */
  public static Buffer encode(JsonObject action) {
    StringBuilder sb = new StringBuilder(128);
    int lines = 0;
    for (Map.Entry<String, Object> header : action) {
      String name = header.getKey();
      checkName(name);
      Object value = header.getValue();
      if (value == null) {
        continue;
      }
      if (value instanceof JsonArray) {
        for (Object element : (JsonArray) value) {
          appendHeader(sb, name, scalar(name, element));
          lines++;
        }
      } else if (value instanceof JsonObject) {
        for (Map.Entry<String, Object> kv : (JsonObject) value) {
          appendHeader(sb, name, literal(variableName(name, kv.getKey())) + "=" + literal(scalar(name, kv.getValue())));
          lines++;
        }
      } else {
        appendHeader(sb, name, scalar(name, value));
        lines++;
      }
    }
    if (lines > MAX_HEADER_LINES) {
      // Asterisk would answer "Too many lines in message" naming no ActionID it had not read
      throw new IllegalArgumentException("the action has " + lines + " header lines; Asterisk reads at most "
        + MAX_HEADER_LINES);
    }
    sb.append("\r\n");
    return Buffer.buffer(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The key of the first header named {@code name} in any letter case, as Asterisk reads headers; null when absent. */
  public static String headerKey(JsonObject action, String name) {
    for (String key : action.fieldNames()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  /** The value of that header ({@link #headerKey}); null when absent. */
  public static Object header(JsonObject action, String name) {
    String key = headerKey(action, name);
    return key == null ? null : action.getValue(key);
  }

  private static void appendHeader(StringBuilder sb, String name, String value) {
    checkValue(name, value);
    int bytes = name.length() + 2 + ByteBufUtil.utf8Bytes(value);
    if (bytes > MAX_LINE_BYTES) {
      // Asterisk would drop the line, or read the rest of it as a header of its own
      throw new IllegalArgumentException("header '" + name + "' makes a line of " + bytes
        + " bytes; Asterisk reads lines of at most " + MAX_LINE_BYTES + " (and the CRLF)");
    }
    sb.append(name).append(": ").append(value).append("\r\n");
  }

  private static String scalar(String name, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw new IllegalArgumentException("header '" + name + "' must be a string, number, boolean, array or object of those; got "
      + value.getClass().getSimpleName());
  }

  /**
   * Asterisk splits a {@code Variable} header into NAME=value pairs at commas outside quotes, () and [],
   * and drops quotes and backslashes (manager.c man_do_variable_value, app.c __ast_app_separate_args):
   * a backslash before each such character makes it arrive as the caller gave it. The same goes for
   * the name ({@code HASH(a,b)}): the split comes before the name is cut at its '='.
   */
  private static String literal(String value) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ("\\\",()[]".indexOf(c) >= 0) {
        if (sb == null) {
          sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        }
        sb.append('\\');
      }
      if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /** Asterisk takes the name up to the item's first '=': a name cannot hold one. */
  private static String variableName(String header, String variable) {
    if (variable.isEmpty() || variable.indexOf('=') >= 0) {
      throw new IllegalArgumentException("a name in header '" + header + "' must be non-empty and without '=': '"
        + variable.replaceAll("[\\r\\n]", "?") + "'");
    }
    return variable;
  }

  private static void checkName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty header name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == ':' || c >= 0x7f) {
        throw new IllegalArgumentException("header name '" + name.replaceAll("[\\r\\n]", "?")
          + "' may hold only visible ASCII characters and no ':'");
      }
    }
  }

  private static void checkValue(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("value of header '" + name + "' contains a line break");
    }
    if (value.indexOf('\0') >= 0) {
      // Asterisk keeps a header as a C string: the value would arrive cut at the NUL
      throw new IllegalArgumentException("value of header '" + name + "' contains a NUL character");
    }
  }
}
