package io.github.vertxasterisk.node.cli;

import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.serviceproxy.ServiceExceptionMessageCodec;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.function.Consumer;

/** Joins the cluster described by the node config's {@code cluster} section, as a short-lived member. */
public final class ClusterTransport implements CliTransport {
  private final Vertx vertx;

  private ClusterTransport(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Fails when there is no cluster to reach: the config disables it, or no other member answered (the
   * tool would otherwise form a cluster of its own, where a tail waits forever).
   */
  public static Future<CliTransport> join(JsonObject cluster) {
    if (!ConfigValues.flag(cluster, "cluster", "enabled", true)) {
      return Future.failedFuture(new IllegalStateException(
        "the config's cluster is disabled (cluster.enabled false): use --bridge HOST:PORT"));
    }
    // the node config pins its node's own port (conf/three-nodes, conf/docker: "portAutoIncrement": false),
    // which that running node holds: the tool takes the next free port instead
    HazelcastClusterManager manager;
    VertxOptions options = new VertxOptions();
    try {
      manager = ClusterSetup.clusterManager(cluster.copy().put("portAutoIncrement", true));
      ClusterSetup.encryptTheBus(cluster, options.getEventBusOptions()); // the nodes' cluster.tls: without it, every call times out
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Vertx.builder().with(options).withClusterManager(manager).buildClustered().compose(vertx -> {
      if (manager.getNodes().size() < 2) {
        return vertx.close().transform(ar -> Future.failedFuture(new IllegalStateException("no node of cluster '"
          + cluster.getString("name", "vertx-asterisk") + "' answered at " + cluster.getValue("members"))));
      }
      // The services fail a call with a ServiceException: a member without its codec cannot even read
      // the failure, and its request ends in a timeout instead (the generated proxies register it).
      vertx.eventBus().registerDefaultCodec(ServiceException.class, new ServiceExceptionMessageCodec());
      return Future.succeededFuture(new ClusterTransport(vertx));
    });
  }

  @Override
  public Future<Void> subscribe(String address, Consumer<JsonObject> handler, Consumer<String> refused) {
    return vertx.eventBus().<JsonObject>consumer(address, m -> handler.accept(m.body())).completion();
  }

  @Override
  public Future<JsonObject> call(String address, String method, JsonObject body, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, body,
      new DeliveryOptions().addHeader("action", method).setSendTimeout(timeoutMs)).map(m -> m.body());
  }

  @Override
  public Future<Void> close() {
    return vertx.close();
  }
}
