package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Counter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The holder's own reconnects (nextEpoch) never look like another node taking over, and a replaced holder's do nothing. */
class HolderEpochBumpTest {
  private final TestCluster cluster = new TestCluster("bump", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aHolderThatBumpsItsOwnEpochKeepsHolding() throws Exception {
    cluster.join();
    Vertx holder = cluster.join();
    RecordingCandidate candidate = new RecordingCandidate()
      .startOn(holder, "test.bump." + UUID.randomUUID(), new JsonObject().put("pollMs", 50).put("leaseMs", 2_000));
    eventually("holding", () -> candidate.term.get() != null);
    candidate.events.clear();
    AtomicInteger bumps = new AtomicInteger();
    // Reconnects as AmiSession makes them: one nextEpoch() per connection attempt, one at a time, each
    // after the previous connection's epoch came back (a real one is hundreds of ms apart; here a few
    // ms, so that the lease checks, every 500 ms, meet many of them). The 2 s lease: no pause of a slow
    // machine expires it, which would be a step-down this test counts.
    holder.runOnContext(v -> reconnect(holder, candidate, bumps));
    // At least 8 s of lease checks (16) and at least 100 bumps, however slow the machine.
    TimeUnit.SECONDS.sleep(8);
    eventually("100 own epoch bumps", () -> bumps.get() >= 100);
    assertThat(candidate.events).as("after " + bumps.get() + " own epoch bumps").isEmpty();
  }

  /**
   * A bump still in flight when its holder stepped down lands after the new holder's own: it must not
   * move the counter past the new holder's epoch (which would make the new holder step down too).
   */
  @Test
  void aBumpFromAHolderThatAnotherNodeReplacedMovesNothing() throws Exception {
    Vertx node = cluster.join();
    String key = "test.late." + UUID.randomUUID();
    RecordingCandidate candidate = new RecordingCandidate()
      .startOn(node, key, new JsonObject().put("pollMs", 50).put("leaseMs", 60_000));
    eventually("holding", () -> candidate.term.get() != null);
    candidate.events.clear();
    Counter counter = await(node.sharedData().getCounter("vertx-asterisk.epoch." + key));
    long taken = await(counter.incrementAndGet()); // another node's takeover

    Throwable late = await(candidate.term.get().nextEpoch().map(epoch -> (Throwable) null).otherwise(err -> err));
    assertThat(late).as("the replaced holder's bump").isNotNull();
    assertThat(await(counter.get())).as("the counter keeps the new holder's epoch").isEqualTo(taken);
    assertThat(candidate.events.peek()).startsWith("step-down: another node took over");
  }

  private static void reconnect(Vertx vertx, RecordingCandidate candidate, AtomicInteger bumps) {
    if (!candidate.events.isEmpty()) {
      return;
    }
    candidate.term.get().nextEpoch().onComplete(ar -> {
      bumps.incrementAndGet();
      vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(5), id -> reconnect(vertx, candidate, bumps));
    });
  }
}
