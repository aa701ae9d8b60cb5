package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.common.ConnectionState;

/** Why a connection attempt failed: the state to report (it also picks the backoff). */
final class AriConnectFailure extends RuntimeException {
  final ConnectionState state;

  AriConnectFailure(ConnectionState state, String reason) {
    super(reason, null, false, false);
    this.state = state;
  }

  /** The failure to report for any error of a connection attempt, however deeply it is wrapped. */
  static AriConnectFailure of(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof AriConnectFailure f) {
        return f;
      }
    }
    String message = err.getMessage();
    return new AriConnectFailure(ConnectionState.DISCONNECTED, message == null ? err.getClass().getSimpleName() : message);
  }
}
