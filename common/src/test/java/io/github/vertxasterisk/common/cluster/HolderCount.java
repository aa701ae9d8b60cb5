package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Elections of one key on several nodes, whose candidates count how many nodes hold at once. */
final class HolderCount {
  private final String key;
  final AtomicInteger holding = new AtomicInteger();
  final AtomicInteger maxHolding = new AtomicInteger();
  /** What each node did, in order: "A take-over at epoch 2", "A step-down: ...". */
  final List<String> log = new CopyOnWriteArrayList<>();

  HolderCount(String key) {
    this.key = key;
  }

  /** Starts the election on {@code node}, its candidate named {@code name} in the log. */
  void start(Vertx node, String name, JsonObject options) {
    node.getOrCreateContext().runOnContext(v -> new HolderElection(node, key, HolderOptions.from(options), new HolderElection.Candidate() {
      @Override
      public Future<Void> takeOver(HolderTerm term) {
        maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
        log.add(name + " take-over at epoch " + term.epoch());
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> stepDown(String reason) {
        holding.decrementAndGet();
        log.add(name + " step-down: " + reason);
        return Future.succeededFuture();
      }
    }).start());
  }
}
