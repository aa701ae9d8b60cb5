package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.github.vertxasterisk.sim.pbx.Dialplan.Step;
import io.github.vertxasterisk.sim.pbx.PbxListener;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels as ARI sees them: Local pairs originated over ARI (their event script follows
 * 01-callflow / 02-errors / 04 / 05), Stasis entry and exit, hangup, continue, answer, DTMF.
 * Calls originated over ARI stay up until hung up (their dialplan's Wait/Hangup steps are not timed).
 */
final class Calls implements PbxListener {

  private final AriWorld world;
  /** channel id -> the Stasis app it is in. */
  private final Map<String, String> stasis = new HashMap<>();
  /** ;1 halves waiting for their ;2 half to answer before going to their app or dialplan target. */
  private final Map<String, OriginateSpec> waitingForAnswer = new HashMap<>();
  /** Channels this side created (the AMI side owns the others). */
  private final Set<String> owned = new HashSet<>();

  Calls(AriWorld world) {
    this.world = world;
  }

  boolean inStasis(Channel c) {
    return stasis.containsKey(c.uniqueid());
  }

  String stasisApp(Channel c) {
    return stasis.get(c.uniqueid());
  }

  boolean idInUse(String id) {
    return id != null && world.channel(id) != null;
  }

  /** Creates the Local pair and runs its script; returns the ;1 snapshot taken at creation (state Down). */
  JsonObject originate(OriginateSpec spec, boolean dial) {
    String base = "Local/" + spec.exten() + "@" + spec.context();
    String name = base + "-" + world.pbx.nextLocalSequence();
    String id1 = spec.channelId() != null ? spec.channelId() : world.pbx.nextUniqueid();
    String id2 = spec.otherChannelId() != null ? spec.otherChannelId()
        : spec.channelId() != null ? spec.channelId() + ";2" : world.pbx.nextUniqueid();
    Channel one = new Channel(name + ";1", id1, id1, base, 0, spec.context(), spec.exten());
    Channel two = new Channel(name + ";2", id2, id1, base, 4, spec.context(), spec.exten());
    one.peer(two).app("AppDial2", "(Outgoing Line)");
    two.peer(one);
    if (spec.hasCallerId()) {
      one.callerId(orEmpty(spec.callerNum()), orEmpty(spec.callerName()))
          .connected(orEmpty(spec.callerNum()), orEmpty(spec.callerName()));
    }
    JsonObject created = AriJson.channel(one);
    for (Channel c : List.of(one, two)) {
      owned.add(c.uniqueid());
      world.pbx.add(c);
      c.hangupHandler(cause -> hangup(c, cause, false));
    }
    world.pbx.countProcessedCall();
    world.publish(ChannelEvents.simple("ChannelCreated", one).subscribeAllOnly());
    world.publish(ChannelEvents.simple("ChannelCreated", two).subscribeAllOnly());
    if (spec.app() != null) {
      world.apps.keep(spec.app(), id1);
      world.apps.keep(spec.app(), id2);
    }
    if (dial) {
      dial(spec, one, two);
    } else if (spec.app() != null) {
      enterStasis(one, spec.app(), spec.appArgs(), spec.stasisData());
    }
    return created;
  }

  private void dial(OriginateSpec spec, Channel one, Channel two) {
    spec.variables().forEach((k, v) -> {
      one.variables().put(k, v);
      two.variables().put(k, v);
      world.publish(ChannelEvents.varset(two, k, v));
    });
    if (spec.hasCallerId()) {
      two.callerId(one.callerIdNum(), one.callerIdName()).connected(one.callerIdNum(), one.callerIdName());
      world.publish(ChannelEvents.callerId(two));
      world.publish(ChannelEvents.simple("ChannelConnectedLine", two));
    }
    world.publish(ChannelEvents.dial(one, "", spec.dialString()));
    List<Step> steps = world.pbx.dialplan().steps(spec.context(), spec.exten());
    if (steps == null || steps.isEmpty() || steps.get(0).app().equalsIgnoreCase("Busy")) {
      boolean busy = steps != null && !steps.isEmpty();
      world.publish(ChannelEvents.dial(one, busy ? "BUSY" : "CHANUNAVAIL", spec.dialString()));
      destroyPair(one, busy ? 17 : 0);
      return;
    }
    waitingForAnswer.put(one.uniqueid(), spec);
    runStep(two, steps, 1);
    if (two.state() == 6) {
      answered(one);
    }
    runSteps(two, steps, 2);
  }

  /** The ;2 half answered: the ;1 half goes Up and on to its app or dialplan target. */
  private void answered(Channel one) {
    OriginateSpec spec = waitingForAnswer.remove(one.uniqueid());
    if (one.state() != 6) {
      one.state(6);
      world.publish(ChannelEvents.simple("ChannelStateChange", one));
    }
    if (spec == null) {
      return;
    }
    world.publish(ChannelEvents.dial(one, "ANSWER", spec.dialString()));
    if (spec.app() != null) {
      enterStasis(one, spec.app(), spec.appArgs(), spec.stasisData());
    } else {
      List<Step> target = world.pbx.dialplan().steps(spec.dialplanContext(), spec.dialplanExten());
      one.location(spec.dialplanContext(), spec.dialplanExten(), spec.dialplanPriority());
      runSteps(one, target, spec.dialplanPriority());
    }
  }

  /** Runs priorities until one blocks (Wait, Echo, Playback, Stasis...) or Hangup (not timed here). */
  private void runSteps(Channel c, List<Step> plan, int from) {
    for (int p = from; plan != null && p >= 1 && p <= plan.size() && world.pbx.isLive(c) && !inStasis(c); p++) {
      Step s = plan.get(p - 1);
      if (s.app().equalsIgnoreCase("Hangup")) {
        return;
      }
      runStep(c, plan, p);
      if (blocks(s)) {
        return;
      }
    }
  }

  private void runStep(Channel c, List<Step> plan, int priority) {
    Step s = plan.get(priority - 1);
    c.priority(priority).app(s.app(), s.data());
    world.publish(ChannelEvents.dialplan(c));
    switch (s.app().toLowerCase()) {
      case "answer" -> {
        if (c.state() != 6) {
          c.state(6);
          world.publish(ChannelEvents.simple("ChannelStateChange", c));
        }
      }
      case "set" -> {
        int eq = s.data().indexOf('=');
        if (eq > 0) {
          setVariable(c, s.data().substring(0, eq), s.data().substring(eq + 1));
        }
      }
      case "stasis" -> stasisEntered(c, s.data());
      default -> { }
    }
  }

  private static boolean blocks(Step s) {
    return switch (s.app().toLowerCase()) {
      case "playback", "echo", "stasis", "background", "busy" -> true;
      case "wait" -> !s.data().matches("0*[01](\\.\\d*)?");
      default -> false;
    };
  }

  void setVariable(Channel c, String name, String value) {
    c.variables().put(name, value);
    world.publish(ChannelEvents.varset(c, name, value));
  }

  // ---- Stasis ----

  /** A dialplan Stasis(app,args) step, on either side (AMI calls arrive here through PbxListener). */
  @Override
  public void stasisEntered(Channel c, String appData) {
    List<String> parts = Arrays.asList(appData.split(",", -1));
    enterStasis(c, parts.get(0), parts.subList(1, parts.size()), appData);
  }

  private void enterStasis(Channel c, String app, List<String> args, String appData) {
    c.app("Stasis", appData);
    world.publish(ChannelEvents.varset(c, "STASISSTATUS", ""));
    stasis.put(c.uniqueid(), app);
    world.apps.stasisStarted(app, c.uniqueid());
    world.publish(ChannelEvents.stasisStart(c, args));
  }

  private void leaveStasis(Channel c) {
    String app = stasis.remove(c.uniqueid());
    if (app != null) {
      world.publish(ChannelEvents.simple("StasisEnd", c));
      world.apps.stasisEnded(app, c.uniqueid());
    }
  }

  /** The AMI side removed a channel (its dialplan ended or an AMI Hangup): the app sees it leave. */
  @Override
  public void channelRemoved(Channel c) {
    if (owned.contains(c.uniqueid())) {
      return; // our own hangup already told the apps
    }
    world.bridges.channelGone(c);
    world.playbacks.channelGone(c);
    leaveStasis(c);
    world.apps.channelGone(c.uniqueid());
  }

  // ---- operations ----

  void answer(Channel c) {
    if (c.state() != 6) {
      c.state(6);
      world.publish(ChannelEvents.simple("ChannelStateChange", c));
    }
    Channel peer = c.peer();
    if (peer != null && c.name().endsWith(";2") && world.pbx.isLive(peer)) {
      answered(peer);
    }
  }

  /** DELETE /channels/{id}: Asterisk reports a soft hangup request with cause 32 first (captures). */
  void hangupRequested(Channel c, int cause) {
    world.publish(ChannelEvents.hangupRequest(c, 32, true));
    if (owned.contains(c.uniqueid()) || c.hangupHandler() == null) {
      hangup(c, cause, true);
    } else {
      c.hangupHandler().accept(cause);
    }
  }

  /** The captured hangup script of a Local pair: this half, then the other one. */
  private void hangup(Channel c, int cause, boolean requestReported) {
    if (!world.pbx.isLive(c)) {
      return;
    }
    if (!requestReported) {
      world.publish(ChannelEvents.hangupRequest(c, cause, true));
    }
    Channel peer = c.peer() != null && world.pbx.isLive(c.peer()) ? c.peer() : null;
    endMedia(c);
    boolean wasInStasis = inStasis(c);
    leaveStasis(c);
    if (wasInStasis) {
      setVariable(c, "STASISSTATUS", "SUCCESS");
    }
    if (peer != null) {
      world.publish(ChannelEvents.hangupRequest(peer, 16, false));
    }
    destroy(c, cause);
    if (peer != null) {
      endMedia(peer);
      leaveStasis(peer);
      world.publish(ChannelEvents.hangupRequest(peer, 16, true));
      destroy(peer, 16);
    }
  }

  private void endMedia(Channel c) {
    world.bridges.channelGone(c);
    world.playbacks.channelGone(c);
  }

  private void destroyPair(Channel one, int cause) {
    destroy(one, cause);
    destroy(one.peer(), cause);
  }

  private void destroy(Channel c, int cause) {
    world.publish(ChannelEvents.destroyed(c, cause));
    waitingForAnswer.remove(c.uniqueid());
    world.pbx.remove(c);
    owned.remove(c.uniqueid());
    world.apps.channelGone(c.uniqueid());
  }

  /**
   * Leaves Stasis and resumes the dialplan as Asterisk's {@code continue} does (res/ari/resource_channels.c):
   * without a context the channel's own context and, unless given, extension; a context alone means
   * extension {@code s}; priority 0 counts as none, and none means the next priority when nothing else
   * is given, else 1. Absent parameters are null ({@link AriRequest#param} reads an empty one as absent).
   */
  void continueInDialplan(Channel c, String context, String exten, Integer priority) {
    leaveStasis(c);
    String ctx = context != null ? context : c.context();
    String ext = exten != null ? exten : context == null ? c.exten() : "s";
    int prio = priority != null && priority != 0 ? priority : context == null && exten == null ? c.priority() + 1 : 1;
    c.location(ctx, ext, prio);
    runSteps(c, world.pbx.dialplan().steps(ctx, ext), prio);
  }

  /** DTMF to a channel whose other half runs Echo() comes back as ChannelDtmfReceived on both halves. */
  void sendDtmf(Channel c, String digits, int before, int between, int duration) {
    Channel peer = c.peer();
    if (peer == null || !peer.application().equalsIgnoreCase("Echo")) {
      return;
    }
    long at = Math.max(1, before + duration);
    for (char d : digits.toCharArray()) {
      String digit = String.valueOf(d);
      world.vertx.setTimer(at, t -> {
        if (world.pbx.isLive(c) && world.pbx.isLive(peer)) {
          world.publish(ChannelEvents.dtmf(peer, digit, duration));
          world.publish(ChannelEvents.dtmf(c, digit, duration));
        }
      });
      at += duration + between;
    }
  }

  private static String orEmpty(String v) {
    return v == null ? "" : v;
  }
}
