package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by review ("lost counter"): the counter Hazelcast lost was only made again above the epochs seen
 * when an attempt reads it ABSENT. But vertx-hazelcast's getCounter() does putIfAbsent(name, 0): an
 * election that starts while the counter is lost (typically the crashed member, restarted) makes it again
 * at 0, every node then reads 0 as a valid value, and the next term is epoch 1, even on the node whose own
 * epoch (it was the holder) was far above.
 */
class HolderElectionCounterRecreatedAtZeroTest {
  private final TestCluster cluster = new TestCluster("zero-counter", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aCounterMadeAgainByAStartingElectionDoesNotTakeTheEpochBackwards() throws Exception {
    Vertx first = cluster.join();
    Vertx second = cluster.join();
    String key = "test.zero-counter." + UUID.randomUUID();
    JsonObject options = new JsonObject().put("pollMs", 50).put("leaseMs", 800);
    RecordingCandidate onFirst = new RecordingCandidate().startOn(first, key, options);
    assertThat(onFirst.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    // three reconnects: the holder publishes under epochs up to taken + 3
    for (int i = 0; i < 3; i++) {
      Promise<Long> bumped = Promise.promise();
      first.getOrCreateContext().runOnContext(v -> onFirst.term.get().nextEpoch().onComplete(bumped));
      await(bumped.future());
    }
    long published = onFirst.term.get().epoch();

    // the counter's partition is lost ...
    ((HazelcastClusterManager) ((VertxInternal) second).clusterManager()).getHazelcastInstance()
      .getMap("__vertx.map.counter").remove("vertx-asterisk.epoch." + key);
    // ... and an election starts (the crashed node restarted): getCounter() puts 0
    RecordingCandidate onSecond = new RecordingCandidate().startOn(second, key, options);

    assertThat(onFirst.events.poll(10, TimeUnit.SECONDS)).startsWith("step-down: ");
    String next = null;
    RecordingCandidate newHolder = null;
    for (int i = 0; i < 100 && next == null; i++) {
      next = onSecond.events.poll(100, TimeUnit.MILLISECONDS);
      newHolder = onSecond;
      if (next == null) {
        next = onFirst.events.poll(100, TimeUnit.MILLISECONDS);
        newHolder = onFirst;
      }
    }
    assertThat(next).as("a node took the connection again").isEqualTo("take-over");
    assertThat(newHolder.term.get().epoch()).as("the new epoch (" + (newHolder == onFirst ? "the old holder" : "the new node")
      + "), after events published under epoch " + published).isGreaterThan(published);
  }
}
