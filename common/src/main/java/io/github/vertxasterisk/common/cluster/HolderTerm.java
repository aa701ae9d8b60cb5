package io.github.vertxasterisk.common.cluster;

import io.github.vertxasterisk.common.FailureCode;
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

  /**
   * For a service call found waiting after the lease ran out (a holder frozen past its lease runs the
   * calls queued meanwhile before its lease check, and another node may drive the PBX by now): gives the
   * connection up and fails the call, {@code 503 not-connected}, unsent.
   *
   * @param connection names it in the failure, e.g. {@code AMI pbx1}
   * @param what the call, as the reason says it, e.g. {@code an action}
   */
  default <T> Future<T> refuseAfterLease(String connection, String what) {
    lose("holder lease expired while " + what + " waited");
    return Future.failedFuture(FailureCode.NOT_CONNECTED.exception(
      connection + ": this node's holder term has expired (another node may hold the PBX now); not sent"));
  }
}
