package io.github.vertxasterisk.bench.e2e;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The holder node of {@link EndToEndBench}, in its own JVM: joins the cluster, deploys the AMI
 * verticle against the simulator and, once a second, prints a {@code STAT} line with its heap, its CPU
 * and its publish/drop counters (from its own {@code info()}). Runs until the harness kills it.
 *
 * <p>Args: cluster JSON, simulator AMI port, maxEventsPerSecond (0 = no bound).
 */
public final class HolderNode {
  private HolderNode() {
  }

  public static void main(String[] args) throws Exception {
    JsonObject cluster = new JsonObject(args[0]);
    int amiPort = Integer.parseInt(args[1]);
    int maxEventsPerSecond = Integer.parseInt(args[2]);
    Vertx vertx = ClusterSetup.start(cluster, EndToEndBench.nodeOptions()).toCompletionStage().toCompletableFuture().get();
    JsonObject ami = new JsonObject().put("host", "127.0.0.1").put("port", amiPort)
      .put("username", "admin").put("secret", "amp111").put("keepAliveIntervalMs", 5_000)
      .put("maxEventsPerSecond", maxEventsPerSecond);
    JsonObject config = new JsonObject().put("node", "holder")
      .put("pbx", new JsonObject().put("id", EndToEndBench.PBX).put("ami", ami));
    vertx.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config))
      .toCompletionStage().toCompletableFuture().get();
    AmiService self = AmiService.createProxy(vertx, EndToEndBench.ADDRESSES.service());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    vertx.setPeriodic(1_000, id -> self.info().onComplete(ar -> {
      JsonObject info = ar.succeeded() ? ar.result() : new JsonObject();
      System.out.println("STAT " + new JsonObject()
        .put("heapUsedMB", memory.getHeapMemoryUsage().getUsed() >> 20)
        .put("heapCommittedMB", memory.getHeapMemoryUsage().getCommitted() >> 20)
        .put("heapAfterGcMB", heapAfterLastGc() >> 20)
        .put("cpu", ProcessCpu.percentOfOneCore())
        .put("state", info.getString("state"))
        .put("published", info.getLong("eventsPublished"))
        .put("dropped", info.getLong("eventsDropped"))
        .encode());
    }));
    System.out.println("HOLDER-UP");
  }

  /** What the heap pools held right after their last collection: the live set, without garbage. */
  private static long heapAfterLastGc() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        bytes += afterGc.getUsed();
      }
    }
    return bytes;
  }
}
