package io.github.vertxasterisk.sim.ami;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Asterisk 22.10.1 captures from test resources and normalizes run-specific values. */
final class Captures {

  private Captures() {
  }

  static String server(String name) {
    return read(name + ".server.txt");
  }

  static String client(String name) {
    return read(name + ".client.txt");
  }

  private static String read(String file) {
    try (InputStream in = Captures.class.getResourceAsStream("/captures/ami/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("missing capture " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The client's actions, one string each (with its terminating empty line). */
  static List<String> actions(String clientText) {
    List<String> out = new ArrayList<>();
    for (String block : clientText.split("\r\n\r\n")) {
      if (!block.isBlank()) {
        out.add(block + "\r\n\r\n");
      }
    }
    return out;
  }

  /** The message block (without the final empty line) of the response carrying this ActionID. */
  static String responseBlock(String serverText, String actionId) {
    for (String block : serverText.split("\r\n\r\n")) {
      if (block.contains("\r\nActionID: " + actionId + "\r\n") && block.contains("Response: ")) {
        return block.substring(block.indexOf("Response: "));
      }
    }
    throw new AssertionError("no response with ActionID " + actionId);
  }

  /** Every message (response and list events, without the final empty lines) carrying this ActionID, in order. */
  static List<AmiMessage> messagesFor(String serverText, String actionId) {
    List<AmiMessage> out = new ArrayList<>();
    for (AmiMessage m : RawAmiClient.parse(serverText)) {
      if (actionId.equals(m.get("ActionID"))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Drops whole messages whose text contains the marker (events the simulator does not model). */
  static String withoutMessages(String text, String marker) {
    StringBuilder sb = new StringBuilder();
    for (String block : text.split("(?<=\r\n\r\n)")) {
      if (!block.contains(marker)) {
        sb.append(block);
      }
    }
    return sb.toString();
  }

  /**
   * Replaces values that differ on every run: uniqueids and Local sequence numbers become numbered
   * placeholders in order of appearance (so their consistency is still checked), times and ids become fixed.
   */
  static String normalize(String text) {
    String t = text;
    t = numbered(t, Pattern.compile("(?<![0-9])\\d{9,11}\\.\\d+(?![0-9])"), "UID");
    t = numbered(t, Pattern.compile("(?<=-)[0-9a-f]{8}(?=;[12])"), "SEQ");
    t = t.replaceAll("(Timestamp|EventTV|SessionTV|SessionID|Uptime|LastReload|Challenge|Seconds): [^\r\n]*", "$1: X");
    t = t.replaceAll("(LocalAddress|RemoteAddress): IPV4/TCP/127.0.0.1/\\d+", "$1: IPV4/TCP/127.0.0.1/PORT");
    t = t.replaceAll("Duration: \\d\\d:\\d\\d:\\d\\d", "Duration: X");
    return t;
  }

  private static String numbered(String text, Pattern p, String prefix) {
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = p.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String id = ids.computeIfAbsent(m.group(), k -> prefix + (ids.size() + 1));
      m.appendReplacement(sb, id);
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
