package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Found by review: an attempt that outlives attemptTimeoutMs is not given up, a new one is started beside
 * it. Hazelcast IMap locks are reentrant per (member, thread): when the second attempt's tryLock runs on
 * the worker thread that got the first one's lock, it succeeds too, and while the first attempt's epoch
 * increment is still in flight both attempts increment the counter. The node becomes holder at epoch N
 * with the counter at N+1; its first lease check says "another node took over" (there is no other node),
 * and it steps down WITHOUT releasing the lock, which it still holds.
 * A one-thread worker pool makes the reentrant case certain; with the default pool it depends on which
 * worker runs the next attempt.
 */
class HolderElectionOverlappingAttemptsTest {
  private final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void closeNodes() throws Exception {
    for (Vertx node : nodes) {
      await(node.close());
    }
  }

  @Test
  void aLoneNodeIsNeverReplacedByItself() throws Exception {
    int port = ClusterPorts.firstOfFree(2);
    JsonObject network = new JsonObject().put("name", "overlap-" + UUID.randomUUID()).put("port", port)
      .put("portCount", 2).put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + (port + 1)));
    Vertx node = await(ClusterSetup.start(network, new VertxOptions().setWorkerPoolSize(1)));
    nodes.add(node);
    nodes.add(await(ClusterSetup.start(network.copy().put("port", port + 1), new VertxOptions()))); // remote partitions
    // As HolderElectionLateLockTest: every answer comes after the attempt's deadline.
    JsonObject options = new JsonObject().put("pollMs", 1).put("leaseMs", 800).put("attemptTimeoutMs", 1);
    String key = "test.overlap." + UUID.randomUUID();
    RecordingCandidate candidate = new RecordingCandidate().startOn(node, key, options);

    assertThat(candidate.events.poll(10, TimeUnit.SECONDS)).isEqualTo("take-over");
    assertThat(candidate.events.poll(3, TimeUnit.SECONDS)).as("what a lone holder does next (nothing expected)").isNull();
  }
}
