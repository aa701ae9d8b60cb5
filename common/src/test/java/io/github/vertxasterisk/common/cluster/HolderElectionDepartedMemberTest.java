package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The suite's cluster maps list the members that run elections. A node that stops removes its own
 * entries; one that crashes cannot, and without the survivors removing them each crash-and-restart of a
 * node would leave its entries in the cluster for good.
 */
class HolderElectionDepartedMemberTest {
  private static final JsonObject FAST = new JsonObject().put("pollMs", 100).put("leaseMs", 800);

  private final TestCluster cluster = new TestCluster("departed", 2);

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void theEntriesOfACrashedNodeAreRemovedByTheSurvivors() throws Exception {
    Vertx survivor = cluster.join();
    Vertx crashed = cluster.join();
    String key = "test.departed." + UUID.randomUUID();
    new RecordingCandidate().startOn(survivor, key, FAST);
    new RecordingCandidate().startOn(crashed, key, FAST);
    String survivorId = nodeId(survivor);
    String crashedId = nodeId(crashed);
    eventually("both nodes listed as running the election", () ->
      keys(survivor, "vertx-asterisk.running").containsAll(Set.of(key + " " + survivorId, key + " " + crashedId))
        && keys(survivor, "vertx-asterisk.candidates").containsAll(Set.of(survivorId, crashedId)));

    cluster.crash(crashed);

    eventually("the crashed node's entries removed", () ->
      !keys(survivor, "vertx-asterisk.running").contains(key + " " + crashedId)
        && !keys(survivor, "vertx-asterisk.candidates").contains(crashedId));
    assertThat(keys(survivor, "vertx-asterisk.running")).contains(key + " " + survivorId);
    assertThat(keys(survivor, "vertx-asterisk.candidates")).contains(survivorId);
  }

  private static String nodeId(Vertx node) {
    return ((VertxInternal) node).clusterManager().getNodeId();
  }

  private static Set<String> keys(Vertx node, String map) {
    try {
      return await(node.sharedData().<String, Boolean>getAsyncMap(map).compose(m -> m.keys()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
