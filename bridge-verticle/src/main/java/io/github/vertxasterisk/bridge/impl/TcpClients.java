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

  private static final class Client {
    final Set<String> registered = new HashSet<>();
    long blockedSinceNanos = -1;
  }

  private final Map<NetSocket, Client> clients = new ConcurrentHashMap<>();
  private final long maxBlockedNanos;
  private final BridgeMetrics metrics;

  public TcpClients(long maxBlockedMs, BridgeMetrics metrics) {
    this.maxBlockedNanos = maxBlockedMs * 1_000_000L;
    this.metrics = metrics;
  }

  /** The addresses this client has registered so far (kept by {@link BridgeGuard}); starts tracking it. */
  public Set<String> registrationsOf(NetSocket socket) {
    return clients.computeIfAbsent(socket, s -> {
      s.closeHandler(v -> clients.remove(s));
      return new Client();
    }).registered;
  }

  /** Run periodically on the bridge's event loop: closes every client blocked for too long. */
  public void closeStalled() {
    long now = System.nanoTime();
    clients.forEach((socket, client) -> {
      if (!socket.writeQueueFull()) {
        client.blockedSinceNanos = -1;
      } else if (client.blockedSinceNanos < 0) {
        client.blockedSinceNanos = now;
      } else if (now - client.blockedSinceNanos >= maxBlockedNanos) {
        clients.remove(socket);
        LOG.warning("TCP bridge client " + socket.remoteAddress() + " has read nothing for "
          + (now - client.blockedSinceNanos) / 1_000_000 + " ms with its write buffer full: closing it");
        metrics.clientClosed("stalled");
        socket.close();
      }
    });
  }
}
