package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The TCP bridge's clients as this node tracks them: how many are connected ({@code maxConnections}), how
 * many of them have not shown the {@code authToken} yet ({@code maxUnauthenticated}, the one waiting longest
 * closed to make room, and each for at most {@code authTimeoutMs}, as Asterisk's {@code manager.conf}
 * {@code authtimeout}: clients without the token cannot hold the places of those with it), the
 * addresses each registered, and whether each still reads. Vert.x's TCP bridge writes every message to the
 * client's socket without looking at {@code writeQueueFull()}, so a client that stops reading makes the node
 * buffer everything sent to it until the heap is gone. A client whose socket has stayed above its write
 * high-water mark for {@code maxBlockedMs} is closed instead: the client can reconnect; the node keeps its
 * memory.
 */
public final class TcpClients {
  private static final Logger LOG = Logger.getLogger(TcpClients.class.getName());
  static final String AUTH_TIMEOUT_REASON = "auth-timeout";

  private final Map<NetSocket, TcpClient> clients = new ConcurrentHashMap<>();
  private final StalledConnections<NetSocket> stalled;
  private final ConnectionLimit limit;
  private final boolean tokenRequired;
  private final ConnectionLimit unauthenticatedLimit;
  private final AtomicInteger unauthenticated = new AtomicInteger();
  private final long authTimeoutNanos;
  private final long authTimeoutMs;
  private final BridgeMetrics metrics;

  public TcpClients(BridgeConfig config, BridgeMetrics metrics) {
    this.metrics = metrics;
    this.limit = new ConnectionLimit(config.tcpMaxConnections, "bridge.tcp.maxConnections", metrics, LOG);
    this.tokenRequired = config.authRequired();
    this.unauthenticatedLimit = new ConnectionLimit(config.tcpMaxUnauthenticated, "bridge.tcp.maxUnauthenticated",
      metrics, LOG, "connections have not shown the authToken yet", "closing the one that has waited longest, this one",
      "too-many-unauthenticated");
    this.authTimeoutMs = config.tcpAuthTimeoutMs;
    this.authTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.tcpAuthTimeoutMs); // saturates: a huge value means never
    this.stalled = new StalledConnections<>(config.tcpMaxBlockedMs, metrics, LOG, NetSocket::writeQueueFull,
      socket -> "TCP bridge client " + socket.remoteAddress(),
      this::forgetAndClose);
  }

  /**
   * A client connected: tracked from now on, or, when {@code maxConnections} are already open, told why in
   * an {@code err} frame (529 {@code overloaded}) and closed. When {@code maxUnauthenticated} clients are
   * waiting to show the token, the one that has waited longest is closed that way to make room. Returns
   * whether it was admitted.
   */
  public boolean admit(NetSocket socket) {
    if (!limit.admits(clients.size())) {
      refuse(socket, FailureCode.OVERLOADED, limit.refusal());
      return false;
    }
    if (tokenRequired) {
      if (!unauthenticatedLimit.admits(unauthenticated.get())) {
        closeLongestWaiting();
      }
      unauthenticated.incrementAndGet();
    }
    clients.put(socket, new TcpClient(tokenRequired, unauthenticated::decrementAndGet));
    stalled.track(socket);
    socket.closeHandler(v -> forget(socket));
    return true;
  }

  /** This admitted client, for {@link BridgeGuard}; a stand-in when it closed meanwhile (nothing is kept). */
  public TcpClient clientOf(NetSocket socket) {
    TcpClient client = clients.get(socket);
    return client != null ? client : new TcpClient(false, () -> { });
  }

  /**
   * Run periodically on the bridge's event loop: closes every client blocked for too long, and every one
   * that has not shown the token within {@code authTimeoutMs}.
   */
  public void sweep() {
    stalled.closeStalled();
    if (unauthenticated.get() == 0) {
      return;
    }
    long now = System.nanoTime();
    clients.forEach((socket, client) -> {
      if (client.awaitingToken() && now - client.connectedAtNanos >= authTimeoutNanos) {
        LOG.info("TCP bridge client " + socket.remoteAddress() + " sent no frame with the authToken within "
          + authTimeoutMs + " ms: closing it");
        metrics.clientClosed(AUTH_TIMEOUT_REASON);
        refuse(socket, FailureCode.FORBIDDEN, "no frame with the right authToken within " + authTimeoutMs
          + " ms (bridge.tcp.authTimeoutMs): closing this connection");
        forget(socket);
      }
    });
  }

  /**
   * Makes room for a new client by closing the one that has waited longest for the token, rather than
   * refusing the newcomer: otherwise whoever keeps {@code maxUnauthenticated} idle connections open locks
   * every new client out, those with the token too. To push out a client that shows the token as soon as
   * it connects, one would have to open that many connections in the meantime.
   */
  private void closeLongestWaiting() {
    NetSocket longest = null;
    long longestSince = 0;
    for (Map.Entry<NetSocket, TcpClient> e : clients.entrySet()) {
      if (e.getValue().awaitingToken() && (longest == null || e.getValue().connectedAtNanos - longestSince < 0)) {
        longest = e.getKey();
        longestSince = e.getValue().connectedAtNanos;
      }
    }
    if (longest != null) {
      refuse(longest, FailureCode.OVERLOADED, unauthenticatedLimit.refusal());
      forget(longest);
    }
  }

  private static void refuse(NetSocket socket, FailureCode code, String why) {
    socket.write(TcpBridgeFrames.encode(ErrFrames.of(code, null, why)));
    socket.close();
  }

  private void forgetAndClose(NetSocket socket) {
    forget(socket);
    socket.close();
  }

  private void forget(NetSocket socket) {
    TcpClient client = clients.remove(socket);
    if (client != null && client.stopAwaiting()) {
      unauthenticated.decrementAndGet();
    }
    stalled.forget(socket);
  }
}
