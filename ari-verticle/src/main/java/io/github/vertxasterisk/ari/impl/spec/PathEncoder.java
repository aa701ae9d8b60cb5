package io.github.vertxasterisk.ari.impl.spec;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes one path segment. Only RFC 3986 unreserved characters stay as they are, so an id
 * holding '/', '?', '#', '%' or spaces cannot change the path; Asterisk decodes each segment after
 * splitting the path on '/'.
 */
final class PathEncoder {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathEncoder() {
  }

  static String encodeSegment(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 8);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }
}
