package io.github.vertxasterisk.clustertest;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A cluster on 127.0.0.1 for failover tests and the failover benchmark: a simulated PBX streaming
 * events and an observer node (both in this JVM), plus N node processes running the real launcher
 * against that PBX. Unique cluster name and ports per fixture, so parallel builds never meet.
 */
public final class ClusterFixture implements AutoCloseable {
  public static final String PBX = "pbx1";

  private final Path jar;
  private final Path workDir;
  private final String clusterName = "failover-" + UUID.randomUUID();
  private final int basePort;
  private final int nodeCount;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private Vertx observer;
  private PbxSimulator sim;
  private final EventLog events = new EventLog();
  private final EventLog statuses = new EventLog();

  public ClusterFixture(Path jar, Path workDir, int nodeCount) {
    this.jar = jar;
    this.workDir = workDir;
    this.nodeCount = nodeCount;
    this.basePort = ClusterPorts.firstOfFree(nodeCount + 1);
  }

  /** The fat jar named by the {@code node.jar} system property (set by the build). */
  public static Path nodeJar() {
    String path = System.getProperty("node.jar", "bridge-verticle/target/vertx-asterisk-node.jar");
    Path jar = Path.of(path).toAbsolutePath().normalize();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("build the node first (mvn package): no " + jar);
    }
    return jar;
  }

  /** Starts the observer, the simulator and the nodes; on a failure, stops what it started, then throws. */
  public ClusterFixture start(double eventsPerSecond) throws Exception {
    try {
      startAll(eventsPerSecond);
      return this;
    } catch (Exception | Error e) {
      try {
        close(); // a try-with-resources never closes a fixture whose start threw
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private void startAll(double eventsPerSecond) throws Exception {
    Files.createDirectories(workDir);
    // The launcher reads logging.properties beside its config: show the election's reasoning.
    Files.writeString(workDir.resolve("logging.properties"), String.join("\n",
      "handlers=java.util.logging.ConsoleHandler",
      "java.util.logging.ConsoleHandler.level=ALL",
      "java.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n",
      ".level=INFO", "com.hazelcast.level=WARNING", "com.hazelcast.internal.cluster.level=INFO",
      "io.github.vertxasterisk.common.cluster.level=FINE", ""));
    observer = await(ClusterSetup.start(clusterConfig(0)));
    sim = await(new PbxSimulator(new JsonObject()
      .put("ami", new JsonObject().put("port", 0).put("callDurationMs", 500))
      .put("demo", new JsonObject().put("eventsPerSecond", eventsPerSecond))).start(observer));
    AmiAddresses addresses = AmiAddresses.of(PBX);
    await(observer.eventBus().<JsonObject>consumer(addresses.events(), m -> events.add(m.body())).completion());
    await(observer.eventBus().<JsonObject>consumer(addresses.status(), m -> statuses.add(m.body())).completion());
    for (int i = 1; i <= nodeCount; i++) {
      startNode(i);
    }
  }

  public NodeProcess startNode(int index) throws Exception {
    String name = "node-" + index;
    Path conf = workDir.resolve(name + ".json");
    JsonObject cluster = clusterConfig(index);
    JsonObject config = new JsonObject()
      .put("node", name)
      .put("cluster", cluster)
      .put("pbxs", new JsonObject().put(PBX, new JsonObject().put("ami", new JsonObject()
        .put("host", "127.0.0.1").put("port", sim.amiPort()).put("username", "admin").put("secret", "amp111")
        .put("reconnectInitialMs", 100).put("reconnectMaxMs", 1_000).put("keepAliveIntervalMs", 2_000))));
    Files.writeString(conf, config.encodePrettily());
    NodeProcess node = NodeProcess.start(jar, conf, name, workDir.resolve(name + ".log"));
    nodes.add(node);
    return node;
  }

  /** Member i (0 = the observer) binds basePort + i; every member lists all of them. */
  private JsonObject clusterConfig(int index) {
    JsonArray members = new JsonArray();
    for (int i = 0; i <= nodeCount; i++) {
      members.add("127.0.0.1:" + (basePort + i));
    }
    return new JsonObject().put("name", clusterName).put("host", "127.0.0.1").put("port", basePort + index)
      .put("portAutoIncrement", false).put("members", members)
      .put("heartbeatSeconds", 1).put("maxNoHeartbeatSeconds", 5);
  }

  /** Waits until the observer sees the observer and {@code nodes} node processes as cluster members. */
  public void awaitMembers(int nodes, Duration within) {
    io.vertx.core.spi.cluster.ClusterManager manager = ((io.vertx.core.internal.VertxInternal) observer).clusterManager();
    eventually(within, (nodes + 1) + " cluster members", () -> manager.getNodes().size() == nodes + 1);
  }

  public EventLog events() {
    return events;
  }

  public EventLog statuses() {
    return statuses;
  }

  public PbxSimulator simulator() {
    return sim;
  }

  /** The latest process started under that name (a killed node may be started again). */
  public NodeProcess node(String name) {
    NodeProcess found = null;
    for (NodeProcess n : nodes) {
      if (n.name().equals(name)) {
        found = n;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no node " + name);
    }
    return found;
  }

  /** The node whose latest status is {@code connected}, once exactly one is. */
  public String awaitHolder(Duration within) {
    String[] holder = new String[1];
    eventually(within, "one connected holder of " + PBX, () -> {
      Map<String, String> latest = new HashMap<>();
      for (EventLog.Entry e : statuses.entries()) {
        latest.put(e.node(), e.body().getString("state"));
      }
      List<String> connected = latest.entrySet().stream().filter(e -> "connected".equals(e.getValue()))
        .map(Map.Entry::getKey).toList();
      holder[0] = connected.size() == 1 ? connected.get(0) : null;
      return holder[0] != null;
    });
    return holder[0];
  }

  /** The first event the observer received after {@code afterNanos} from any node but {@code node}. */
  public EventLog.Entry awaitFirstEventNotFrom(String node, long afterNanos) {
    eventually(Duration.ofSeconds(60), "an event from a node other than " + node,
      () -> events.first(e -> e.arrivedNanos() > afterNanos && !e.node().equals(node)).isPresent());
    return events.first(e -> e.arrivedNanos() > afterNanos && !e.node().equals(node)).orElseThrow();
  }

  /**
   * Waits as {@link Await#eventually} does; a wait that fails says what each node's election did and
   * which members it saw, since a CI run keeps only the test's output, not the node logs.
   */
  public void eventually(Duration within, String what, BooleanSupplier condition) {
    try {
      Await.eventually(within, what, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + electionLines(), e);
    }
  }

  private static final Pattern ELECTION_LINE = Pattern.compile(
    "HolderElection|StaleLockBreaker|StatusChannel|Members \\{size|is merging|SIGSTOP|suspected to be dead");

  /** Each node's log lines about holding and membership, the last 25 of each. */
  private String electionLines() {
    StringBuilder out = new StringBuilder();
    for (NodeProcess node : nodes) {
      List<String> lines = log(node.name()).lines().filter(l -> ELECTION_LINE.matcher(l).find()).toList();
      out.append("--- ").append(node.name()).append(" (").append(lines.size()).append(" lines about holding and members, the last 25):\n");
      lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(l -> out.append(l, 0, Math.min(l.length(), 240)).append('\n'));
    }
    return out.toString();
  }

  /** What a node process has written to its log so far ("" before it has one). */
  public String log(String node) {
    try {
      return Files.readString(workDir.resolve(node + ".log"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    if (observer != null) {
      observer.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
