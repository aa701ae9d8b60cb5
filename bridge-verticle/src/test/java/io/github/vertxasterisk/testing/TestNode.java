package io.github.vertxasterisk.testing;

import static io.github.vertxasterisk.sim.testing.Await.await;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import io.github.vertxasterisk.node.NodeRuntime;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node of the suite in this JVM (no cluster) with one PBX, {@code pbx1}, served by a simulated PBX.
 * The caller adds the sections under test ({@code bridge}, {@code monitoring}). Waits happen on the
 * JUnit thread only.
 */
public final class TestNode implements AutoCloseable {
  public static final String PBX = "pbx1";
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  public final Vertx simVertx;
  public final PbxSimulator sim;
  public final NodeRuntime node;
  public final JsonObject config;

  private TestNode(Vertx simVertx, PbxSimulator sim, NodeRuntime node, JsonObject config) {
    this.simVertx = simVertx;
    this.sim = sim;
    this.node = node;
    this.config = config;
  }

  /** Starts the simulator, then the node with {@code sections} merged into a minimal config. */
  public static TestNode start(JsonObject sections) {
    return start(sections, false);
  }

  /** Like {@link #start(JsonObject)}, with pbx1's ARI (against the same simulated PBX) deployed too. */
  public static TestNode startWithAri(JsonObject sections) {
    return start(sections, true);
  }

  private static TestNode start(JsonObject sections, boolean withAri) {
    Vertx simVertx = Vertx.vertx();
    PbxSimulator sim = await(PbxSimulator.forTests().start(simVertx));
    JsonObject pbx1 = new JsonObject().put("ami", amiConfig(sim.amiPort()));
    if (withAri) {
      pbx1.put("ari", ariConfig(sim.ariPort()));
    }
    JsonObject config = new JsonObject()
      .put("node", "test-node")
      .put("cluster", new JsonObject().put("enabled", false))
      .put("holder", new JsonObject().put("pollMs", 100))
      .put("pbxs", new JsonObject().put(PBX, pbx1))
      .mergeIn(sections, true);
    NodeRuntime node = await(NodeRuntime.start(config));
    await(node.deploySuite());
    return new TestNode(simVertx, sim, node, config);
  }

  public static JsonObject amiConfig(int port) {
    return new JsonObject()
      .put("host", "127.0.0.1").put("port", port)
      .put("username", "admin").put("secret", "amp111")
      .put("actionTimeoutMs", 3_000).put("loginTimeoutMs", 2_000)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200);
  }

  /** An ARI section for a (simulated) ARI server on that port, with fast retries for tests. */
  public static JsonObject ariConfig(int port) {
    return new JsonObject()
      .put("url", "http://127.0.0.1:" + port + "/ari")
      .put("username", "asterisk").put("password", "asterisk")
      .put("apps", new io.vertx.core.json.JsonArray().add("demo-app"))
      .put("requestTimeoutMs", 3_000).put("connectTimeoutMs", 1_000)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200);
  }

  /**
   * The config of a node whose bridge has one transport ({@code tcp} or {@code sockjs}) on {@code port}
   * with these settings, an {@code authToken}, and clients allowed to receive from {@code app.*}.
   */
  public static JsonObject bridgeWithToken(String transport, int port, String token, JsonObject settings) {
    return new JsonObject().put("bridge", new JsonObject()
      .put("authToken", token)
      .put("outbound", new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+")))
      .put(transport, settings.put("enabled", true).put("port", port)));
  }

  /** {@link #bridgeWithToken}, and clients allowed to send to {@code app.*} too. */
  public static JsonObject bridgeWithTokenBothWays(String transport, int port, String token, JsonObject settings) {
    JsonObject config = bridgeWithToken(transport, port, token, settings);
    config.getJsonObject("bridge").put("inbound", new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+")));
    return config;
  }

  /** {@code asterisk_bridge_clients_closed_total} of one transport ({@code tcp}, {@code sockjs}) and reason. */
  public double bridgeClientsClosed(String transport, String reason) {
    var closed = node.registry().find("asterisk.bridge.clients.closed").tag("transport", transport)
      .tag("reason", reason).counter();
    return closed == null ? 0 : closed.count();
  }

  /** Connections open on this node's TCP servers (Vert.x's {@code vertx_net_server_active_connections}). */
  public double netServerConnections() {
    return node.registry().find("vertx.net.server.active.connections").gauges().stream().mapToDouble(g -> g.value()).sum();
  }

  @Override
  public void close() {
    await(node.close());
    await(simVertx.close());
  }

  /**
   * A free port below the ephemeral range, where the simulator's port-0 listeners and the node's outgoing
   * connections, made before the node binds it, cannot be given it meanwhile; never the same twice in a
   * JVM, so ports drawn together before any is bound differ.
   */
  public static int freePort() {
    while (true) {
      int port = ClusterPorts.firstOfFree(1);
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }
}
