package io.github.vertxasterisk.common.cluster;

import io.vertx.core.Future;

/**
 * A holder term for session tests (in the common test-jar): it never ends by itself; a test ends its
 * lease and reads why the session gave it up, as a frozen or replaced holder's session would.
 */
public final class ControlledTerm implements HolderTerm {
  private long epoch;
  /** Whether the lease is valid; a test sets it false to play a holder frozen past its lease. */
  public volatile boolean lease = true;
  /** Why the session gave the term up, once it did. */
  public volatile String lost;

  @Override
  public Future<Long> nextEpoch() {
    return Future.succeededFuture(++epoch);
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public boolean leaseValid() {
    return lease;
  }

  @Override
  public void lose(String reason) {
    lost = reason;
  }
}
