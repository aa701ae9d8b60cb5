package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.Channel;

import java.util.HashMap;
import java.util.Map;

/** Starts simulated Local calls, ends them after the configured duration, hangs them up on request. */
final class CallManager {

  private final AmiServer server;
  private final Map<String, LocalCall> callsByChannel = new HashMap<>();

  CallManager(AmiServer server) {
    this.server = server;
  }

  LocalCall create(OriginateRequest req) {
    return new LocalCall(server.pbx(), server::broadcast, req, true);
  }

  /** Emits the call setup now; an answered call hangs up by itself after callDurationMs. */
  void run(LocalCall call) {
    call.setup();
    if (call.outcome() != LocalCall.Outcome.ANSWER) {
      return;
    }
    callsByChannel.put(call.one().name(), call);
    callsByChannel.put(call.two().name(), call);
    call.one().hangupHandler(cause -> hangup(call.one(), cause));
    call.two().hangupHandler(cause -> hangup(call.two(), cause));
    long duration = Math.max(1, server.config().callDurationMs());
    call.timerId(server.vertx().setTimer(duration, id -> {
      forget(call);
      call.endByDialplan();
    }));
  }

  /** Hangup action: false when no such channel. */
  boolean hangup(Channel channel, int cause) {
    LocalCall call = callsByChannel.get(channel.name());
    if (call == null) {
      // a channel another side (ARI) owns: let its owner hang it up
      if (channel.hangupHandler() == null || !server.pbx().isLive(channel)) {
        return false;
      }
      channel.hangupHandler().accept(cause);
      return true;
    }
    server.vertx().cancelTimer(call.timerId());
    forget(call);
    call.hangupByAction(channel, cause);
    return true;
  }

  private void forget(LocalCall call) {
    callsByChannel.remove(call.one().name());
    callsByChannel.remove(call.two().name());
  }
}
