package io.github.vertxasterisk.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Split-brain guard: with {@code minClusterSize} 2, a lone node never takes the connection, and a
 * holder left alone (its peer gone) steps down instead of carrying on as if it still were the holder.
 */
class HolderElectionQuorumTest {
  private static final JsonObject QUORUM_OF_TWO = new JsonObject().put("minClusterSize", 2).put("pollMs", 100)
    .put("leaseMs", 3_000); // checked before the cluster size: an expiry on a slow machine would name the lease, not the minority

  private final TestCluster cluster = new TestCluster("quorum", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void aLoneNodeWaitsForAQuorumThenHoldsAndStepsDownWhenItsPeerLeaves() throws Exception {
    Vertx first = cluster.join();
    RecordingCandidate firstCandidate = new RecordingCandidate().startOn(first, "test.quorum", QUORUM_OF_TWO);
    // Ten attempt periods alone: without the quorum rule the lone node would have taken it at once.
    assertNull(firstCandidate.events.poll(1_000, TimeUnit.MILLISECONDS), "a lone node took the connection");

    Vertx second = cluster.join();
    RecordingCandidate secondCandidate = new RecordingCandidate().startOn(second, "test.quorum", QUORUM_OF_TWO);
    String firstEvent = firstCandidate.events.poll(15, TimeUnit.SECONDS);
    String secondEvent = secondCandidate.events.poll(200, TimeUnit.MILLISECONDS);
    assertTrue("take-over".equals(firstEvent) ^ "take-over".equals(secondEvent),
      "exactly one node holds once two are up: " + firstEvent + " / " + secondEvent);

    RecordingCandidate holder = "take-over".equals(firstEvent) ? firstCandidate : secondCandidate;
    cluster.leave(holder == firstCandidate ? second : first);
    String stepDown = holder.events.poll(15, TimeUnit.SECONDS);
    assertEquals("step-down: minority: this node sees 1 cluster members, minClusterSize is 2", stepDown);
  }
}
