package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;

import java.util.Map;

/** Builds the channel-snapshot part of AMI events exactly as Asterisk 22 prints it. */
final class ChannelEvents {

  static final String CALL = "call,all";
  static final String DIALPLAN = "dialplan,all";

  private static final Map<Integer, String> CAUSE_TEXT = Map.of(
      0, "Unknown", 16, "Normal Clearing", 17, "User busy", 18, "No user responding",
      19, "No answer", 21, "Call Rejected", 34, "Circuit/channel congestion");

  private ChannelEvents() {
  }

  /** Snapshot headers; prefix is "" (Channel...), "Dest", "LocalOne" or "LocalTwo". */
  static AmiMessage snapshot(AmiMessage m, String prefix, Channel c) {
    return m.add(prefix + "Channel", c.name())
        .add(prefix + "ChannelState", c.state())
        .add(prefix + "ChannelStateDesc", c.stateDesc())
        .add(prefix + "CallerIDNum", c.callerIdNum())
        .add(prefix + "CallerIDName", c.callerIdName())
        .add(prefix + "ConnectedLineNum", c.connectedNum())
        .add(prefix + "ConnectedLineName", c.connectedName())
        .add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "")
        .add(prefix + "Context", c.context())
        .add(prefix + "Exten", c.exten())
        .add(prefix + "Priority", c.priority())
        .add(prefix + "Uniqueid", c.uniqueid())
        .add(prefix + "Linkedid", c.linkedid());
  }

  static AmiMessage channelEvent(String name, String privilege, Channel c) {
    return snapshot(AmiMessage.event(name, privilege), "", c);
  }

  static AmiMessage newexten(Channel c) {
    return channelEvent("Newexten", DIALPLAN, c)
        .add("Extension", c.exten()).add("Application", c.application()).add("AppData", c.appData());
  }

  static AmiMessage varSet(Channel c, String variable, String value) {
    return channelEvent("VarSet", DIALPLAN, c).add("Variable", variable).add("Value", value);
  }

  static AmiMessage hangup(Channel c, int cause) {
    return channelEvent("Hangup", CALL, c).add("Cause", cause).add("Cause-txt", causeText(cause));
  }

  static AmiMessage hangupRequest(String event, Channel c, int cause) {
    return channelEvent(event, CALL, c).add("Cause", cause);
  }

  static AmiMessage deviceState(String device, String state) {
    return AmiMessage.event("DeviceStateChange", CALL).add("Device", device).add("State", state);
  }

  static AmiMessage dial(String event, Channel dest) {
    return snapshot(AmiMessage.event(event, CALL), "Dest", dest);
  }

  static String causeText(int cause) {
    return CAUSE_TEXT.getOrDefault(cause, "Unknown");
  }
}
