package io.github.vertxasterisk.ami.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reuses the String of a short ASCII token seen recently. AMI repeats a few dozen header names
 * (Channel, Uniqueid, Linkedid...) millions of times, and most values as well: a call's channel name,
 * unique ids, context, state and caller id recur in each of its dozens of events (9 values in 10 on
 * the recorded Asterisk streams). Decoding each one anew was most of the parser's garbage.
 *
 * <p>A direct-mapped table: a collision simply replaces the slot. Each slot keeps its key's bytes as
 * 64-bit words in one flat array, so a lookup reads the input eight bytes at a time, compares words
 * and touches no other object. Text longer than {@code maxBytes} or not ASCII is decoded by
 * {@link PeerText} (UTF-8, or ISO-8859-1 when not valid UTF-8) and not cached. Not thread-safe (one
 * per parser); the Strings it returns are immutable and shared freely.
 */
final class AsciiStringCache {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NON_ASCII_BITS = 0x8080808080808080L;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final String[] strings;
  private final int[] lengths;
  private final long[] keys;
  private final long[] scratch; // the words of the token being looked up
  private final int wordsPerSlot;
  private final int maxBytes;
  private final int slotShift;

  /**
   * @param slots a power of two
   * @param maxBytes longest text cached, a multiple of 8
   */
  AsciiStringCache(int slots, int maxBytes) {
    if (Integer.bitCount(slots) != 1 || maxBytes <= 0 || maxBytes % Long.BYTES != 0) {
      throw new IllegalArgumentException("need a power of two of slots and a multiple of 8 bytes");
    }
    this.strings = new String[slots];
    this.lengths = new int[slots];
    this.wordsPerSlot = maxBytes / Long.BYTES;
    this.keys = new long[slots * wordsPerSlot];
    this.scratch = new long[wordsPerSlot];
    this.maxBytes = maxBytes;
    this.slotShift = Long.SIZE - Integer.numberOfTrailingZeros(slots);
  }

  String get(byte[] buf, int start, int end) {
    int len = end - start;
    if (len == 0) {
      return "";
    }
    int slot = slot(buf, start, end);
    if (slot < 0) {
      return PeerText.decode(buf, start, len);
    }
    if (lengths[slot] == len && sameWords(slot * wordsPerSlot, scratch, wordCount(len))) {
      return strings[slot];
    }
    String fresh = new String(buf, start, len, StandardCharsets.ISO_8859_1);
    store(slot, len, fresh);
    return fresh;
  }

  /**
   * Puts {@code known} (short ASCII) in its slot, so that {@link #get} returns this very String for
   * its bytes until another token takes the slot: callers may compare it by identity first.
   */
  void seed(String known) {
    byte[] bytes = Arrays.copyOf(known.getBytes(StandardCharsets.US_ASCII), Math.max(known.length(), Long.BYTES));
    int slot = slot(bytes, 0, known.length());
    if (slot >= 0) {
      store(slot, known.length(), known);
    }
  }

  /**
   * The slot of the token's bytes, its words left in {@link #scratch}; -1 when it is not cached (empty,
   * too long or not ASCII: non-ASCII is rare, and decoding it is UTF-8 work anyway).
   */
  private int slot(byte[] buf, int start, int end) {
    int len = end - start;
    if (len == 0 || len > maxBytes || buf.length < Long.BYTES) {
      return -1;
    }
    long[] words = scratch;
    int n = 0;
    long h = len;
    long bits = 0;
    for (int i = start; i < end; i += Long.BYTES) {
      long w = word(buf, i, end);
      words[n++] = w;
      bits |= w;
      h = (h ^ w) * GOLDEN;
    }
    return (bits & NON_ASCII_BITS) != 0 ? -1 : (int) (h >>> slotShift);
  }

  private void store(int slot, int len, String string) {
    System.arraycopy(scratch, 0, keys, slot * wordsPerSlot, wordCount(len));
    lengths[slot] = len;
    strings[slot] = string;
  }

  private static int wordCount(int len) {
    return (len + Long.BYTES - 1) / Long.BYTES;
  }

  private boolean sameWords(int base, long[] words, int n) {
    for (int k = 0; k < n; k++) {
      if (keys[base + k] != words[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The bytes [i, min(i + 8, end)) as a little-endian word, zero above {@code end}; buf holds >= 8 bytes.
   * No branch on the length (it would be mispredicted at every other token).
   */
  private static long word(byte[] buf, int i, int end) {
    int n = Math.min(end - i, Long.BYTES);
    if (i + Long.BYTES <= buf.length) {
      return (long) LONGS.get(buf, i) & (-1L >>> ((Long.BYTES - n) << 3));
    }
    return (long) LONGS.get(buf, end - Long.BYTES) >>> ((Long.BYTES - n) << 3); // at the array's end: read back
  }
}
