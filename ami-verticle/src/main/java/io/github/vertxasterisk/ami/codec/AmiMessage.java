package io.github.vertxasterisk.ami.codec;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AMI message (a response or an event) as Asterisk sent it: its headers in order, names as sent.
 *
 * <p>Lookups ignore case because Asterisk treats header names case-insensitively. The old
 * {@code Response: Follows} form of Command output is normalised into {@code Output} headers, one per
 * line, exactly like the Asterisk 14+ form, so consumers see one shape for both.
 */
public final class AmiMessage {
  public static final String EVENT = "Event";
  public static final String RESPONSE = "Response";
  public static final String ACTION_ID = "ActionID";
  public static final String OUTPUT = "Output";

  private final String[] names;
  private final String[] values;
  private final int size;

  AmiMessage(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** Builds a message from alternating names and values; for tests and simulators. */
  public static AmiMessage of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    int n = namesAndValues.length / 2;
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = namesAndValues[2 * i];
      values[i] = namesAndValues[2 * i + 1];
    }
    return new AmiMessage(names, values, n);
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The first value of that header (case-insensitive), or {@code null}. */
  public String get(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** Every value of that header in order (repeated headers such as ChanVariable or Output). */
  public List<String> getAll(String name) {
    List<String> all = new ArrayList<>(2);
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        all.add(values[i]);
      }
    }
    return all;
  }

  /**
   * An event is a message whose first header is {@code Event}. OriginateResponse carries both an Event
   * and a Response header and is an event; an ordinary response starts with Response.
   */
  public boolean isEvent() {
    return size > 0 && (EVENT.equalsIgnoreCase(names[0]) || !RESPONSE.equalsIgnoreCase(names[0]) && get(EVENT) != null);
  }

  /** A response answers an action; it carries Response and no leading Event header. */
  public boolean isResponse() {
    return !isEvent() && get(RESPONSE) != null;
  }

  public String eventName() {
    return get(EVENT);
  }

  public String actionId() {
    return get(ACTION_ID);
  }

  /**
   * The message as the JSON published on the bus: header names as sent; a header that repeats becomes
   * an array of its values in order. Command output is always an array, even for a single line.
   */
  public JsonObject toJson() {
    // The map JsonObject itself would create, sized once (no rehash), one lookup per header.
    Map<String, Object> map = new LinkedHashMap<>(size + size / 3 + 1);
    for (int i = 0; i < size; i++) {
      String name = Objects.requireNonNull(names[i]);
      Object existing = OUTPUT.equals(name) ? map.get(name) : map.putIfAbsent(name, values[i]);
      if (existing == null) {
        if (OUTPUT.equals(name)) {
          map.put(name, new JsonArray().add(values[i]));
        }
      } else if (existing instanceof JsonArray) {
        ((JsonArray) existing).add(values[i]);
      } else {
        map.put(name, new JsonArray().add(existing).add(values[i]));
      }
    }
    return new JsonObject(map);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AmiMessage)) {
      return false;
    }
    AmiMessage other = (AmiMessage) o;
    return size == other.size
      && Arrays.equals(names, 0, size, other.names, 0, size)
      && Arrays.equals(values, 0, size, other.values, 0, size);
  }

  @Override
  public int hashCode() {
    int h = size;
    for (int i = 0; i < size; i++) {
      h = 31 * h + names[i].hashCode();
      h = 31 * h + values[i].hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < size; i++) {
      sb.append(names[i]).append(": ").append(values[i]).append("\\r\\n");
    }
    return sb.toString();
  }
}
