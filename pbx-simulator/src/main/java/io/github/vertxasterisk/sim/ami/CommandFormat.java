package io.github.vertxasterisk.sim.ami;

import java.util.Locale;

/** How the Command action is answered, so clients can be tested against both server generations. */
public enum CommandFormat {
  /** Asterisk 14+: {@code Response: Success}, {@code Message: Command output follows}, one {@code Output:} per line. */
  OUTPUT,
  /** Asterisk 13 and older: {@code Response: Follows}, {@code Privilege: Command}, raw lines, {@code --END COMMAND--}. */
  FOLLOWS;

  public static CommandFormat parse(String s) {
    return s != null && s.trim().toLowerCase(Locale.ROOT).equals("follows") ? FOLLOWS : OUTPUT;
  }
}
