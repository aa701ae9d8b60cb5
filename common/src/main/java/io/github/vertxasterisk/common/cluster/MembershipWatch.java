package io.github.vertxasterisk.common.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Tells an election what Hazelcast learns about the membership that Vert.x's cluster manager does not
 * pass on. Hazelcast only: Vert.x keeps the cluster manager's single node listener for its event bus.
 *
 * <ul>
 *   <li>A member left: a node that stops removes its entries from the suite's cluster maps, one that
 *       crashed or was cut off never does, and each restart of such a node would leave one more. Every
 *       member that runs the election removes them (the removals are idempotent).
 *   <li>This member is merging into another cluster after a split: Hazelcast replaces this side's data
 *       with the other side's, the holder lock with it. Both sides may have elected a holder, and their
 *       two copies of the epoch counter may show the same value, which the lease check cannot tell apart.
 * </ul>
 */
final class MembershipWatch {
  private static final Logger LOG = Logger.getLogger(MembershipWatch.class.getName());
  // The member attribute in which vertx-hazelcast (5.0.8) keeps a member's Vert.x node id, which is not
  // its Hazelcast UUID (HazelcastClusterManager.NODE_ID_ATTRIBUTE, private there).
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  /** What an election does when Hazelcast tells it something. */
  interface Listener {
    /** A member left without stopping; {@code nodeId} is its Vert.x node id. */
    void departed(String nodeId);

    /** This member is merging into another cluster: what its side elected is void. */
    void merging();
  }

  private final HazelcastInstance hazelcast;
  private final UUID membershipListener;
  private final UUID lifecycleListener;

  private MembershipWatch(HazelcastInstance hazelcast, UUID membershipListener, UUID lifecycleListener) {
    this.hazelcast = hazelcast;
    this.membershipListener = membershipListener;
    this.lifecycleListener = lifecycleListener;
  }

  /**
   * Calls the listener from now on, on the Vert.x context that called this; null when the node is not
   * clustered on Hazelcast.
   */
  static Future<MembershipWatch> watch(Vertx vertx, Listener listener) {
    if (!(vertx instanceof VertxInternal internal) || !(internal.clusterManager() instanceof HazelcastClusterManager cluster)) {
      return Future.succeededFuture();
    }
    Context context = vertx.getOrCreateContext();
    HazelcastInstance hazelcast = cluster.getHazelcastInstance();
    MembershipListener onLeave = new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String nodeId = event.getMember().getAttribute(VERTX_NODE_ID);
        if (nodeId != null) { // null: a member that was not a Vert.x node
          context.runOnContext(v -> listener.departed(nodeId));
        }
      }
    };
    LifecycleListener onMerge = event -> {
      if (event.getState() == LifecycleState.MERGING) {
        context.runOnContext(v -> listener.merging());
      }
    };
    return vertx.executeBlocking(() -> new MembershipWatch(hazelcast,
      hazelcast.getCluster().addMembershipListener(onLeave),
      hazelcast.getLifecycleService().addLifecycleListener(onMerge)), false);
  }

  void close() {
    try {
      hazelcast.getCluster().removeMembershipListener(membershipListener);
      hazelcast.getLifecycleService().removeLifecycleListener(lifecycleListener);
    } catch (RuntimeException notRunning) { // the instance is already shut down: no listener left
      LOG.fine("membership listeners not removed: " + notRunning.getMessage());
    }
  }
}
