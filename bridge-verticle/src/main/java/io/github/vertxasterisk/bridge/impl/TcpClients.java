package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.SocketClose;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final Map<NetSocket, TcpClient> clients = new ConcurrentHashMap<>();
  private final StalledConnections<NetSocket> stalled;
  private final ConnectionLimit limit;
  private final boolean tokenRequired;
  private final TokenWait<NetSocket> tokenWait;

  public TcpClients(BridgeConfig config, BridgeMetrics metrics) {
    this.limit = new ConnectionLimit(config.tcpMaxConnections, "bridge.tcp.maxConnections", metrics, LOG);
    this.tokenRequired = config.authRequired();
    this.tokenWait = new TokenWait<>("tcp", config.tcpTokenRules, metrics, LOG, TcpClients::describe, (socket, code, why) -> {
      refuse(socket, code, why);
      forget(socket);
    });
    this.stalled = new StalledConnections<>(config.tcpMaxBlockedMs, metrics, LOG, NetSocket::writeQueueFull,
      TcpClients::describe, this::forgetAndClose);
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
      tokenWait.arrived(socket);
    }
    clients.put(socket, new TcpClient(() -> tokenWait.done(socket)));
    stalled.track(socket);
    socket.closeHandler(v -> forget(socket));
    return true;
  }

  /** This admitted client, for {@link BridgeGuard}; a stand-in when it closed meanwhile (nothing is kept). */
  public TcpClient clientOf(NetSocket socket) {
    TcpClient client = clients.get(socket);
    return client != null ? client : new TcpClient(() -> { });
  }

  /**
   * Run periodically on the bridge's event loop: closes every client blocked for too long, and every one
   * that has not shown the token within {@code authTimeoutMs}.
   */
  public void sweep() {
    stalled.closeStalled();
    tokenWait.closeOverdue();
  }

  private static String describe(NetSocket socket) {
    return "TCP bridge client " + socket.remoteAddress();
  }

  /**
   * The err frame, then the close. From here on the client is forgotten (not counted, not watched as
   * stalled), so the close must not wait: a plain close() waits behind the writes a client that does
   * not read never takes, and its connection would go on serving it. A client that reads still gets the
   * frame, written and flushed just before (only what its full queue holds is dropped).
   */
  private static void refuse(NetSocket socket, FailureCode code, String why) {
    socket.write(TcpBridgeFrames.encode(ErrFrames.of(code, null, why)));
    SocketClose.now(socket);
  }

  private void forgetAndClose(NetSocket socket) {
    forget(socket);
    SocketClose.now(socket); // a plain close() would wait for the client to read what is queued: never
  }

  private void forget(NetSocket socket) {
    clients.remove(socket);
    tokenWait.done(socket);
    stalled.forget(socket);
  }
}
