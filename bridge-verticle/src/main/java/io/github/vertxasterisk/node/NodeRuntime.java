package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.bridge.BridgeVerticle;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.monitor.MonitorVerticle;
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
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
      .setLabels(EnumSet.of(Label.LOCAL, Label.EB_SIDE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE));
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
   * verticle per PBX, the bridges, the monitoring endpoint.
   */
  public Future<List<String>> deploySuite() {
    String prefix = config.getString("prefix", "asterisk");
    String node = config.getString("node", defaultNodeName());
    JsonObject pbxs = config.getJsonObject("pbxs", new JsonObject());
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
      JsonObject pbxConfig = pbxs.getJsonObject(pbx).copy().put("id", pbx);
      if (pbxConfig.containsKey("ami")) {
        JsonObject amiConfig = new JsonObject().put("prefix", prefix).put("node", node).put("pbx", pbxConfig);
        chain = chain.compose(v -> deploy(new AmiVerticle(), amiConfig, ids));
      }
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

  /** Undeploys everything (AMI logs off, locks are released), then leaves the cluster. */
  public Future<Void> close() {
    return vertx.close();
  }
}
