package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Split-brain guard: with {@code minClusterSize} 2, a lone node never takes the connection, and a
 * holder left alone (its peer gone) steps down instead of carrying on as if it still were the holder.
 */
class HolderElectionQuorumTest {
  private static final JsonObject QUORUM_OF_TWO = new JsonObject().put("minClusterSize", 2).put("pollMs", 100).put("leaseMs", 1_000);

  private final List<Vertx> nodes = new ArrayList<>();
  private final String clusterName = "quorum-" + UUID.randomUUID();
  private final int basePort = ThreadLocalRandom.current().nextInt(20_000, 40_000);

  @AfterEach
  void closeNodes() throws Exception {
    for (Vertx node : nodes) {
      await(node.close());
    }
  }

  @Test
  void aLoneNodeWaitsForAQuorumThenHoldsAndStepsDownWhenItsPeerLeaves() throws Exception {
    Vertx first = join();
    Recorder firstCandidate = new Recorder();
    start(first, firstCandidate);
    // Ten attempt periods alone: without the quorum rule the lone node would have taken it at once.
    assertNull(firstCandidate.events.poll(1_000, TimeUnit.MILLISECONDS), "a lone node took the connection");

    Vertx second = join();
    Recorder secondCandidate = new Recorder();
    start(second, secondCandidate);
    String firstEvent = firstCandidate.events.poll(15, TimeUnit.SECONDS);
    String secondEvent = secondCandidate.events.poll(200, TimeUnit.MILLISECONDS);
    assertTrue("take-over".equals(firstEvent) ^ "take-over".equals(secondEvent),
      "exactly one node holds once two are up: " + firstEvent + " / " + secondEvent);

    Recorder holder = "take-over".equals(firstEvent) ? firstCandidate : secondCandidate;
    Vertx other = holder == firstCandidate ? second : first;
    nodes.remove(other);
    await(other.close());
    String stepDown = holder.events.poll(15, TimeUnit.SECONDS);
    assertEquals("step-down: minority: this node sees 1 cluster members, minClusterSize is 2", stepDown);
  }

  private Vertx join() throws Exception {
    JsonArray members = new JsonArray().add("127.0.0.1:" + basePort).add("127.0.0.1:" + (basePort + 1));
    Vertx node = await(ClusterSetup.start(new JsonObject().put("name", clusterName).put("port", basePort)
      .put("portCount", 2).put("members", members)));
    nodes.add(node);
    return node;
  }

  private static void start(Vertx node, Recorder candidate) {
    node.getOrCreateContext().runOnContext(v ->
      new HolderElection(node, "test.quorum", QUORUM_OF_TWO, candidate).start());
  }

  /** A candidate that only records what the election asks of it. */
  private static final class Recorder implements HolderElection.Candidate {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public Future<Void> takeOver(HolderTerm term) {
      events.add("take-over");
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stepDown(String reason) {
      events.add("step-down: " + reason);
      return Future.succeededFuture();
    }
  }
}
