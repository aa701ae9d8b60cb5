package io.github.vertxasterisk.ami.impl;

import io.vertx.core.json.JsonArray;
import java.util.Set;

/**
 * An action's header values as Asterisk reads them, so that the verticle draws the same conclusions
 * from a request as Asterisk will (is this Originate async? which ActionID will the answer carry?).
 * manager.c's astman_get_header takes the first header of that name, skips the blanks before its value
 * ({@code ast_skip_blanks}: every character below 33) and keeps the rest as it is; util.c's
 * {@code ast_true} then compares the whole of it, trailing blanks included.
 */
final class AsteriskValues {
  private static final Set<String> TRUE_WORDS = Set.of("yes", "true", "y", "t", "1", "on");

  private AsteriskValues() {
  }

  /**
   * The value Asterisk reads for a header given as {@code value} in a request: the first element of an
   * array (the encoder writes one header line per element), without its leading blanks; "" for none.
   */
  static String headerValue(Object value) {
    Object first = value instanceof JsonArray array ? (array.isEmpty() ? null : array.getValue(0)) : value;
    String text = first == null ? "" : first.toString();
    int start = 0;
    while (start < text.length() && text.charAt(start) < 33) {
      start++;
    }
    return text.substring(start);
  }

  /** util.c ast_true() of that value: one of its words in any letter case, and nothing after it. */
  static boolean isTrue(Object value) {
    String text = headerValue(value);
    for (String word : TRUE_WORDS) {
      if (word.equalsIgnoreCase(text)) {
        return true;
      }
    }
    return false;
  }
}
