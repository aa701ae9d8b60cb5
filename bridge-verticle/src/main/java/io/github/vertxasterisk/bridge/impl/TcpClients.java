package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The TCP bridge's clients as this node tracks them: how many are connected ({@code maxConnections}), the
 * addresses each registered, and whether each still reads. Vert.x's TCP bridge writes every message to the
 * client's socket without looking at {@code writeQueueFull()}, so a client that stops reading makes the node
 * buffer everything sent to it until the heap is gone. A client whose socket has stayed above its write
 * high-water mark for {@code maxBlockedMs} is closed instead: the client can reconnect; the node keeps its
 * memory.
 */
public final class TcpClients {
  private static final Logger LOG = Logger.getLogger(TcpClients.class.getName());

  private final Map<NetSocket, Set<String>> registrations = new ConcurrentHashMap<>();
  private final StalledConnections<NetSocket> stalled;
  private final ConnectionLimit limit;

  public TcpClients(long maxBlockedMs, int maxConnections, BridgeMetrics metrics) {
    this.limit = new ConnectionLimit(maxConnections, "bridge.tcp.maxConnections", metrics, LOG);
    this.stalled = new StalledConnections<>(maxBlockedMs, metrics, LOG, NetSocket::writeQueueFull,
      socket -> "TCP bridge client " + socket.remoteAddress(),
      socket -> {
        registrations.remove(socket);
        socket.close();
      });
  }

  /**
   * A client connected: tracked from now on, or, when {@code maxConnections} are already open, told why
   * in an {@code err} frame (529 {@code overloaded}) and closed. Returns whether it was admitted.
   */
  public boolean admit(NetSocket socket) {
    if (!limit.admits(registrations.size())) {
      socket.write(TcpBridgeFrames.encode(ErrFrames.of(FailureCode.OVERLOADED, null, limit.refusal())));
      socket.close();
      return false;
    }
    registrations.put(socket, new HashSet<>());
    stalled.track(socket);
    socket.closeHandler(v -> {
      registrations.remove(socket);
      stalled.forget(socket);
    });
    return true;
  }

  /** The addresses this admitted client has registered so far (kept by {@link BridgeGuard}). */
  public Set<String> registrationsOf(NetSocket socket) {
    Set<String> addresses = registrations.get(socket);
    return addresses != null ? addresses : new HashSet<>(); // closed meanwhile: nothing to keep
  }

  /** Run periodically on the bridge's event loop: closes every client blocked for too long. */
  public void closeStalled() {
    stalled.closeStalled();
  }
}
