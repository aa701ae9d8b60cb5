package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Counter;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Frees a holder lock whose owner is no longer a cluster member.
 *
 * <p>Vert.x's Hazelcast locks are {@code IMap} locks, which Hazelcast releases when their owner
 * leaves. Under member churn (nodes killed and restarted while partitions migrate) we measured it
 * keep a dead member's lock for good, leaving a PBX with no holder at all. So the holder records
 * its node id beside the lock, and a standby that sees the lock held while the recorded owner has
 * been out of the member list for a while force-unlocks it.
 *
 * <p>A node that has just taken the lock is not protected by its record alone: that is one more cluster
 * write, slow while partitions migrate (which is when locks go stale). So the taker writes its record
 * first and only then takes its epoch, by compare-and-set from the value it read before asking for the
 * lock; a standby reads the counter before the record, breaks only a lock during whose whole grace the
 * epoch did not move, and moves the epoch itself, by compare-and-set, before breaking it. Of a taker and
 * a breaker that raced, exactly one moves the counter: a taker that lost gives up its term (the lock it
 * got is being broken), a breaker that lost breaks nothing. Without Hazelcast (a single node, tests)
 * there is nothing to break: local locks die with their node.
 */
final class StaleLockBreaker {
  private static final Logger LOG = Logger.getLogger(StaleLockBreaker.class.getName());
  /** The IMap behind Vert.x's Hazelcast locks (vertx-hazelcast's HazelcastObjectProviderImpl). */
  private static final String VERTX_LOCK_MAP = "__vertx.map.lock";

  private final Vertx vertx;
  private final String lockName;
  private final String key;
  private final long graceMs;
  private final long unrecordedGraceMs;
  private final Supplier<Counter> epoch;
  private AsyncMap<String, String> owners;
  private long ownerGoneSinceNanos;
  private long epochWhenGone;

  /**
   * @param graceMs how long a recorded owner must be out of the member list before its lock is broken
   * @param unrecordedGraceMs the same for a lock nobody has recorded: longer than the holder's
   *     re-recording period, because a live holder's record can be lost for a moment (a cluster merge
   *     keeps one side's data only; the holder writes it again at its next lease check)
   * @param epoch the election's epoch counter
   */
  StaleLockBreaker(Vertx vertx, String key, String lockName, long graceMs, long unrecordedGraceMs,
      Supplier<Counter> epoch) {
    this.vertx = vertx;
    this.key = key;
    this.lockName = lockName;
    this.graceMs = graceMs;
    this.unrecordedGraceMs = unrecordedGraceMs;
    this.epoch = epoch;
  }

  private ClusterManager cluster() {
    return vertx instanceof VertxInternal ? ((VertxInternal) vertx).clusterManager() : null;
  }

  private Future<AsyncMap<String, String>> owners() {
    if (owners != null) {
      return Future.succeededFuture(owners);
    }
    return vertx.sharedData().<String, String>getAsyncMap("vertx-asterisk.holders").map(map -> owners = map);
  }

  /** The holder says who it is (at takeover and at every lease check), so standbys can tell when it is gone. */
  Future<Void> recordOwner() {
    ownerGoneSinceNanos = 0; // what this node saw as a standby says nothing about the locks it meets later
    ClusterManager cluster = cluster();
    if (!(cluster instanceof HazelcastClusterManager)) {
      return Future.succeededFuture();
    }
    return owners().compose(map -> map.put(key, cluster.getNodeId()));
  }

  Future<Void> forgetOwner() {
    ClusterManager cluster = cluster();
    if (!(cluster instanceof HazelcastClusterManager)) {
      return Future.succeededFuture();
    }
    return owners().compose(map -> map.removeIfPresent(key, cluster.getNodeId())).mapEmpty();
  }

  /**
   * This node keeps a lock that is not its term (it lost the epoch's compare-and-set, or stepped down as
   * replaced): its record becomes one that names no member, so standbys break the lock after the grace,
   * instead of after the longer one of an unrecorded lock. Another node's record is left as it is.
   */
  Future<Void> abandonOwner() {
    ClusterManager cluster = cluster();
    if (!(cluster instanceof HazelcastClusterManager)) {
      return Future.succeededFuture();
    }
    String self = cluster.getNodeId();
    return owners().compose(map -> map.replaceIfPresent(key, self, "abandoned-by-" + self)).mapEmpty();
  }

  /** Called by a standby whose lock attempt failed: breaks the lock if its owner has been gone long enough. */
  Future<Void> checkHeldLock() {
    ClusterManager cluster = cluster();
    if (!(cluster instanceof HazelcastClusterManager)) {
      return Future.succeededFuture();
    }
    // The counter before the record: a taker records itself before it moves the counter, so a counter
    // that shows its takeover comes with a record that names it.
    return epoch.get().get().compose(current -> owners().compose(map -> map.get(key)).compose(owner -> {
      if (current == null || owner != null && cluster.getNodes().contains(owner)) { // no counter: nothing is safe to break
        ownerGoneSinceNanos = 0;
        return Future.succeededFuture();
      }
      return breakIfGoneLongEnough((HazelcastClusterManager) cluster, owner, current);
    }));
  }

  private Future<Void> breakIfGoneLongEnough(HazelcastClusterManager hz, String owner, long currentEpoch) {
    long now = System.nanoTime();
    if (ownerGoneSinceNanos == 0 || currentEpoch != epochWhenGone) {
      // A first sighting, or a node took over meanwhile (its record may still be on its way): watch anew.
      ownerGoneSinceNanos = now;
      epochWhenGone = currentEpoch;
      return Future.succeededFuture();
    }
    if (now - ownerGoneSinceNanos < (owner == null ? unrecordedGraceMs : graceMs) * 1_000_000L) {
      return Future.succeededFuture();
    }
    ownerGoneSinceNanos = 0;
    // The epoch moves first: a taker that got this lock meanwhile then fails to take its own, and gives
    // its term up; had the taker moved it first, this fails and nothing is broken.
    return epoch.get().compareAndSet(currentEpoch, currentEpoch + 1).compose(moved -> {
      if (!moved) {
        return Future.succeededFuture();
      }
      LOG.warning(key + ": the holder lock is kept by " + (owner == null ? "an unrecorded owner" : "node " + owner)
        + " that is not a cluster member: breaking it");
      return vertx.<Void>executeBlocking(() -> {
        hz.getHazelcastInstance().getMap(VERTX_LOCK_MAP).forceUnlock(lockName);
        return null;
      }, false).compose(v -> owner == null ? Future.succeededFuture() : owners.removeIfPresent(key, owner).mapEmpty());
    });
  }
}
