package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The TCP bridge's clients as this node tracks them: the addresses each registered, and whether it still
 * reads. Vert.x's TCP bridge writes every message to the client's socket without looking at
 * {@code writeQueueFull()}, so a client that stops reading makes the node buffer everything sent to it
 * until the heap is gone. A client whose socket has stayed above its write high-water mark for
 * {@code maxBlockedMs} is closed instead: the client can reconnect; the node keeps its memory.
 */
public final class TcpClients {
  private static final Logger LOG = Logger.getLogger(TcpClients.class.getName());

  private final Map<NetSocket, Set<String>> registrations = new ConcurrentHashMap<>();
  private final StalledConnections<NetSocket> stalled;

  public TcpClients(long maxBlockedMs, BridgeMetrics metrics) {
    this.stalled = new StalledConnections<>(maxBlockedMs, metrics, LOG, NetSocket::writeQueueFull,
      socket -> "TCP bridge client " + socket.remoteAddress(),
      socket -> {
        registrations.remove(socket);
        socket.close();
      });
  }

  /** The addresses this client has registered so far (kept by {@link BridgeGuard}); starts tracking it. */
  public Set<String> registrationsOf(NetSocket socket) {
    return registrations.computeIfAbsent(socket, s -> {
      stalled.track(s);
      s.closeHandler(v -> {
        registrations.remove(s);
        stalled.forget(s);
      });
      return new HashSet<>();
    });
  }

  /** Run periodically on the bridge's event loop: closes every client blocked for too long. */
  public void closeStalled() {
    stalled.closeStalled();
  }
}
