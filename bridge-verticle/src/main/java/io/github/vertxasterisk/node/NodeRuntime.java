package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ari.AriVerticle;
import io.github.vertxasterisk.bridge.BridgeVerticle;
import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.monitor.MonitorVerticle;
import io.github.vertxasterisk.monitor.impl.StandardHttpMethods;
import io.github.vertxasterisk.node.demo.HelloStasisApp;
import io.github.vertxasterisk.sim.PbxSimulatorVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * One node of the suite: a Vert.x (clustered through {@link ClusterSetup} unless {@code cluster.enabled}
 * is false) with Micrometer metrics into a Prometheus registry, and the verticles the config asks for.
 */
public final class NodeRuntime {
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final ClusterManager clusterManager;
  private final JsonObject config;
  /** Deployment ids in deployment order, for undeploying in reverse. */
  private final List<String> deployed = new java.util.concurrent.CopyOnWriteArrayList<>();

  private NodeRuntime(Vertx vertx, PrometheusMeterRegistry registry, ClusterManager clusterManager, JsonObject config) {
    this.vertx = vertx;
    this.registry = registry;
    this.clusterManager = clusterManager;
    this.config = config;
  }

  /** Builds Vert.x and joins the cluster; deploys nothing yet. */
  public static Future<NodeRuntime> start(JsonObject config) {
    JsonObject cluster;
    VertxOptions options;
    try {
      cluster = section(config, "cluster");
      options = vertxOptions(section(config, "vertx"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(StandardHttpMethods.filter()); // the HTTP method label is the caller's
    // No event-bus address label: per-call and reply addresses would make one series each.
    // The local address label tells the servers apart (the TCP bridge's client count comes from it).
    // The pool name label: HTTP client pools (ARI) always carry it, and Prometheus refuses a meter name
    // whose series have different label keys, so the worker pools need it too.
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.LOCAL, Label.EB_SIDE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    ClusterManager clusterManager;
    try {
      clusterManager = ConfigValues.flag(cluster, "cluster", "enabled", true) ? ClusterSetup.clusterManager(cluster) : null;
      if (clusterManager != null) {
        ClusterSetup.encryptTheBus(cluster, options.getEventBusOptions()); // cluster.tls
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      // a value of the wrong type ("port": "5701"): one line from NodeMain, not a stack trace out of main()
      return Future.failedFuture(new IllegalArgumentException("bad config: cluster: " + e.getMessage(), e));
    }
    VertxBuilder builder = Vertx.builder().with(options.setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(registry));
    if (clusterManager == null) {
      return Future.succeededFuture(new NodeRuntime(builder.build(), registry, null, config));
    }
    return builder.withClusterManager(clusterManager).buildClustered()
      .map(vertx -> new NodeRuntime(vertx, registry, clusterManager, config));
  }

  /**
   * Deploys what the config asks for, in dependency order: the simulated PBX, the console tail, one AMI
   * verticle per PBX with an {@code ami} section and one ARI verticle per PBX with an {@code ari} section
   * (each given the root {@code holder} section: the election's timing), the demo Stasis app, the bridges, the monitoring
   * endpoint.
   */
  public Future<List<String>> deploySuite() {
    try {
      return deployAll();
    } catch (IllegalArgumentException | ClassCastException e) {
      // a value of the wrong type ("simulator": true): a bad config like any other, so the node exits 1
      return Future.failedFuture(new IllegalArgumentException("bad config: " + e.getMessage(), e));
    }
  }

  private Future<List<String>> deployAll() {
    String prefix = config.getString("prefix", "asterisk");
    String node = config.getString("node", defaultNodeName());
    JsonObject pbxs = section(config, "pbxs");
    JsonObject holder = section(config, "holder");
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    JsonObject simulator = section(config, "simulator");
    if (flag(simulator, "simulator", "enabled")) {
      chain = chain.compose(v -> deploy(new PbxSimulatorVerticle(), simulator, ids));
    }
    if (flag(section(config, "console"), "console", "printEvents")) {
      JsonObject tailConfig = new JsonObject().put("prefix", prefix).put("pbxs", new JsonArray(new ArrayList<>(pbxs.fieldNames())));
      chain = chain.compose(v -> deploy(new ConsoleTail(), tailConfig, ids));
    }
    for (String pbx : pbxs.fieldNames()) {
      JsonObject pbxConfig = section(pbxs, "pbxs." + pbx);
      // each verticle gets its own section only: the AMI verticle never holds the ARI password
      for (String protocol : new String[] {"ami", "ari"}) {
        if (!pbxConfig.containsKey(protocol)) {
          continue;
        }
        JsonObject verticleConfig = new JsonObject().put("prefix", prefix).put("node", node).put("holder", holder.copy())
          .put("pbx", new JsonObject().put("id", pbx).put(protocol, section(pbxConfig, "pbxs." + pbx + "." + protocol).copy()));
        chain = chain.compose(v -> deploy(protocol.equals("ami") ? new AmiVerticle() : new AriVerticle(), verticleConfig, ids));
      }
    }
    JsonObject stasisDemo = section(section(config, "demo"), "demo.stasisApp");
    if (flag(stasisDemo, "demo.stasisApp", "enabled")) {
      chain = chain.compose(v -> deploy(new HelloStasisApp(), stasisDemo.copy().put("prefix", prefix), ids));
    }
    chain = chain.compose(v -> deploy(new BridgeVerticle(registry), config, ids));
    if (flag(section(config, "monitoring"), "monitoring", "enabled")) {
      chain = chain.compose(v -> deploy(new MonitorVerticle(registry, clusterManager), config, ids));
    }
    return chain.map(v -> ids);
  }

  /**
   * The {@code vertx} section: {@code eventLoopPoolSize} and {@code workerPoolSize}, Vert.x's defaults
   * (two event loops per core, 20 workers) when absent. One event loop suits a node on one or two cores:
   * a message then crosses no other event loop inside the node (docs/operations.md).
   */
  static VertxOptions vertxOptions(JsonObject vertx) {
    VertxOptions options = new VertxOptions();
    if (vertx.containsKey("eventLoopPoolSize")) {
      options.setEventLoopPoolSize(ConfigValues.positiveInt(vertx, "vertx", "eventLoopPoolSize", 1));
    }
    if (vertx.containsKey("workerPoolSize")) {
      options.setWorkerPoolSize(ConfigValues.positiveInt(vertx, "vertx", "workerPoolSize", 1));
    }
    return options;
  }

  /** The object at the last key of {@code path} in {@code parent}; empty when absent. */
  private static JsonObject section(JsonObject parent, String path) {
    Object value = parent.getValue(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value instanceof JsonObject) {
      return value == null ? new JsonObject() : (JsonObject) value;
    }
    // the type only: the value might be a secret put in the wrong place
    throw new IllegalArgumentException("config '" + path + "' must be an object, got a " + value.getClass().getSimpleName());
  }

  /** A switch of the launcher, false when absent: a string ("true") or number is named, not a ClassCastException. */
  private static boolean flag(JsonObject section, String path, String key) {
    Object value = section.getValue(key);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw new IllegalArgumentException("config '" + path + "." + key + "' must be true or false, got a "
      + value.getClass().getSimpleName());
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle, JsonObject verticleConfig, List<String> ids) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(verticleConfig)).map(id -> {
      ids.add(id);
      deployed.add(id);
      return null;
    });
  }

  private static String defaultNodeName() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return host + "-" + ProcessHandle.current().pid();
  }

  public Vertx vertx() {
    return vertx;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Undeploys in reverse order (the monitor and bridges first, then AMI and ARI: Logoff, locks released,
   * then the console tail, which so still hears their last status, and the simulator), then closes
   * Vert.x, which leaves the cluster. A verticle that fails to stop does not stop the others.
   */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    List<String> reversed = new ArrayList<>(deployed);
    java.util.Collections.reverse(reversed);
    for (String id : reversed) {
      chain = chain.transform(ar -> vertx.undeploy(id).otherwiseEmpty());
    }
    return chain.transform(ar -> vertx.close());
  }
}
