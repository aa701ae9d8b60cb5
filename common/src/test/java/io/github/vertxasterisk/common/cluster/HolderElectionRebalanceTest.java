package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Balance with an application node in the cluster: DESIGN.md's picture has "any Java verticle on any
 * node" on the clustered bus, i.e. cluster members that run no election. Two suite nodes share three
 * connections (one must hold two); once they have settled, nobody should hand a connection back.
 */
class HolderElectionRebalanceTest {
  // leaseMs 3 s: lease checks (and rebalancing decisions) every 750 ms, and no pause of a slow machine
  // expires a lease, which this test would count as a hand-back
  private static final HolderOptions FAST = HolderOptions.from(new JsonObject().put("pollMs", 100).put("leaseMs", 3_000));
  private static final List<String> KEYS = List.of("test.ami.pbx1", "test.ami.pbx2", "test.ami.pbx3");

  private final TestCluster cluster = new TestCluster("rebalance", 3);
  /** key -> the suite node currently holding it. */
  private final Map<String, String> holders = new ConcurrentHashMap<>();
  private final List<String> stepDowns = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeNodes() throws Exception {
    cluster.close();
  }

  @Test
  void anApplicationNodeInTheClusterDoesNotMakeTheSuiteNodesHandConnectionsBackAndForth() throws Exception {
    cluster.join(); // an application node: it uses the bus (proxies, subscriptions) and holds nothing
    Vertx a = cluster.join();
    Vertx b = cluster.join();
    startElections(a, "A", KEYS);
    startElections(b, "B", KEYS);
    eventually("every connection held, by both suite nodes", () ->
      holders.size() == KEYS.size() && holders.containsValue("A") && holders.containsValue("B"));

    int before = stepDowns.size();
    TimeUnit.SECONDS.sleep(4); // 5 lease checks: a settled cluster hands nothing back in that time
    List<String> all = List.copyOf(stepDowns);
    assertThat(all.subList(before, all.size()))
      .as("connections handed back after the two suite nodes had settled")
      .isEmpty();
  }

  /**
   * A rolling config change that adds PBXs: the nodes already restarted run elections for connections
   * the others do not know yet. Handing one of those back for balance only makes it flap: no other
   * node takes it, and the node that gave it up takes it again and hands it back, every few seconds.
   */
  @Test
  void aConnectionNoOtherNodeRunsIsNotHandedBack() throws Exception {
    Vertx old = cluster.join();
    Vertx updated = cluster.join();
    startElections(old, "old", List.of("test.ami.pbx1"));
    eventually("pbx1 held by the node with the old config", () -> "old".equals(holders.get("test.ami.pbx1")));
    List<String> updatedKeys = List.of("test.ami.pbx1", "test.ami.pbx2", "test.ami.pbx3", "test.ami.pbx4");
    startElections(updated, "updated", updatedKeys);
    eventually("the new PBXs held", () -> holders.size() == updatedKeys.size());

    int before = stepDowns.size();
    TimeUnit.SECONDS.sleep(4); // 5 lease checks; a hand-back is taken again after 4 polls (0.4 s)
    List<String> all = List.copyOf(stepDowns);
    assertThat(all.subList(before, all.size()))
      .as("connections handed back that no other node runs")
      .isEmpty();
  }

  private void startElections(Vertx node, String name, List<String> keys) {
    for (String key : keys) {
      node.getOrCreateContext().runOnContext(v -> new HolderElection(node, key, FAST, new HolderElection.Candidate() {
        @Override
        public Future<Void> takeOver(HolderTerm term) {
          holders.put(key, name);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> stepDown(String reason) {
          holders.remove(key, name);
          stepDowns.add(name + " " + key + ": " + reason);
          return Future.succeededFuture();
        }
      }).start());
    }
  }
}
