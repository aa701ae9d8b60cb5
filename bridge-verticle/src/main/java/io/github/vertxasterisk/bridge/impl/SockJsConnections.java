package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.logging.Logger;

/**
 * The SockJS bridge's HTTP connections: at most {@code maxConnections} open (one more is closed at once), and
 * closed when their client stops reading. vertx-web 5.0.8's bridge writes every message to the client's
 * WebSocket (or streaming response) without looking at back-pressure, and a SockJS session's
 * {@code writeQueueFull()} stays false while a WebSocket is attached, so a client that stops reading made the
 * node buffer everything sent to it. A connection whose channel has stayed unwritable (Netty's 64 KB
 * high-water mark) for {@code maxBlockedMs} is closed; the client can reconnect.
 *
 * <p>The channel is read through Vert.x's {@code ConnectionBase} (an implementation class: the public
 * {@code HttpConnection} has no writability, and after a WebSocket upgrade the connection's own write queue is
 * no longer the one in use). A connection of another kind is not tracked.
 */
public final class SockJsConnections {
  private static final Logger LOG = Logger.getLogger(SockJsConnections.class.getName());

  private final StalledConnections<ConnectionBase> connections;
  private final ConnectionLimit limit;

  public SockJsConnections(long maxBlockedMs, int maxConnections, BridgeMetrics metrics) {
    this.limit = new ConnectionLimit(maxConnections, "bridge.sockjs.maxConnections", metrics, LOG);
    this.connections = new StalledConnections<>(maxBlockedMs, metrics, LOG,
      connection -> !connection.channel().isWritable(),
      connection -> "SockJS bridge client " + connection.remoteAddress(),
      // not connection.close(): a WebSocket's would wait 10 s for a closing handshake the client cannot answer
      connection -> connection.channel().close());
  }

  /**
   * For the HTTP server's connection handler. A connection over the limit is closed before any request
   * (HTTP has no way to say why before one); the client sees the connection closed.
   */
  public void track(HttpConnection connection) {
    if (!limit.admits(connections.size())) {
      connection.close();
      return;
    }
    if (connection instanceof ConnectionBase base) {
      connections.track(base);
      // The channel's own close, not the HttpConnection's closeHandler: that one does not run once the
      // connection carries a WebSocket, and a client that left was then kept, holding a place, until
      // its closed (so unwritable) channel was "closed" as stalled.
      base.channel().closeFuture().addListener(closed -> connections.forget(base));
    }
  }

  /** Run periodically: closes every connection blocked for too long. */
  public void closeStalled() {
    connections.closeStalled();
  }
}
