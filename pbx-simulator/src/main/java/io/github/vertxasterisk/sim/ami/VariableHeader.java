package io.github.vertxasterisk.sim.ami;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Asterisk reads one {@code Variable:} header (main/manager.c man_do_variable_value): split into
 * NAME=value items by AST_STANDARD_APP_ARGS, i.e. main/app.c __ast_app_separate_args(buf, ',',
 * remove_chars = 1). A comma outside double quotes, () and [] starts a new item; double quotes are
 * removed; a backslash is removed and makes the next character literal. An item without '=' or with an
 * empty name is skipped.
 */
public final class VariableHeader {
  private VariableHeader() {
  }

  /** The NAME=value pairs Asterisk sets for one header value, in order. */
  public static List<Map.Entry<String, String>> parse(String headerValue) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String item : separateArgs(headerValue.stripLeading())) {
      int eq = item.indexOf('=');
      if (eq > 0) {
        out.add(Map.entry(item.substring(0, eq), item.substring(eq + 1)));
      }
    }
    return out;
  }

  /** __ast_app_separate_args with ',' and remove_chars = 1. */
  static List<String> separateArgs(String buf) {
    StringBuilder s = new StringBuilder(buf);
    List<String> args = new ArrayList<>();
    int scan = 0;
    int paren = 0;
    int bracket = 0;
    boolean quote = false;
    boolean endedOnDelimiter = false;
    while (scan < s.length()) {
      int start = scan;
      endedOnDelimiter = false;
      for (; scan < s.length(); scan++) {
        char c = s.charAt(scan);
        if (c == '(') {
          paren++;
        } else if (c == ')') {
          paren = Math.max(0, paren - 1);
        } else if (c == '[') {
          bracket++;
        } else if (c == ']') {
          bracket = Math.max(0, bracket - 1);
        } else if (c == '"') {
          quote = !quote;
          s.deleteCharAt(scan--);
        } else if (c == '\\') {
          s.deleteCharAt(scan); // the next character is literal: the loop's scan++ steps over it
        } else if (c == ',' && paren == 0 && bracket == 0 && !quote) {
          break;
        }
      }
      args.add(s.substring(start, Math.min(scan, s.length())));
      if (scan < s.length()) {
        scan++; // past the delimiter
        endedOnDelimiter = true;
      }
    }
    if (endedOnDelimiter) {
      args.add("");
    }
    return args;
  }
}
