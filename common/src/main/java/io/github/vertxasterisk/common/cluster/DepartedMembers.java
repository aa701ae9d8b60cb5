package io.github.vertxasterisk.common.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Tells an election which members left the cluster, so that it removes their entries from the suite's
 * cluster maps: a node that stops removes its own, a node that crashes or is cut off never does, and
 * each restart of such a node would leave one more. Every member that runs the election removes them
 * (the removals are idempotent). Hazelcast only: Vert.x keeps the cluster manager's single node
 * listener for its event bus.
 */
final class DepartedMembers {
  private static final Logger LOG = Logger.getLogger(DepartedMembers.class.getName());
  // The member attribute in which vertx-hazelcast (5.0.8) keeps a member's Vert.x node id, which is not
  // its Hazelcast UUID (HazelcastClusterManager.NODE_ID_ATTRIBUTE, private there).
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final HazelcastInstance hazelcast;
  private final UUID listener;

  private DepartedMembers(HazelcastInstance hazelcast, UUID listener) {
    this.hazelcast = hazelcast;
    this.listener = listener;
  }

  /**
   * Calls {@code departed} with the node id of each member that leaves from now on, on the Vert.x
   * context that called this; null when the node is not clustered on Hazelcast.
   */
  static Future<DepartedMembers> watch(Vertx vertx, Consumer<String> departed) {
    if (!(vertx instanceof VertxInternal internal) || !(internal.clusterManager() instanceof HazelcastClusterManager cluster)) {
      return Future.succeededFuture();
    }
    var context = vertx.getOrCreateContext();
    HazelcastInstance hazelcast = cluster.getHazelcastInstance();
    MembershipListener onLeave = new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String nodeId = event.getMember().getAttribute(VERTX_NODE_ID);
        if (nodeId != null) { // null: a member that was not a Vert.x node
          context.runOnContext(v -> departed.accept(nodeId));
        }
      }
    };
    return vertx.executeBlocking(() -> new DepartedMembers(hazelcast, hazelcast.getCluster().addMembershipListener(onLeave)), false);
  }

  void close() {
    try {
      hazelcast.getCluster().removeMembershipListener(listener);
    } catch (RuntimeException notRunning) { // the instance is already shut down: no listener left
      LOG.fine("membership listener not removed: " + notRunning.getMessage());
    }
  }
}
