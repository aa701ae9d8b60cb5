package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.github.vertxasterisk.sim.pbx.PbxState;

import java.util.List;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;
import static io.github.vertxasterisk.sim.ami.ActionDispatcher.success;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.snapshot;

/**
 * Channel actions: CoreShowChannels and Status event lists, Hangup, GetVar/SetVar, Redirect (capture 05, 07, 08).
 * List items go straight to the asking session, even with events off (INDEX AMI item 4).
 */
final class ChannelActions {

  private final AmiServer server;
  private final CallManager calls;

  ChannelActions(AmiServer server, CallManager calls) {
    this.server = server;
    this.calls = calls;
  }

  void register(ActionDispatcher d) {
    d.register("CoreShowChannels", this::coreShowChannels)
        .register("Status", this::status)
        .register("Hangup", this::hangup)
        .register("GetVar", this::getVar)
        .register("SetVar", this::setVar)
        .register("Redirect", this::redirect);
  }

  /** Only the answer: the simulated dialplan does not move channels (error text from capture 07). */
  private void redirect(AmiSession s, AmiMessage a) {
    String name = a.value("Channel");
    if (name.isEmpty()) {
      error(s, a, "Channel not specified");
    } else if (pbx().channel(name) == null) {
      error(s, a, "Channel does not exist: " + name);
    } else {
      success(s, a, "Redirect successful");
    }
  }

  private PbxState pbx() {
    return server.pbx();
  }

  private void coreShowChannels(AmiSession s, AmiMessage a) {
    String id = a.value("ActionID");
    EventLists.start(s, id, "Channels will follow");
    List<Channel> list = pbx().channelsNewestFirst();
    long now = System.currentTimeMillis();
    for (Channel c : list) {
      AmiMessage item = AmiMessage.event("CoreShowChannel", null).addIfPresent("ActionID", id);
      snapshot(item, "", c).add("Application", c.application()).add("ApplicationData", c.appData())
          .add("Duration", hms((now - c.createdAtMillis()) / 1000)).add("BridgeId", "");
      s.send(item);
    }
    EventLists.complete(s, "CoreShowChannelsComplete", id, list.size());
  }

  private void status(AmiSession s, AmiMessage a) {
    String id = a.value("ActionID");
    String name = a.value("Channel");
    List<Channel> list;
    if (name.isEmpty()) {
      list = pbx().channelsNewestFirst();
    } else {
      Channel c = pbx().channel(name);
      if (c == null) {
        error(s, a, "No such channel");
        return;
      }
      list = List.of(c);
    }
    EventLists.start(s, id, "Channel status will follow");
    long now = System.currentTimeMillis();
    for (Channel c : list) {
      AmiMessage item = snapshot(AmiMessage.event("Status", "Call"), "", c)
          .add("Type", "Local").add("DNID", "")
          .add("EffectiveConnectedLineNum", c.connectedNum()).add("EffectiveConnectedLineName", c.connectedName())
          .add("TimeToHangup", 0).add("BridgeID", "").add("Application", c.application()).add("Data", c.appData())
          .add("Nativeformats", "(slin)").add("Readformat", "slin").add("Readtrans", "")
          .add("Writeformat", "slin").add("Writetrans", "").add("Callgroup", 0).add("Pickupgroup", 0)
          .add("Seconds", (now - c.createdAtMillis()) / 1000);
      for (String v : a.value("Variables").split(",")) {
        if (!v.isBlank()) {
          String value = evaluate(c, v.trim());
          item.add("Variable", v.trim() + "=" + (value == null ? "(null)" : value));
        }
      }
      s.send(item.addIfPresent("ActionID", id));
    }
    s.send(EventLists.completeEvent("StatusComplete", id, list.size()).add("Items", list.size()));
  }

  private void hangup(AmiSession s, AmiMessage a) {
    String name = a.value("Channel");
    if (name.isEmpty()) {
      error(s, a, "No channel specified");
      return;
    }
    Channel c = pbx().channel(name);
    if (c == null) {
      error(s, a, "No such channel");
      return;
    }
    int cause = a.value("Cause").trim().matches("\\d+") ? Integer.parseInt(a.value("Cause").trim()) : 16;
    success(s, a, "Channel Hungup");
    calls.hangup(c, cause);
  }

  private void getVar(AmiSession s, AmiMessage a) {
    String variable = a.value("Variable");
    if (variable.isEmpty()) {
      error(s, a, "No variable specified");
      return;
    }
    String value;
    if (!a.value("Channel").isEmpty()) {
      Channel c = pbx().channel(a.value("Channel"));
      if (c == null) {
        error(s, a, "No such channel");
        return;
      }
      value = evaluate(c, variable);
    } else {
      value = pbx().globals().get(variable);
    }
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Variable", variable)
        .add("Value", value == null ? "" : value));
  }

  /** On a channel the response precedes a VarSet event (capture 05); a global set answers only. */
  private void setVar(AmiSession s, AmiMessage a) {
    String variable = a.value("Variable");
    if (variable.isEmpty()) {
      error(s, a, "No variable specified");
      return;
    }
    String value = a.value("Value");
    if (a.value("Channel").isEmpty()) {
      pbx().globals().put(variable, value);
      success(s, a, "Variable Set");
      return;
    }
    Channel c = pbx().channel(a.value("Channel"));
    if (c == null) {
      error(s, a, "No such channel");
      return;
    }
    c.variables().put(variable, value);
    success(s, a, "Variable Set");
    server.broadcast(ChannelEvents.varSet(c, variable, value));
  }

  /** Channel variables plus the few dialplan functions clients commonly read. */
  private static String evaluate(Channel c, String expr) {
    switch (expr) {
      case "CHANNEL(state)": return c.stateDesc();
      case "CHANNEL(name)": return c.name();
      case "UNIQUEID": return c.uniqueid();
      case "CALLERID(num)": return Channel.UNKNOWN.equals(c.callerIdNum()) ? "" : c.callerIdNum();
      case "CALLERID(name)": return Channel.UNKNOWN.equals(c.callerIdName()) ? "" : c.callerIdName();
      default: return c.variables().get(expr);
    }
  }

  private static String hms(long seconds) {
    return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
