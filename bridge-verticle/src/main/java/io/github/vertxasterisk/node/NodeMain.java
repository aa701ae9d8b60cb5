package io.github.vertxasterisk.node;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Starts one node of the suite: reads {@code conf/node.json} (or {@code --conf FILE}), joins the
 * Hazelcast cluster, and deploys the suite ({@link NodeRuntime#deploySuite()}): the simulated PBX and
 * the console tail when configured, one AMI verticle per PBX, the bridges, the monitoring endpoint.
 * Ctrl-C / SIGTERM close the node gracefully ({@link GracefulShutdown}) and exit 0. Exit 2: bad usage or a
 * config file that cannot be read; exit 1: the node failed to start.
 */
public final class NodeMain {
  private static final Logger LOG = Logger.getLogger(NodeMain.class.getName());

  /** How long the Vert.x instance (with its cluster join) may take to start. */
  private static final long START_TIMEOUT_SECONDS = 120;

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
    JsonObject config;
    try {
      config = NodeConfigLoader.read(confPath, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("node failed to start: " + e.getMessage()); // a wrong --conf: one line, not a stack trace
      System.exit(2);
      return;
    }
    NodeRuntime node;
    Future<NodeRuntime> starting = NodeRuntime.start(config);
    GracefulShutdown.install(starting); // before the join completes: a SIGTERM meanwhile must not exit 143
    try {
      node = starting.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) { // a bad vertx or cluster section, a failed cluster join: one line, exit 1
      System.err.println("node failed to start: " + e.getCause().getMessage());
      System.exit(1);
      return;
    } catch (TimeoutException e) { // exit, or Vert.x's and Hazelcast's threads keep a node that never started
      System.err.println("node failed to start: not started within " + START_TIMEOUT_SECONDS + " s (cluster join?)");
      System.exit(1);
      return;
    }
    node.deploySuite()
      .onSuccess(ids -> LOG.info("node up: " + ids.size() + " verticles deployed"))
      .onFailure(err -> {
        System.err.println("node failed to start: " + err.getMessage());
        node.close().onComplete(v -> System.exit(1));
      });
  }

  /** {@code logging.properties} next to the node config, when present, configures java.util.logging. */
  static void useLoggingConfigBeside(String confPath) throws java.io.IOException {
    java.nio.file.Path parent = java.nio.file.Path.of(confPath).toAbsolutePath().getParent();
    java.nio.file.Path logging = parent == null ? null : parent.resolve("logging.properties");
    if (logging != null && java.nio.file.Files.isReadable(logging) && System.getProperty("java.util.logging.config.file") == null) {
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(logging)) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    }
  }
}
