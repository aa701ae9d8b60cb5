package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.eventually;
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
 * vertx-hazelcast's {@code Lock.release()} is {@code IMap.forceUnlock}: it frees the lock whoever holds it.
 * A holder that learns another node took over (after a split heals, its lock was dropped and taken) must
 * therefore not release its old lock object: that would free the new holder's lock, and the next node to
 * take it would replace the new holder too, a second failover for nothing.
 */
class HolderLockReleaseTest {
  private final TestCluster cluster = new TestCluster("release", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aHolderReplacedByAnotherNodeLeavesTheNewHoldersLockAlone() throws Exception {
    Vertx first = cluster.join();
    Vertx second = cluster.join();
    String key = "test.release." + UUID.randomUUID();
    JsonObject options = new JsonObject().put("pollMs", 50).put("leaseMs", 3_000).put("rebalance", false); // no lease expiry on a slow machine
    RecordingCandidate replaced = new RecordingCandidate().startOn(first, key, options);
    eventually("the first node holds", () -> "take-over".equals(replaced.events.peek()));
    RecordingCandidate successor = new RecordingCandidate().startOn(second, key, options);

    // What Hazelcast does to the lock of a member it cut off: it drops it, and the standby takes it.
    HazelcastClusterManager hz = (HazelcastClusterManager) ((VertxInternal) second).clusterManager();
    hz.getHazelcastInstance().getMap("__vertx.map.lock").forceUnlock("vertx-asterisk.holder." + key);
    eventually("the second node took over", () -> "take-over".equals(successor.events.peek()));
    eventually("the first node stepped down", () -> replaced.events.stream().anyMatch(e -> e.startsWith("step-down")));

    TimeUnit.SECONDS.sleep(2); // 40 polls: time enough for a freed lock to be taken again
    assertThat(successor.events).as("the new holder's term").containsExactly("take-over");
    assertThat(replaced.events).as("the replaced holder").hasSize(2).last().asString()
      .startsWith("step-down: another node took over");
  }
}
