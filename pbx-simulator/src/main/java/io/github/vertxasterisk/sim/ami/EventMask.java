package io.github.vertxasterisk.sim.ami;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which event classes a session receives ({@code Events:} on Login, {@code EventMask} on the Events action).
 * An event passes when one of the classes in its {@code Privilege} header is in the mask.
 */
final class EventMask {

  static final EventMask ALL = new EventMask(true, Set.of());
  static final EventMask NONE = new EventMask(false, Set.of());

  private final boolean all;
  private final Set<String> classes;

  private EventMask(boolean all, Set<String> classes) {
    this.all = all;
    this.classes = classes;
  }

  /** Asterisk semantics: ast_true values mean everything, ast_false/empty nothing, else a class list. */
  static EventMask parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || Set.of("off", "no", "false", "n", "f", "0").contains(t)) {
      return NONE;
    }
    if (Set.of("on", "yes", "true", "y", "t", "1", "all").contains(t)) {
      return ALL;
    }
    Set<String> set = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    return set.contains("all") ? ALL : new EventMask(false, set);
  }

  boolean isOff() {
    return !all && classes.isEmpty();
  }

  boolean accepts(AmiMessage event) {
    if (all) {
      return true;
    }
    String privilege = event.get("Privilege");
    if (privilege == null || classes.isEmpty()) {
      return false;
    }
    for (String c : privilege.toLowerCase(Locale.ROOT).split(",")) {
      if (!c.equals("all") && classes.contains(c.trim())) {
        return true;
      }
    }
    return false;
  }
}
