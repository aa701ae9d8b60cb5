package io.github.vertxasterisk.bridge.impl;

import java.util.HashSet;
import java.util.Set;

/**
 * One TCP bridge client as {@link TcpClients} tracks it: the addresses it registered (kept by
 * {@link BridgeGuard}), and what to do when it shows the {@code authToken}.
 */
public final class TcpClient {
  final Set<String> registrations = new HashSet<>();
  private final Runnable onTokenShown;

  TcpClient(Runnable onTokenShown) {
    this.onTokenShown = onTokenShown;
  }

  /** A frame carried the right token: from now on this client counts as authenticated. */
  void tokenShown() {
    onTokenShown.run();
  }
}
