package io.github.vertxasterisk.node;

import io.vertx.core.Future;
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

  private final Future<NodeRuntime> starting;
  private final AtomicBoolean started = new AtomicBoolean();

  private GracefulShutdown(Future<NodeRuntime> starting) {
    this.starting = starting;
  }

  /** Installed while the node is still starting (joining the cluster): nothing is deployed then. */
  static void install(Future<NodeRuntime> starting) {
    GracefulShutdown shutdown = new GracefulShutdown(starting);
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
    if (!starting.succeeded()) {
      // still joining (or failed to): nothing deployed, no PBX connection held; Hazelcast's own shutdown
      // hook ends the join
      System.err.println(why + ": the node was not started yet (joining the cluster): exiting");
      return 0;
    }
    NodeRuntime node = starting.result();
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
