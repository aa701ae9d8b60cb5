package io.github.vertxasterisk.common;

/**
 * A peer's text (a bridge client's, a PBX's) as the node may log it or echo it: control characters (C0,
 * DEL, C1) and Unicode line separators escaped (a line break would start a forged log record), and cut to
 * {@value #MAX_CHARS} characters (the peer chooses how long its text is, and must not choose how much
 * the node logs).
 */
public final class LogSafeText {
  public static final int MAX_CHARS = 100;

  private LogSafeText() {
  }

  public static String of(Object value) {
    return of(value, MAX_CHARS);
  }

  /** For text of the node's own that quotes a peer's (a refusal's message): a larger bound. */
  public static String of(Object value, int maxChars) {
    String text = String.valueOf(value);
    int shown = Math.min(text.length(), maxChars);
    StringBuilder out = new StringBuilder(shown + 32);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) { // C0, DEL and C1 (U+0085 is a line break; U+009B a terminal escape)
        out.append(String.format("\\x%02x", (int) c));
      } else if (c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
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
