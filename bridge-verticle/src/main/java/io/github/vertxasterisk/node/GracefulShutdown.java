package io.github.vertxasterisk.node;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT close the node cleanly (undeploy: AMI Logoff, locks released; then leave the
 * cluster) and exit with status 0, or 1 when closing failed or took longer than the grace period. The
 * JVM's own handling of SIGTERM would run the hooks and exit 143, which orchestrators report as a crash.
 */
final class GracefulShutdown {
  private static final long GRACE_SECONDS = 20;

  private final NodeRuntime node;
  private final AtomicBoolean started = new AtomicBoolean();

  private GracefulShutdown(NodeRuntime node) {
    this.node = node;
  }

  static void install(NodeRuntime node) {
    GracefulShutdown shutdown = new GracefulShutdown(node);
    Signal.handle(new Signal("TERM"), sig -> shutdown.begin("SIGTERM"));
    Signal.handle(new Signal("INT"), sig -> shutdown.begin("SIGINT"));
  }

  private void begin(String why) {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread closer = new Thread(() -> System.exit(closeNode(why)), "vertx-asterisk-shutdown");
    closer.start();
  }

  private int closeNode(String why) {
    System.err.println(why + ": closing the node (leaving the cluster)");
    try {
      node.close().toCompletionStage().toCompletableFuture().get(GRACE_SECONDS, TimeUnit.SECONDS);
      return 0;
    } catch (Exception e) {
      System.err.println("shutdown did not finish cleanly: " + e);
      return 1;
    }
  }
}
