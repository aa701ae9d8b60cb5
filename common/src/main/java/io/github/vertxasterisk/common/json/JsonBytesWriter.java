package io.github.vertxasterisk.common.json;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON tree of ASCII strings, whole numbers, booleans and nulls to the exact bytes Vert.x's
 * Jackson codec writes ({@code Json.CODEC.toBuffer(json, false)}), several times faster: the holder of
 * a busy PBX spent ~40 % of its event loop in Jackson's per-character string loop encoding events for
 * the clustered bus (it copies each string into a char buffer, then escapes from there). Here each
 * character of a string goes straight to the output; only a string that needs an escape, which AMI
 * and ARI text almost never has, takes the slower path.
 *
 * <p>Anything else (non-ASCII text, fractional numbers, Instants, binary, non-String keys, nesting
 * beyond Jackson's limit...) is handed to Jackson whole, so the output is always Jackson's, byte for
 * byte. So is everything when Vert.x does not use its plain Jackson codec (jackson-databind on the
 * class path makes it {@code DatabindCodec}, whose ObjectMapper may be configured to write otherwise).
 * One writer per call, on the calling thread's scratch array.
 */
final class JsonBytesWriter {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  // One scratch array per thread, reused: a batch of events is ~100 KB that would otherwise be
  // allocated, and grown by doubling, for every message. Only the final copy is allocated.
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
  private static final int MAX_SCRATCH_KEPT = 1 << 20;
  // Jackson's default StreamWriteConstraints: deeper documents are refused (and so left to Jackson).
  private static final int MAX_DEPTH = 1000;
  private static final boolean PLAIN_JACKSON = Json.CODEC.getClass() == JacksonCodec.class;

  private byte[] out;
  private int pos;
  private int depth;

  private JsonBytesWriter(byte[] scratch) {
    out = scratch;
  }

  /** The JSON bytes of {@code json}, identical to {@code Json.CODEC.toBuffer(json, false)}. */
  static Buffer toBuffer(JsonObject json) {
    Buffer fast = tryWrite(json);
    return fast != null ? fast : Json.CODEC.toBuffer(json, false);
  }

  /** The JSON bytes of {@code json}, or null if it holds something only Jackson writes. */
  static Buffer tryWrite(JsonObject json) {
    if (!PLAIN_JACKSON) {
      return null;
    }
    byte[] scratch = SCRATCH.get();
    JsonBytesWriter writer = new JsonBytesWriter(scratch);
    boolean written = writer.writeMap(json.getMap());
    if (writer.out != scratch && writer.out.length <= MAX_SCRATCH_KEPT) {
      SCRATCH.set(writer.out); // grown: keep the bigger one
    }
    return written ? Buffer.buffer(writer.pos).appendBytes(writer.out, 0, writer.pos) : null;
  }

  // Each write returns false when it met something only Jackson writes: the caller starts over with it.

  private boolean writeMap(Map<?, ?> map) {
    if (++depth > MAX_DEPTH) {
      return false;
    }
    put('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        put(',');
      }
      first = false;
      if (!(entry.getKey() instanceof String key) || !writeString(key)) {
        return false;
      }
      put(':');
      if (!writeValue(entry.getValue())) {
        return false;
      }
    }
    put('}');
    depth--;
    return true;
  }

  private boolean writeList(List<?> list) {
    if (++depth > MAX_DEPTH) {
      return false;
    }
    put('[');
    for (int i = 0, n = list.size(); i < n; i++) {
      if (i > 0) {
        put(',');
      }
      if (!writeValue(list.get(i))) {
        return false;
      }
    }
    put(']');
    depth--;
    return true;
  }

  private boolean writeValue(Object value) {
    if (value instanceof String) {
      return writeString((String) value);
    } else if (value instanceof JsonObject) {
      return writeMap(((JsonObject) value).getMap());
    } else if (value instanceof JsonArray) {
      return writeList(((JsonArray) value).getList());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      writeLong(((Number) value).longValue());
      return true;
    } else if (value instanceof Boolean) {
      writeAscii((Boolean) value ? "true" : "false");
      return true;
    } else if (value == null) {
      writeAscii("null");
      return true;
    } else if (value instanceof Map) {
      return writeMap((Map<?, ?>) value);
    } else if (value instanceof List) {
      return writeList((List<?>) value);
    }
    return false;
  }

  /** Copies plain ASCII as it goes; from the first character that needs more, writeEscaped goes on. */
  private boolean writeString(String s) {
    int len = s.length();
    ensure(len + 2);
    byte[] b = out;
    int at = pos;
    b[at++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (!plain(c)) {
        pos = at;
        return writeEscaped(s, i);
      }
      b[at++] = (byte) c;
    }
    b[at++] = '"';
    pos = at;
    return true;
  }

  /**
   * The rest of the string from {@code from}, with Jackson's escapes: the short forms for \b \t \n
   * \f \r, the six-character form (backslash, u, 00XX) for other controls.
   */
  private boolean writeEscaped(String s, int from) {
    ensure((s.length() - from) * 6 + 1);
    for (int i = from, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (plain(c)) {
        out[pos++] = (byte) c;
        continue;
      }
      if (c >= 0x80) {
        return false; // UTF-8 (and Jackson's handling of broken surrogates) is Jackson's job
      }
      out[pos++] = '\\';
      switch (c) {
        case '"', '\\' -> out[pos++] = (byte) c;
        case '\b' -> out[pos++] = 'b';
        case '\t' -> out[pos++] = 't';
        case '\n' -> out[pos++] = 'n';
        case '\f' -> out[pos++] = 'f';
        case '\r' -> out[pos++] = 'r';
        default -> {
          out[pos++] = 'u';
          out[pos++] = '0';
          out[pos++] = '0';
          out[pos++] = HEX[c >> 4];
          out[pos++] = HEX[c & 0xF];
        }
      }
    }
    out[pos++] = '"';
    return true;
  }

  /** ASCII that JSON writes as it is: not a control, a quote or a backslash. */
  private static boolean plain(char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
  }

  private void writeLong(long v) {
    if (v == Long.MIN_VALUE) {
      writeAscii(Long.toString(v));
      return;
    }
    ensure(20);
    if (v < 0) {
      out[pos++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest > 0; rest /= 10) {
      digits++;
    }
    int at = pos + digits;
    pos = at;
    do {
      out[--at] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v > 0);
  }

  @SuppressWarnings("deprecation")
  private void writeAscii(String ascii) {
    ensure(ascii.length());
    ascii.getBytes(0, ascii.length(), out, pos);
    pos += ascii.length();
  }

  private void put(char c) {
    ensure(1);
    out[pos++] = (byte) c;
  }

  private void ensure(int more) {
    if (pos + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
    }
  }
}
