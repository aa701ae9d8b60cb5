package io.github.vertxasterisk.sim.ami;

import java.util.Set;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;
import static io.github.vertxasterisk.sim.ami.ActionDispatcher.success;

/**
 * Originate: validation messages from capture 07, then a Local call (captures 04, 04b, 05).
 * The response always comes before the call's events, for async and sync alike (INDEX AMI item 6).
 */
final class OriginateAction {

  private static final Set<String> TRUE = Set.of("yes", "true", "y", "t", "1", "on");

  private final AmiServer server;
  private final CallManager calls;

  OriginateAction(AmiServer server, CallManager calls) {
    this.server = server;
    this.calls = calls;
  }

  void register(ActionDispatcher d) {
    d.register("Originate", this::originate);
  }

  private void originate(AmiSession s, AmiMessage a) {
    String channel = a.value("Channel").trim();
    if (channel.isEmpty()) {
      error(s, a, "Channel not specified");
      return;
    }
    if (!a.value("Timeout").isEmpty() && !a.value("Timeout").trim().matches("-?\\d+.*")) {
      error(s, a, "Invalid timeout");
      return;
    }
    if (channel.indexOf('/') <= 0) {
      error(s, a, "Invalid channel");
      return;
    }
    if (!a.value("Priority").isEmpty() && !a.value("Priority").trim().matches("\\d+")) {
      error(s, a, "Invalid priority");
      return;
    }
    boolean async = TRUE.contains(a.value("Async").toLowerCase()); // ast_true: no trimming, "true " is false
    OriginateRequest req = OriginateRequest.from(a, async);
    if (!req.tech().equalsIgnoreCase("Local")) {
      unknownTech(s, a, req);
      return;
    }
    LocalCall call = calls.create(req);
    if (async || call.outcome() == LocalCall.Outcome.ANSWER) {
      success(s, a, "Originate successfully queued");
    } else {
      error(s, a, "Originate failed");
    }
    calls.run(call);
  }

  /** No such channel driver: a sync Originate fails at once (07); an async one reports it in OriginateResponse. */
  private void unknownTech(AmiSession s, AmiMessage a, OriginateRequest req) {
    if (!req.async()) {
      error(s, a, "Originate failed");
      return;
    }
    success(s, a, "Originate successfully queued");
    AmiMessage ev = AmiMessage.event("OriginateResponse", ChannelEvents.CALL)
        .addIfPresent("ActionID", req.actionId()).add("Response", "Failure").add("Channel", req.dialString());
    if (req.application() != null) {
      ev.add("Application", req.application()).add("Data", req.data());
    } else {
      ev.add("Context", req.context()).add("Exten", req.exten());
    }
    server.broadcast(ev.add("Reason", 0).add("Uniqueid", "<unknown>")
        .add("CallerIDNum", req.cidNumOrUnknown()).add("CallerIDName", req.cidNameOrUnknown()));
  }
}
