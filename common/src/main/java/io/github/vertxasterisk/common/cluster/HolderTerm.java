package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;

/**
 * What a connection holder gets while it holds a PBX: fencing epochs and a lease. The holder asks for a
 * new epoch before each (re)connection and checks {@link #leaseValid()} before it publishes: a holder
 * that could not confirm its term recently (it was frozen, or cut off from the cluster) must assume a
 * standby has taken over and publish nothing more.
 */
public interface HolderTerm {

  /**
   * Bumps the cluster-wide fencing counter from this holder's epoch: the epoch of the next connection.
   * Fails, and gives the connection up, when the counter has moved on (another node took over).
   */
  Future<Long> nextEpoch();

  /** The epoch most recently issued to this holder. */
  long epoch();

  /** True while this node is the confirmed holder (its lease has not run out). */
  boolean leaseValid();

  /** Gives the connection up at once (e.g. the lease ran out while publishing). */
  void lose(String reason);
}
