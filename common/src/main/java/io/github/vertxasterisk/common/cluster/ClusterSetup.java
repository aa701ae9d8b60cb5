package io.github.vertxasterisk.common.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.TlsKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;

/**
 * Builds the Hazelcast cluster manager from the node config's {@code cluster} section: TCP-IP join with
 * an explicit member list (no multicast), a cluster name so separate deployments never merge, and
 * failure detection in seconds rather than Hazelcast's default minute.
 */
public final class ClusterSetup {
  /** Hazelcast's own default: a member joining with its own Hazelcast config has it too. */
  private static final int DEFAULT_PARTITION_COUNT = 271;

  private ClusterSetup() {
  }

  public static HazelcastClusterManager clusterManager(JsonObject cluster) {
    // loadConfig() keeps the map settings Vert.x needs for its subscriptions (__vertx.subs).
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(cluster.getString("name", "vertx-asterisk"));
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.logging.type", "jdk");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(ConfigValues.positiveInt(cluster, "cluster", "heartbeatSeconds", 1)));
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(ConfigValues.positiveInt(cluster, "cluster", "maxNoHeartbeatSeconds", 5)));
    // After a split (a frozen or cut-off node), merge back within seconds rather than 5 minutes.
    String mergeDelay = String.valueOf(ConfigValues.positiveInt(cluster, "cluster", "mergeDelaySeconds", 5));
    hz.setProperty("hazelcast.merge.first.run.delay.seconds", mergeDelay);
    hz.setProperty("hazelcast.merge.next.run.delay.seconds", mergeDelay);
    // Every member must use the same count: Hazelcast refuses one that differs. What fewer partitions did
    // to takeovers (faster in a fresh cluster, slower after churn) is in docs/cluster.md.
    hz.setProperty("hazelcast.partition.count",
      String.valueOf(ConfigValues.positiveInt(cluster, "cluster", "partitionCount", DEFAULT_PARTITION_COUNT)));
    String host = cluster.getString("host", "127.0.0.1");
    hz.getNetworkConfig()
      .setPort(ConfigValues.wholeInt(cluster, "cluster", "port", 5701))
      .setPortAutoIncrement(ConfigValues.flag(cluster, "cluster", "portAutoIncrement", true))
      .setPortCount(ConfigValues.positiveInt(cluster, "cluster", "portCount", 20));
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    JsonArray members = cluster.getJsonArray("members", new JsonArray().add(host));
    members.forEach(m -> join.getTcpIpConfig().addMember(String.valueOf(m)));
    return new HazelcastClusterManager(hz);
  }

  /** A clustered Vert.x with the cluster manager above, or a plain one when {@code enabled} is false. */
  public static Future<Vertx> start(JsonObject cluster) {
    return start(cluster, new VertxOptions());
  }

  /** The same with these options (thread pools, for instance). */
  public static Future<Vertx> start(JsonObject cluster, VertxOptions options) {
    HazelcastClusterManager manager;
    try {
      if (!ConfigValues.flag(cluster, "cluster", "enabled", true)) {
        return Future.succeededFuture(Vertx.vertx(options));
      }
      encryptTheBus(cluster, options.getEventBusOptions());
      manager = clusterManager(cluster);
    } catch (IllegalArgumentException | ClassCastException e) {
      return Future.failedFuture(e); // a refused section: the caller composes on the future
    }
    return Vertx.builder().with(options).withClusterManager(manager).buildClustered();
  }

  /**
   * {@code cluster.tls}: the event bus's node-to-node connections (every message body: events, calls,
   * answers) in mutual TLS. Each node presents the configured certificate and accepts only a peer that
   * presents it too (or one in {@code trustStorePath}), so a process without the key can neither read the
   * bus nor send on it. Hazelcast's own traffic (membership, locks, which node has consumers for which
   * address) stays in clear: its TLS is not in the open-source edition. Whoever builds a clustered Vert.x
   * from {@link #clusterManager} (the node, the CLI) calls this too.
   */
  public static void encryptTheBus(JsonObject cluster, EventBusOptions bus) {
    Object raw = cluster.getValue("tls");
    if (raw == null) {
      return;
    }
    if (!(raw instanceof JsonObject tls)) {
      throw new IllegalArgumentException("cluster.tls must be an object, got a " + raw.getClass().getSimpleName());
    }
    if (!ConfigValues.flag(tls, "cluster.tls", "enabled", false)) {
      return;
    }
    bus.setSsl(true)
      .setClientAuth(ClientAuth.REQUIRED)
      .setKeyCertOptions(TlsKeys.keyCert(tls, "cluster.tls"))
      .setTrustOptions(TlsKeys.trust(tls, "cluster.tls"));
  }
}
