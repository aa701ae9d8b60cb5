package io.github.vertxasterisk.ami.codec;

import io.github.vertxasterisk.ami.codec.HeaderLayouts.Layout;
import java.util.Arrays;

/**
 * Guesses a message's header names from the last message that began with the same first header
 * (every {@code Event: Newexten} of a stream has the same names in the same order). A name read where
 * the guess expects it is recognised by comparing its bytes, with no table lookup; a message whose
 * names all matched reuses the guessed layout whole. A wrong guess costs one comparison, then the
 * parser looks names up as usual. Direct-mapped on the first value; not thread-safe (one per parser).
 */
final class LayoutGuess {
  private static final int SLOTS = 256;
  private final String[] firstValues = new String[SLOTS];
  private final Layout[] layouts = new Layout[SLOTS];

  private String firstValue;
  private int slot;
  private Layout guess; // for the message being read; null once a name did not match

  /** A message began with this header. */
  void begin(String name, String value) {
    firstValue = value;
    slot = value.hashCode() & (SLOTS - 1);
    Layout layout = layouts[slot];
    guess = firstValues[slot] == value && layout != null && layout.names[0] == name ? layout : null;
  }

  /** The name of header {@code index} if {@code buf[start, end)} is the one guessed, else null (and no more guessing). */
  String name(int index, byte[] buf, int start, int end) {
    Layout g = guess;
    if (g == null) {
      return null;
    }
    if (index < g.names.length) {
      byte[] expected = g.bytes[index];
      if (Arrays.equals(buf, start, end, expected, 0, expected.length)) {
        return g.names[index];
      }
    }
    guess = null;
    return null;
  }

  /** The guessed layout if the message had exactly its names, else null. */
  Layout confirmed(int count) {
    return guess != null && guess.names.length == count ? guess : null;
  }

  /** The message's real layout: the guess for the next message that begins the same way. */
  void learn(Layout layout) {
    if (firstValue != null) {
      firstValues[slot] = firstValue;
      layouts[slot] = layout;
    }
  }

  /** The message was dropped: nothing of it is learnt. */
  void forget() {
    firstValue = null;
    guess = null;
  }
}
