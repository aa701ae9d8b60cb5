package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.github.vertxasterisk.sim.pbx.Dialplan.Step;
import io.github.vertxasterisk.sim.pbx.PbxState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.vertxasterisk.sim.ami.ChannelEvents.CALL;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.channelEvent;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.deviceState;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.dial;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.hangup;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.hangupRequest;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.newexten;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.snapshot;
import static io.github.vertxasterisk.sim.ami.ChannelEvents.varSet;

/**
 * One originated Local channel call and the event script Asterisk 22 emits for it.
 * The order of events follows captures 04 (exten target, CallerID, Variables), 05 (application
 * target, Hangup action), 04b (busy, unknown extension) and 10 (burst of 600@test calls).
 * Timing is left to the caller: {@link #setup()} emits everything up to the established call,
 * {@link #endByDialplan()} / {@link #hangupByAction} emit the hangup part.
 */
final class LocalCall {

  enum Outcome { ANSWER, BUSY, NO_EXTENSION }

  private final PbxState pbx;
  private final Consumer<AmiMessage> out;
  private final OriginateRequest req;
  private final boolean live;
  private final List<Step> steps;
  private final Channel one;
  private final Channel two;
  private long timerId = -1;

  /** @param live register the channels in the PBX (false for the demo stream: events only). */
  LocalCall(PbxState pbx, Consumer<AmiMessage> out, OriginateRequest req, boolean live) {
    this.pbx = pbx;
    this.out = out;
    this.req = req;
    this.live = live;
    this.steps = pbx.dialplan().steps(req.localContext(), req.localExten());
    String base = "Local/" + req.localExten() + "@" + req.localContext();
    String name = base + "-" + pbx.nextLocalSequence();
    String id1 = req.channelId().isEmpty() ? pbx.nextUniqueid() : req.channelId();
    String id2 = req.otherChannelId().isEmpty() ? pbx.nextUniqueid() : req.otherChannelId();
    one = new Channel(name + ";1", id1, id1, base, 0, req.localContext(), req.localExten());
    two = new Channel(name + ";2", id2, id1, base, 4, req.localContext(), req.localExten());
    one.peer(two);
    two.peer(one);
  }

  Outcome outcome() {
    if (steps == null || steps.isEmpty()) {
      return Outcome.NO_EXTENSION;
    }
    return steps.get(0).app().equalsIgnoreCase("Busy") ? Outcome.BUSY : Outcome.ANSWER;
  }

  Channel one() { return one; }
  Channel two() { return two; }
  long timerId() { return timerId; }
  void timerId(long id) { timerId = id; }

  /** Emits the call up to answered (or to the end, for failures). */
  void setup() {
    if (live) {
      pbx.add(one);
      pbx.add(two);
      pbx.countProcessedCall();
    }
    out.accept(channelEvent("Newchannel", CALL, one));
    out.accept(channelEvent("Newchannel", CALL, two));
    one.app("AppDial2", "(Outgoing Line)");
    out.accept(newexten(one));
    switch (outcome()) {
      case NO_EXTENSION -> noExtension();
      case BUSY -> busy();
      default -> answer();
    }
  }

  private void noExtension() {
    out.accept(hangup(two, 0));
    remove(two);
    originateResponse(false, 0);
    out.accept(hangup(one, 0));
    remove(one);
    out.accept(deviceState(one.device(), "INVALID"));
    out.accept(deviceState(one.device(), "INVALID"));
  }

