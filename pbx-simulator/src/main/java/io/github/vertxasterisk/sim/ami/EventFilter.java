package io.github.vertxasterisk.sim.ami;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Action: Filter} entry. Regex filters match anywhere in the event text ("!" prefix = exclude);
 * {@code MatchCriteria: name(X)} matches the event name. Include filters are OR-ed (09 capture).
 */
final class EventFilter {

  private static final Pattern NAME_CRITERIA = Pattern.compile("(?i)name\\((.*)\\)");

  private final boolean exclude;
  private final Pattern regex;
  private final String eventName;

  private EventFilter(boolean exclude, Pattern regex, String eventName) {
    this.exclude = exclude;
    this.regex = regex;
    this.eventName = eventName;
  }

  /** Builds a filter from a Filter action, or null when it has neither a valid Filter nor MatchCriteria. */
  static EventFilter from(AmiMessage action) {
    String criteria = action.value("MatchCriteria");
    String filter = action.value("Filter");
    boolean exclude = filter.startsWith("!");
    String expr = exclude ? filter.substring(1) : filter;
    Matcher m = NAME_CRITERIA.matcher(criteria.trim());
    String name = m.matches() ? m.group(1) : null;
    Pattern regex = null;
    if (!expr.isEmpty()) {
      try {
        regex = Pattern.compile(expr);
      } catch (RuntimeException e) {
        return null;
      }
    }
    if (regex == null && name == null) {
      return null;
    }
    return new EventFilter(exclude, regex, name);
  }

  boolean isExclude() {
    return exclude;
  }

  boolean matches(AmiMessage event, String wireText) {
    if (eventName != null && !eventName.equalsIgnoreCase(event.value("Event"))) {
      return false;
    }
    return regex == null || regex.matcher(wireText).find();
  }
}
