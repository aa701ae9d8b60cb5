package io.github.vertxasterisk.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hazelcast loses a map entry whose partition dies with a member before its backup is made (a crash right
 * after the cluster formed: "partitionId=... is completely lost"). The epoch counter then reads as absent
 * and every increment fails inside Hazelcast: no node could take over ever again (seen by review, and in
 * the slow-record test's runs). The election makes the counter again, above the epochs it has read.
 */
class HolderElectionLostCounterTest {
  private final TestCluster cluster = new TestCluster("lost-counter", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aLostEpochCounterIsMadeAgainAboveTheEpochsSeenAndTheConnectionIsHeldAgain() throws Exception {
    Vertx first = cluster.join();
    Vertx second = cluster.join();
    String key = "test.lost-counter." + UUID.randomUUID();
    JsonObject options = new JsonObject().put("pollMs", 50).put("leaseMs", 800);
    RecordingCandidate onFirst = new RecordingCandidate().startOn(first, key, options);
    assertThat(onFirst.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    RecordingCandidate onSecond = new RecordingCandidate().startOn(second, key, options);
    long before = onFirst.term.get().epoch();
    TimeUnit.MILLISECONDS.sleep(300); // the standby reads the counter at each attempt

    ((HazelcastClusterManager) ((VertxInternal) second).clusterManager()).getHazelcastInstance()
      .getMap("__vertx.map.counter").remove("vertx-asterisk.epoch." + key);

    // the holder steps down (it can no longer confirm its term, or the counter is made again above it);
    // then a node holds again, at a larger epoch
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
    assertThat(newHolder.term.get().epoch()).as("the new epoch, after " + before).isGreaterThan(before);
  }
}
