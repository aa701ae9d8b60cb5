package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Builders of the channel events, with the key order of the captures. */
final class ChannelEvents {

  private static final Map<Integer, String> CAUSE_TEXT = Map.of(
      0, "Unknown", 16, "Normal Clearing", 17, "User busy", 18, "No user responding",
      19, "No answer", 21, "Call Rejected", 26, "Answered elsewhere", 34, "Circuit/channel congestion",
      1, "Unallocated (unassigned) number", 38, "Network out of order");

  private ChannelEvents() {
  }

  static AriEvent varset(Channel c, String variable, String value) {
    return AriEvent.wrapping(new JsonObject().put("variable", variable).put("value", value), "ChannelVarset")
        .channel(c);
  }

  static AriEvent hangupRequest(Channel c, int cause, boolean soft) {
    JsonObject lead = new JsonObject().put("cause", cause);
    if (soft) {
      lead.put("soft", true);
    }
    return AriEvent.wrapping(lead, "ChannelHangupRequest").channel(c);
  }

  /** At destruction the ;1 half of a Local pair reports AppDial2 again, the ;2 half nothing. */
  static AriEvent destroyed(Channel c, int cause) {
    boolean dialSide = c.name().endsWith(";1");
    return AriEvent.of("ChannelDestroyed").put("cause", cause).put("cause_txt", causeText(cause))
        .channel("channel", c, dialSide ? AriJson.channel(c, "AppDial2", "(Outgoing Line)")
            : AriJson.channel(c, "", ""));
  }

  static AriEvent simple(String type, Channel c) {
    return AriEvent.of(type).channel(c);
  }

  static AriEvent callerId(Channel c) {
    return AriEvent.of("ChannelCallerId").put("caller_presentation", 0)
        .put("caller_presentation_txt", "Presentation Allowed, Not Screened").channel(c);
  }

  static AriEvent dial(Channel peer, String dialstatus, String dialstring) {
    return AriEvent.of("Dial").put("dialstatus", dialstatus).put("forward", "")
        .put("dialstring", dialstring).channel("peer", peer, AriJson.channel(peer));
  }

  static AriEvent dialplan(Channel c) {
    return AriEvent.of("ChannelDialplan").put("dialplan_app", c.application())
        .put("dialplan_app_data", c.appData()).channel(c);
  }

  static AriEvent stasisStart(Channel c, List<String> args) {
    return AriEvent.of("StasisStart").put("args", new JsonArray(List.copyOf(args))).channel(c);
  }

  static AriEvent dtmf(Channel c, String digit, int durationMs) {
    return AriEvent.of("ChannelDtmfReceived").put("digit", digit).put("duration_ms", durationMs).channel(c);
  }

  static String causeText(int cause) {
    return CAUSE_TEXT.getOrDefault(cause, "Unknown");
  }
}
