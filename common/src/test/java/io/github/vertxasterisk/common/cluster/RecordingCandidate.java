package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/** A candidate that only records what its election asks of it: "take-over", "step-down: reason". */
final class RecordingCandidate implements HolderElection.Candidate {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  final AtomicReference<HolderTerm> term = new AtomicReference<>();

  /** Starts an election for {@code key} on the node's event loop with this candidate. */
  RecordingCandidate startOn(Vertx node, String key, JsonObject options) {
    node.getOrCreateContext().runOnContext(v -> new HolderElection(node, key, HolderOptions.from(options), this).start());
    return this;
  }

  @Override
  public Future<Void> takeOver(HolderTerm t) {
    term.set(t);
    events.add("take-over");
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stepDown(String reason) {
    events.add("step-down: " + reason);
    return Future.succeededFuture();
  }
}
