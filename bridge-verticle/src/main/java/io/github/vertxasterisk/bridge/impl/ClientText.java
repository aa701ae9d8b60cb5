package io.github.vertxasterisk.bridge.impl;

/**
 * A client's text as the node may log it or echo it: control characters escaped (a line break would
 * start a forged log record), and cut to {@value #MAX_CHARS} characters (a client chooses how long its
 * addresses and types are, up to a frame's size, and must not choose how much the node logs).
 */
final class ClientText {
  static final int MAX_CHARS = 100;

  private ClientText() {
  }

  static String of(Object value) {
    return of(value, MAX_CHARS);
  }

  /** For text of the node's own that quotes a client's (a refusal's message): a larger bound. */
  static String of(Object value, int maxChars) {
    String text = String.valueOf(value);
    int shown = Math.min(text.length(), maxChars);
    StringBuilder out = new StringBuilder(shown + 32);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (shown < text.length()) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }
}
