package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
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
 * the slow-record test's runs). The election makes the counter again, at the largest epoch it has read:
 * the holder at that epoch keeps its term.
 */
class HolderElectionLostCounterTest {
  private final TestCluster cluster = new TestCluster("lost-counter", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aLostEpochCounterIsMadeAgainNotBelowTheEpochsSeenAndTheConnectionStaysHeld() throws Exception {
    Vertx first = cluster.join();
    Vertx second = cluster.join();
    String key = "test.lost-counter." + UUID.randomUUID();
    JsonObject options = new JsonObject().put("pollMs", 50).put("leaseMs", 800);
    RecordingCandidate onFirst = new RecordingCandidate().startOn(first, key, options);
    assertThat(onFirst.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    onFirst.events.add("take-over"); // kept in the queue: holding() counts it
    RecordingCandidate onSecond = new RecordingCandidate().startOn(second, key, options);
    long published = onFirst.term.get().epoch();
    TimeUnit.MILLISECONDS.sleep(300); // the standby reads the counter at each attempt

    IMap<String, Long> counters = ((HazelcastClusterManager) ((VertxInternal) second).clusterManager()).getHazelcastInstance()
      .getMap("__vertx.map.counter");
    String name = "vertx-asterisk.epoch." + key;
    counters.remove(name);

    eventually("the counter made again, not below the epoch published (" + published + ")", () -> {
      Long value = counters.get(name);
      return value != null && value >= published;
    });
    TimeUnit.MILLISECONDS.sleep(1_600); // two lease periods: a holder that gave its term up has done so
    eventually("a node holds the connection; " + onFirst.events + " " + onSecond.events,
      () -> holding(onFirst) + holding(onSecond) == 1);
  }

  private static long holding(RecordingCandidate candidate) {
    return candidate.events.stream().filter("take-over"::equals).count()
      - candidate.events.stream().filter(e -> e.startsWith("step-down")).count();
  }
}
