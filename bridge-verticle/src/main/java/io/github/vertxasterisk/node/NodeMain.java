package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.PbxSimulatorVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Starts one node of the suite: reads {@code conf/node.json} (or {@code --conf FILE}), joins the
 * Hazelcast cluster, and deploys the simulated PBX (when configured), the console tail (when
 * configured) and one AMI verticle per PBX. Ctrl-C / SIGTERM closes Vert.x, which logs off from
 * Asterisk and leaves the cluster.
 */
public final class NodeMain {
  private static final Logger LOG = Logger.getLogger(NodeMain.class.getName());

  private NodeMain() {
  }

  public static void main(String[] args) throws Exception {
    String confPath = "conf/node.json";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--conf") && i + 1 < args.length) {
        confPath = args[++i];
      } else {
        System.err.println("usage: java -jar vertx-asterisk-node.jar [--conf conf/node.json]");
        System.exit(2);
      }
    }
    useLoggingConfigBeside(confPath);
    Vertx bootstrap = Vertx.vertx();
    JsonObject config;
    try {
      config = NodeConfigLoader.load(bootstrap, confPath, System.getenv()).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    } finally {
      bootstrap.close();
    }
    Vertx vertx = ClusterSetup.start(config.getJsonObject("cluster", new JsonObject()))
      .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(vertx), "vertx-asterisk-shutdown"));
    deploySuite(vertx, config)
      .onSuccess(ids -> LOG.info("node up: " + ids.size() + " verticles deployed"))
      .onFailure(err -> {
        System.err.println("node failed to start: " + err.getMessage());
        vertx.close().onComplete(v -> System.exit(1));
      });
  }

  /** {@code logging.properties} next to the node config, when present, configures java.util.logging. */
  private static void useLoggingConfigBeside(String confPath) throws java.io.IOException {
    java.nio.file.Path parent = java.nio.file.Path.of(confPath).toAbsolutePath().getParent();
    java.nio.file.Path logging = parent == null ? null : parent.resolve("logging.properties");
    if (logging != null && java.nio.file.Files.isReadable(logging) && System.getProperty("java.util.logging.config.file") == null) {
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(logging)) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    }
  }

  /** Deploys what the config asks for, in dependency order: simulator, console, then the PBX verticles. */
  public static Future<List<String>> deploySuite(Vertx vertx, JsonObject config) {
    String prefix = config.getString("prefix", "asterisk");
    String node = config.getString("node", defaultNodeName());
    JsonObject pbxs = config.getJsonObject("pbxs", new JsonObject());
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    JsonObject simulator = config.getJsonObject("simulator", new JsonObject());
    if (simulator.getBoolean("enabled", false)) {
      chain = chain.compose(v -> deploy(vertx, new PbxSimulatorVerticle(), simulator, ids));
    }
    if (config.getJsonObject("console", new JsonObject()).getBoolean("printEvents", false)) {
      JsonObject tailConfig = new JsonObject().put("prefix", prefix).put("pbxs", new JsonArray(new ArrayList<>(pbxs.fieldNames())));
      chain = chain.compose(v -> deploy(vertx, new ConsoleTail(), tailConfig, ids));
    }
    for (String pbx : pbxs.fieldNames()) {
      JsonObject pbxConfig = pbxs.getJsonObject(pbx).copy().put("id", pbx);
      if (pbxConfig.containsKey("ami")) {
        JsonObject amiConfig = new JsonObject().put("prefix", prefix).put("node", node).put("pbx", pbxConfig);
        chain = chain.compose(v -> deploy(vertx, new AmiVerticle(), amiConfig, ids));
      }
    }
    return chain.map(v -> ids);
  }

  private static Future<Void> deploy(Vertx vertx, io.vertx.core.Deployable verticle, JsonObject config, List<String> ids) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).map(id -> {
      ids.add(id);
      return null;
    });
  }

  private static String defaultNodeName() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    return host + "-" + ProcessHandle.current().pid();
  }

  private static void close(Vertx vertx) {
    CompletableFuture<Void> done = vertx.close().toCompletionStage().toCompletableFuture();
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("shutdown did not finish cleanly: " + e.getMessage());
    }
  }
}
