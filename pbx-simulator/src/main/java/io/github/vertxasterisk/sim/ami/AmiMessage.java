package io.github.vertxasterisk.sim.ami;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One AMI message (action, response or event): an ordered list of headers.
 * Order matters on the wire (ActionID is the 2nd header of a response), so this is a list, not a map.
 * Lookups are case-insensitive because Asterisk matches header names that way.
 */
public final class AmiMessage {

  private final List<Map.Entry<String, String>> headers = new ArrayList<>();

  /** A response: {@code Response: x} then {@code ActionID} only when the action carried one. */
  public static AmiMessage response(String response, String actionId) {
    AmiMessage m = new AmiMessage().add("Response", response);
    if (actionId != null && !actionId.isEmpty()) {
      m.add("ActionID", actionId);
    }
    return m;
  }

  /** An event with its {@code Privilege} header (e.g. "call,all"); privilege may be null (list items). */
  public static AmiMessage event(String name, String privilege) {
    AmiMessage m = new AmiMessage().add("Event", name);
    if (privilege != null) {
      m.add("Privilege", privilege);
    }
    return m;
  }

  public AmiMessage add(String name, Object value) {
    headers.add(Map.entry(name, value == null ? "" : String.valueOf(value)));
    return this;
  }

  /** Adds the header only when the value is non-empty (ActionID on list items, for instance). */
  public AmiMessage addIfPresent(String name, String value) {
    return value == null || value.isEmpty() ? this : add(name, value);
  }

  /** First value of the header (case-insensitive name), or null. */
  public String get(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** First value or "" (Asterisk's astman_get_header semantics). */
  public String value(String name) {
    String v = get(name);
    return v == null ? "" : v;
  }

  public List<String> getAll(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        out.add(h.getValue());
      }
    }
    return out;
  }

  public List<Map.Entry<String, String>> headers() {
    return List.copyOf(headers);
  }

  /** The Action (for client messages) or Event name, or null. */
  public String action() {
    return get("Action");
  }

  public String eventName() {
    return get("Event");
  }

  /** Wire form: {@code Name: value\r\n} per header, then an empty line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(headers.size() * 32);
    for (Map.Entry<String, String> h : headers) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  public Buffer toBuffer() {
    return Buffer.buffer(toString());
  }
}
