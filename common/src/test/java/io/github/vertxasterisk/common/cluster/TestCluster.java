package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;

import io.github.vertxasterisk.common.Waiting;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Clustered Vert.x nodes in this JVM: a unique cluster name, members on 127.0.0.1 from a random port. */
final class TestCluster {
  private final List<Vertx> nodes = new ArrayList<>();
  private final String name;
  private final int basePort;
  private final int size;

  /** @param size how many nodes may join (one port each) */
  TestCluster(String prefix, int size) {
    this.name = prefix + "-" + UUID.randomUUID();
    this.size = size;
    this.basePort = ClusterPorts.firstOfFree(size);
  }

  Vertx join() throws Exception {
    return start(new JsonObject().put("port", basePort).put("portCount", size), members(allIndexes()));
  }

  /**
   * A node on port {@code basePort + index} that knows only the listed members (indexes): a node that
   * lists none that is up forms a cluster of its own, so two such nodes are the two sides of a split.
   * Split sides merge back after 2 s (Hazelcast looks for them every {@code mergeDelaySeconds}).
   */
  Vertx joinListing(int index, int... listed) throws Exception {
    return start(new JsonObject().put("port", basePort + index).put("portAutoIncrement", false)
      .put("mergeDelaySeconds", 2), members(listed));
  }

  private Vertx start(JsonObject network, JsonArray members) throws Exception {
    Vertx node = await(ClusterSetup.start(network.put("name", name).put("members", members)));
    nodes.add(node);
    return node;
  }

  private int[] allIndexes() {
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    return all;
  }

  private JsonArray members(int... indexes) {
    JsonArray members = new JsonArray();
    for (int i : indexes) {
      members.add("127.0.0.1:" + (basePort + i));
    }
    return members;
  }

  /** Waits until every partition has its backups: a crash then loses no data. */
  void awaitSafe() throws InterruptedException {
    Waiting.eventually("the cluster's partitions backed up", () -> nodes.stream().allMatch(node ->
      ((HazelcastClusterManager) ((VertxInternal) node).clusterManager()).getHazelcastInstance().getPartitionService().isClusterSafe()));
  }

  /** Closes one node now (it leaves the cluster). */
  void leave(Vertx node) throws Exception {
    nodes.remove(node);
    await(node.close());
  }

  /**
   * Cuts a node off as a crash would: its Hazelcast member stops at once, with none of the node's own
   * clean-up; then what is left of its Vert.x is closed.
   */
  void crash(Vertx node) {
    nodes.remove(node);
    ((HazelcastClusterManager) ((VertxInternal) node).clusterManager()).getHazelcastInstance().getLifecycleService().terminate();
    node.close(); // not awaited: it may fail, its cluster being gone
  }

  /**
   * Closes every node, one after the other, also when one of them fails to close, then reports the first
   * failure. One at a time: each leaves a cluster whose other members are up to take its partitions,
   * where members that all shut down at once wait on each other's migrations (one such close under load
   * outlasted the 60 s wait).
   */
  void close() throws Exception {
    Exception first = null;
    for (Vertx node : List.copyOf(nodes)) {
      try {
        await(node.close());
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    nodes.clear();
    if (first != null) {
      throw first;
    }
  }
}