  /** Variables / CallerID propagation, LocalBridge and DialBegin (common to busy and answer). */
  private void dialBegin() {
    List<Map.Entry<String, String>> vars = req.variables();
    for (int i = vars.size() - 1; i >= 0; i--) { // ;1 reports them in reverse order (capture 04)
      setVar(one, vars.get(i).getKey(), vars.get(i).getValue());
    }
    if (req.hasCallerId()) {
      one.callerId(req.cidNum(), req.cidName());
      out.accept(channelEvent("NewCallerid", CALL, one).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
      one.connected(req.cidNum(), req.cidName());
      out.accept(channelEvent("NewConnectedLine", CALL, one));
    }
    for (Map.Entry<String, String> v : vars) {
      setVar(two, v.getKey(), v.getValue());
    }
    if (req.hasCallerId()) {
      two.callerId(req.cidNum(), req.cidName()).connected(req.cidNum(), req.cidName());
      out.accept(channelEvent("NewCallerid", CALL, two).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
      out.accept(channelEvent("NewConnectedLine", CALL, two));
    }
    AmiMessage bridge = AmiMessage.event("LocalBridge", CALL);
    snapshot(bridge, "LocalOne", one);
    snapshot(bridge, "LocalTwo", two);
    out.accept(bridge.add("Context", req.localContext()).add("Exten", req.localExten()).add("LocalOptimization", "Yes"));
    out.accept(dial("DialBegin", one).add("DialString", req.localExten() + "@" + req.localContext()));
    runStep(two, 1);
  }

  private void busy() {
    dialBegin();
    out.accept(dial("DialEnd", one).add("DialStatus", "BUSY"));
    out.accept(hangupRequest("HangupRequest", two, 0));
    two.state(7);
    out.accept(channelEvent("Newstate", CALL, two));
    out.accept(hangupRequest("SoftHangupRequest", two, 16));
    out.accept(hangup(one, 0));
    remove(one);
    originateResponse(false, 5);
    out.accept(hangup(two, 17));
    remove(two);
    for (int i = 0; i < 3; i++) {
      out.accept(deviceState(one.device(), "NOT_INUSE"));
    }
  }

  private void answer() {
    dialBegin();
    // Asterisk's ordering of DeviceStateChange is racy; we follow capture 04 for an exten target
    // and capture 05 for an application target.
    List<Step> target = targetSteps();
    two.state(6);
    out.accept(channelEvent("Newstate", CALL, two));
    if (target != null) {
      out.accept(deviceState(one.device(), "INUSE"));
    }
    one.state(6);
    out.accept(channelEvent("Newstate", CALL, one));
    out.accept(dial("DialEnd", one).add("DialStatus", "ANSWER"));
    if (target != null) {
      one.location(req.context(), req.exten(), 1);
      runSteps(one, target, 1);
    } else {
      one.app(req.application() == null ? "" : req.application(), req.data());
      if (live && one.application().equalsIgnoreCase("Stasis")) {
        pbx.enterStasis(one, one.appData());
      }
    }
    originateResponse(true, 4);
    out.accept(deviceState(one.device(), "INUSE"));
    if (target == null) {
      out.accept(deviceState(one.device(), "INUSE"));
    }
    runSteps(two, steps, 2);
  }

  /** The dialplan the ;1 half enters when the Originate names Context/Exten (null for Application). */
  private List<Step> targetSteps() {
    return req.application() != null ? null : pbx.dialplan().steps(req.context(), req.exten());
  }

  /**
   * Runs priorities from {@code from} until the first one that blocks for a while (Playback, Echo,
   * Stasis, Wait of 2 s or more) or a Hangup: the call then "lasts" callDurationMs in that step.
   * This is where capture 04 (100@test stops in Playback) and 10 (600@test in Wait(2)) are.
   */
  private void runSteps(Channel c, List<Step> plan, int from) {
    for (int p = from; p <= plan.size(); p++) {
      Step s = plan.get(p - 1);
      if (s.app().equalsIgnoreCase("Hangup")) {
        return;
      }
      runStep(c, p, plan);
      if (blocks(s)) {
        return;
      }
    }
  }

  private static boolean blocks(Step s) {
    switch (s.app().toLowerCase()) {
      case "playback": case "echo": case "stasis": case "background":
        return true;
      case "wait":
        return !s.data().matches("0*[01](\\.\\d*)?");
      default:
        return false;
    }
  }

  private void runStep(Channel c, int priority) {
    runStep(c, priority, steps);
  }

  private void runStep(Channel c, int priority, List<Step> plan) {
    Step s = plan.get(priority - 1);
    c.priority(priority).app(s.app(), s.data());
    out.accept(newexten(c));
    if (live && s.app().equalsIgnoreCase("Stasis")) {
      pbx.enterStasis(c, s.data());
    }
    if (s.app().equalsIgnoreCase("Set")) {
      int eq = s.data().indexOf('=');
      if (eq > 0) {
        setVar(c, s.data().substring(0, eq), s.data().substring(eq + 1));
      }
    }
  }

  private void setVar(Channel c, String name, String value) {
    c.variables().put(name, value);
    out.accept(varSet(c, name, value));
  }

  private void originateResponse(boolean success, int reason) {
    if (!req.async()) {
      return; // a synchronous Originate is answered by its response only
    }
    AmiMessage m = AmiMessage.event("OriginateResponse", CALL)
        .addIfPresent("ActionID", req.actionId())
        .add("Response", success ? "Success" : "Failure")
        .add("Channel", success ? one.name() : req.dialString());
    if (req.application() != null) {
      m.add("Application", req.application()).add("Data", req.data());
    } else {
      m.add("Context", req.context()).add("Exten", req.exten());
    }
    out.accept(m.add("Reason", reason)
        .add("Uniqueid", success ? one.uniqueid() : Channel.UNKNOWN)
        .add("CallerIDNum", req.cidNumOrUnknown())
        .add("CallerIDName", req.cidNameOrUnknown()));
  }

  /**
   * The call ends by itself: a short Wait application returns first (capture 04b), else the half whose
   * dialplan has a Hangup step hangs up (capture 04).
   */
  void endByDialplan() {
    if (!isLive()) {
      return;
    }
    if (applicationReturnsFirst()) {
      endByApplication();
      return;
    }
    List<Step> target = targetSteps();
    Channel ender = target != null && hangupPriority(target) > 0 ? one : two;
    List<Step> plan = ender == one ? target : steps;
    int hp = hangupPriority(plan);
    if (hp > 0) {
      ender.priority(hp).app("Hangup", "");
      out.accept(newexten(ender));
    }
    Channel other = ender.peer();
    out.accept(hangupRequest("SoftHangupRequest", ender, 16));
    out.accept(hangupRequest("HangupRequest", other, 16));
    out.accept(hangup(ender, 16));
    remove(ender);
    out.accept(deviceState(one.device(), "NOT_INUSE"));
    if (other.application().equalsIgnoreCase("Playback")) { // the interrupted playback reports (capture 04)
      setVar(other, "PLAYBACKSTATUS", "SUCCESS");
    }
    out.accept(hangupRequest("SoftHangupRequest", other, 16));
    out.accept(hangup(other, 16));
    remove(other);
    out.accept(deviceState(one.device(), "NOT_INUSE"));
  }

  /**
   * The ;1 half runs an application Wait shorter than the Waits the ;2 dialplan runs before its Hangup:
   * it returns first (capture 04b: Wait(1) against 600@test's Wait(2); capture 10's Wait(3) does not).
   */
  private boolean applicationReturnsFirst() {
    if (req.application() == null || !req.application().equalsIgnoreCase("Wait")) {
      return false;
    }
    double dialplanSeconds = 0;
    for (Step s : steps) {
      if (s.app().equalsIgnoreCase("Hangup")) {
        break;
      }
      if (s.app().equalsIgnoreCase("Wait")) {
        dialplanSeconds += seconds(s.data());
      }
    }
    return seconds(req.data()) < dialplanSeconds;
  }

  private static double seconds(String waitData) {
    try {
      return Double.parseDouble(waitData == null ? "" : waitData.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The ;1 application returned: ;1 hangs up with cause 0 and takes ;2 along (capture 04b). */
  private void endByApplication() {
    out.accept(hangupRequest("HangupRequest", two, 0));
    out.accept(hangup(one, 0));
    remove(one);
    out.accept(hangupRequest("SoftHangupRequest", two, 16));
    out.accept(deviceState(one.device(), "NOT_INUSE"));
    out.accept(hangup(two, 0));
    remove(two);
    out.accept(deviceState(one.device(), "NOT_INUSE"));
  }

  /** The Hangup action on one half (capture 05): the other half follows. */
  void hangupByAction(Channel target, int cause) {
    Channel other = target.peer();
    out.accept(hangupRequest("HangupRequest", other, cause));
    out.accept(hangup(target, cause));
    remove(target);
    out.accept(hangupRequest("SoftHangupRequest", other, cause));
    out.accept(hangup(other, cause));
    remove(other);
    out.accept(deviceState(one.device(), "NOT_INUSE"));
    out.accept(deviceState(one.device(), "NOT_INUSE"));
  }

  boolean isLive() {
    return !live || pbx.isLive(one) || pbx.isLive(two);
  }

  private static int hangupPriority(List<Step> plan) {
    for (int i = 0; plan != null && i < plan.size(); i++) {
      if (plan.get(i).app().equalsIgnoreCase("Hangup")) {
        return i + 1;
      }
    }
    return 0;
  }

  private void remove(Channel c) {
    if (live) {
      pbx.remove(c);
    }
  }

  /** The whole script of one answered call, for the demo stream (nothing registered in the PBX). */
  static List<AmiMessage> script(PbxState pbx, OriginateRequest req) {
    List<AmiMessage> events = new ArrayList<>();
    LocalCall call = new LocalCall(pbx, events::add, req, false);
    call.setup();
    if (call.outcome() == Outcome.ANSWER) {
      call.endByDialplan();
    }
    return events;
  }
}
