package io.github.vertxasterisk.ami.codec;

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
  private final String[][] layouts = new String[SLOTS][];

  /** The names {@code names[0..count)}, as an array of exactly {@code count} that must not be modified. */
  String[] get(String[] names, int count) {
    if (count > MAX_SHARED_HEADERS) {
      return Arrays.copyOf(names, count);
    }
    int h = count;
    for (int i = 0; i < count; i++) {
      h = 31 * h + names[i].hashCode(); // cached in each String: cheap
    }
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    String[] cached = layouts[slot];
    if (cached != null && Arrays.equals(cached, 0, cached.length, names, 0, count)) {
      return cached;
    }
    String[] fresh = Arrays.copyOf(names, count);
    layouts[slot] = fresh;
    return fresh;
  }
}
