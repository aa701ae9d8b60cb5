package io.github.vertxasterisk.ami.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reuses the String of a header name seen before: AMI repeats a few dozen names (Channel, Uniqueid,
 * Linkedid...) millions of times, so decoding each one anew is most of a parser's garbage.
 * A direct-mapped table: a collision simply replaces the slot. Not thread-safe (one per parser).
 */
final class HeaderNameCache {
  private static final int SLOTS = 512;
  private final String[] strings = new String[SLOTS];

  String get(byte[] buf, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      byte b = buf[i];
      if (b < 0) {
        // Non-ASCII: rare, and the char-by-char comparison below would be wrong for it.
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
      }
      h = 31 * h + b;
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String cached = strings[slot];
    if (cached != null && sameAscii(cached, buf, start, end)) {
      return cached;
    }
    String fresh = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    strings[slot] = fresh;
    return fresh;
  }

  private static boolean sameAscii(String s, byte[] buf, int start, int end) {
    int len = end - start;
    if (s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != buf[start + i]) {
        return false;
      }
    }
    return true;
  }
}
