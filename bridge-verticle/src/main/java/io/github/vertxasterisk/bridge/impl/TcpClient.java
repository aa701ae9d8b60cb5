package io.github.vertxasterisk.bridge.impl;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP bridge client as {@link TcpClients} tracks it: the addresses it registered (kept by
 * {@link BridgeGuard}), and, on a bridge with an {@code authToken}, whether it has shown the token yet.
 */
public final class TcpClient {
  final Set<String> registrations = new HashSet<>();
  final long connectedAtNanos = System.nanoTime();
  private final AtomicBoolean awaitingToken;
  private final Runnable onTokenShown;

  /** @param onTokenShown run once, when a client that had to show the token first shows it */
  TcpClient(boolean awaitingToken, Runnable onTokenShown) {
    this.awaitingToken = new AtomicBoolean(awaitingToken);
    this.onTokenShown = onTokenShown;
  }

  /** A frame carried the right token: from now on this client counts as authenticated. */
  void tokenShown() {
    if (stopAwaiting()) {
      onTokenShown.run();
    }
  }

  boolean awaitingToken() {
    return awaitingToken.get();
  }

  /** Leaves the unauthenticated ones (it closed, or is being closed); true if it was one of them. */
  boolean stopAwaiting() {
    return awaitingToken.compareAndSet(true, false);
  }
}
