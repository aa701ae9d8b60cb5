package io.github.vertxasterisk.ami.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares one array of header names between the messages that have the same headers in the same order:
 * every Newexten, every Hangup... of a stream carries the same names, so most messages need no array
 * of their own. A direct-mapped table: a collision simply replaces the slot. Only small layouts are
 * kept (Command output may have thousands of lines). Not thread-safe (one per parser); the arrays it
 * returns are never written again.
 */
final class HeaderLayouts {
  private static final int SLOTS = 256;
  private static final int MAX_SHARED_HEADERS = 64;
  private final Layout[] layouts = new Layout[SLOTS];

  /** Header names in order, and their bytes as the wire carries them (to recognise them unread). */
  static final class Layout {
    final String[] names;
    final byte[][] bytes;

    private Layout(String[] names) {
      this.names = names;
      this.bytes = new byte[names.length][];
      for (int i = 0; i < names.length; i++) {
        bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  /** The layout of {@code names[0..count)}, or null when it is too large to share. */
  Layout get(String[] names, int count) {
    if (count > MAX_SHARED_HEADERS) {
      return null;
    }
    int h = count;
    for (int i = 0; i < count; i++) {
      h = 31 * h + names[i].hashCode(); // cached in each String: cheap
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Layout cached = layouts[slot];
    if (cached != null && Arrays.equals(cached.names, 0, cached.names.length, names, 0, count)) {
      return cached;
    }
    Layout fresh = new Layout(Arrays.copyOf(names, count));
    layouts[slot] = fresh;
    return fresh;
  }
}
