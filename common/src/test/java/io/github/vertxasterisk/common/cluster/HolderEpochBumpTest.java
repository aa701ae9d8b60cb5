package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The holder's own reconnects (nextEpoch) must never look like another node taking over. */
class HolderEpochBumpTest {
  private final List<Vertx> nodes = new ArrayList<>();
  private final String clusterName = "bump-" + UUID.randomUUID();
  private final int basePort = ThreadLocalRandom.current().nextInt(20_000, 40_000);

  @AfterEach
  void closeNodes() throws Exception {
    for (Vertx node : nodes) {
      await(node.close());
    }
  }

  @Test
  void aHolderThatBumpsItsOwnEpochKeepsHolding() throws Exception {
    join();
    Vertx holder = join();
    AtomicReference<HolderTerm> term = new AtomicReference<>();
    List<String> stepDowns = new CopyOnWriteArrayList<>();
    holder.getOrCreateContext().runOnContext(v -> new HolderElection(holder, "test.bump." + UUID.randomUUID(),
      new JsonObject().put("pollMs", 50).put("leaseMs", 1_000), new HolderElection.Candidate() {
        @Override
        public Future<Void> takeOver(HolderTerm t) {
          term.set(t);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> stepDown(String reason) {
          stepDowns.add(reason);
          return Future.succeededFuture();
        }
      }).start());
    eventually("holding", () -> term.get() != null);
    AtomicInteger bumps = new AtomicInteger();
    // Reconnects as AmiSession makes them: one nextEpoch() per connection attempt, one at a time, each
    // after the previous connection's epoch came back (a real one is hundreds of ms apart; here a few
    // ms, so that the lease checks, every 250 ms, meet many of them).
    holder.runOnContext(v -> reconnect(holder, term.get(), stepDowns, bumps));
    TimeUnit.SECONDS.sleep(8);
    assertThat(stepDowns).as("after " + bumps.get() + " own epoch bumps").isEmpty();
    assertThat(bumps.get()).as("own epoch bumps in 8 s").isGreaterThan(100);
  }

  /**
   * A bump still in flight when its holder stepped down lands after the new holder's own: it must not
   * move the counter past the new holder's epoch (which would make the new holder step down too).
   */
  @Test
  void aBumpFromAHolderThatAnotherNodeReplacedMovesNothing() throws Exception {
    Vertx node = join();
    String key = "test.late." + UUID.randomUUID();
    AtomicReference<HolderTerm> term = new AtomicReference<>();
    List<String> stepDowns = new CopyOnWriteArrayList<>();
    node.getOrCreateContext().runOnContext(v -> new HolderElection(node, key,
      new JsonObject().put("pollMs", 50).put("leaseMs", 60_000), new HolderElection.Candidate() {
        @Override
        public Future<Void> takeOver(HolderTerm t) {
          term.set(t);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> stepDown(String reason) {
          stepDowns.add(reason);
          return Future.succeededFuture();
        }
      }).start());
    eventually("holding", () -> term.get() != null);
    Counter counter = await(node.sharedData().getCounter("vertx-asterisk.epoch." + key));
    long taken = await(counter.incrementAndGet()); // another node's takeover

    Throwable late = await(term.get().nextEpoch().map(epoch -> (Throwable) null).otherwise(err -> err));
    assertThat(late).as("the replaced holder's bump").isNotNull();
    assertThat(await(counter.get())).as("the counter keeps the new holder's epoch").isEqualTo(taken);
    assertThat(stepDowns).singleElement().asString().contains("another node took over");
  }

  private static void reconnect(Vertx vertx, HolderTerm term, List<String> stepDowns, AtomicInteger bumps) {
    if (!stepDowns.isEmpty()) {
      return;
    }
    term.nextEpoch().onComplete(ar -> {
      bumps.incrementAndGet();
      vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(5), id -> reconnect(vertx, term, stepDowns, bumps));
    });
  }

  private Vertx join() throws Exception {
    JsonArray members = new JsonArray().add("127.0.0.1:" + basePort).add("127.0.0.1:" + (basePort + 1));
    Vertx node = await(ClusterSetup.start(new JsonObject().put("name", clusterName).put("port", basePort)
      .put("portCount", 2).put("members", members)));
    nodes.add(node);
    return node;
  }
}
