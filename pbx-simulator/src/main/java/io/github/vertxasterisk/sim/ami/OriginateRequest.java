package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of an Originate action the simulator uses, already validated. */
record OriginateRequest(String dialString, String tech, String localExten, String localContext,
                        String context, String exten, int priority, String application, String data,
                        String cidNum, String cidName, List<Map.Entry<String, String>> variables,
                        boolean async, String actionId, String channelId, String otherChannelId) {

  private static final Pattern CID = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");

  /** Parses a validated action. Local data is {@code exten@context[/options]} (context defaults to "default"). */
  static OriginateRequest from(AmiMessage m, boolean async) {
    String dial = m.value("Channel");
    int slash = dial.indexOf('/');
    String tech = dial.substring(0, slash);
    String rest = dial.substring(slash + 1);
    int opt = rest.indexOf('/');
    if (opt >= 0) {
      rest = rest.substring(0, opt);
    }
    int at = rest.indexOf('@');
    String lExten = at >= 0 ? rest.substring(0, at) : rest;
    String lContext = at >= 0 ? rest.substring(at + 1) : "default";
    String app = m.value("Application");
    String[] cid = parseCallerId(m.value("CallerID"));
    String prio = m.value("Priority");
    return new OriginateRequest(dial, tech, lExten, lContext,
        m.value("Context").isEmpty() ? "default" : m.value("Context"),
        m.value("Exten").isEmpty() ? "s" : m.value("Exten"),
        prio.isEmpty() ? 1 : Integer.parseInt(prio.trim()),
        app.isEmpty() ? null : app, m.value("Data"),
        cid[0], cid[1], variables(m), async, m.value("ActionID"),
        m.value("ChannelId"), m.value("OtherChannelId"));
  }

  boolean hasCallerId() {
    return cidNum != null;
  }

  /** {@code "Name" <num>} -> [num, name]; a bare number -> [num, ""]; empty -> [null, null]. */
  static String[] parseCallerId(String cid) {
    if (cid == null || cid.isBlank()) {
      return new String[] {null, null};
    }
    Matcher mm = CID.matcher(cid);
    if (mm.matches()) {
      return new String[] {mm.group(2), mm.group(1).trim()};
    }
    return cid.trim().matches("[0-9+*#]+") ? new String[] {cid.trim(), ""} : new String[] {"", cid.trim()};
  }

  /** Every {@code Variable:} header, each possibly a list of NAME=value, read as Asterisk reads it. */
  private static List<Map.Entry<String, String>> variables(AmiMessage m) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String header : m.getAll("Variable")) {
      out.addAll(VariableHeader.parse(header));
    }
    return out;
  }

  String cidNumOrUnknown() {
    return cidNum == null || cidNum.isEmpty() ? Channel.UNKNOWN : cidNum;
  }

  String cidNameOrUnknown() {
    return cidName == null || cidName.isEmpty() ? Channel.UNKNOWN : cidName;
  }
}
