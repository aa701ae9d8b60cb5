package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ari.AriVerticle;
import io.github.vertxasterisk.bridge.BridgeVerticle;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.monitor.MonitorVerticle;
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
    JsonObject cluster = config.getJsonObject("cluster", new JsonObject());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // No event-bus address label: per-call and reply addresses would make one series each.
    // The local address label tells the servers apart (the TCP bridge's client count comes from it).
    // The pool name label: HTTP client pools (ARI) always carry it, and Prometheus refuses a meter name
    // whose series have different label keys, so the worker pools need it too.
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.LOCAL, Label.EB_SIDE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    VertxBuilder builder = Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
      .withMetrics(new MicrometerMetricsFactory(registry));
    if (!cluster.getBoolean("enabled", true)) {
      return Future.succeededFuture(new NodeRuntime(builder.build(), registry, null, config));
    }
    ClusterManager clusterManager = ClusterSetup.clusterManager(cluster);
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
    String prefix = config.getString("prefix", "asterisk");
    String node = config.getString("node", defaultNodeName());
    JsonObject pbxs = config.getJsonObject("pbxs", new JsonObject());
    JsonObject holder = config.getJsonObject("holder", new JsonObject());
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    JsonObject simulator = config.getJsonObject("simulator", new JsonObject());
    if (simulator.getBoolean("enabled", false)) {
      chain = chain.compose(v -> deploy(new PbxSimulatorVerticle(), simulator, ids));
    }
    if (config.getJsonObject("console", new JsonObject()).getBoolean("printEvents", false)) {
      JsonObject tailConfig = new JsonObject().put("prefix", prefix).put("pbxs", new JsonArray(new ArrayList<>(pbxs.fieldNames())));
      chain = chain.compose(v -> deploy(new ConsoleTail(), tailConfig, ids));
    }
    for (String pbx : pbxs.fieldNames()) {
      JsonObject pbxConfig = pbxs.getJsonObject(pbx);
      // each verticle gets its own section only: the AMI verticle never holds the ARI password
      for (String protocol : new String[] {"ami", "ari"}) {
        if (!pbxConfig.containsKey(protocol)) {
          continue;
        }
        JsonObject verticleConfig = new JsonObject().put("prefix", prefix).put("node", node).put("holder", holder.copy())
          .put("pbx", new JsonObject().put("id", pbx).put(protocol, pbxConfig.getJsonObject(protocol).copy()));
        chain = chain.compose(v -> deploy(protocol.equals("ami") ? new AmiVerticle() : new AriVerticle(), verticleConfig, ids));
      }
    }
    JsonObject stasisDemo = config.getJsonObject("demo", new JsonObject()).getJsonObject("stasisApp", new JsonObject());
    if (stasisDemo.getBoolean("enabled", false)) {
      chain = chain.compose(v -> deploy(new HelloStasisApp(), stasisDemo.copy().put("prefix", prefix), ids));
    }
    chain = chain.compose(v -> deploy(new BridgeVerticle(registry), config, ids));
    if (config.getJsonObject("monitoring", new JsonObject()).getBoolean("enabled", false)) {
      chain = chain.compose(v -> deploy(new MonitorVerticle(registry, clusterManager), config, ids));
    }
    return chain.map(v -> ids);
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
