package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.logging.Logger;

/**
 * The SockJS bridge's HTTP connections, closed when their client stops reading. vertx-web 5.0.8's bridge
 * writes every message to the client's WebSocket (or streaming response) without looking at back-pressure,
 * and a SockJS session's {@code writeQueueFull()} stays false while a WebSocket is attached, so a client that
 * stops reading made the node buffer everything sent to it. A connection whose channel has stayed unwritable
 * (Netty's 64 KB high-water mark) for {@code maxBlockedMs} is closed; the client can reconnect.
 *
 * <p>The channel is read through Vert.x's {@code ConnectionBase} (an implementation class: the public
 * {@code HttpConnection} has no writability, and after a WebSocket upgrade the connection's own write queue
 * is no longer the one in use). A connection of another kind is not tracked.
 */
public final class SockJsConnections {
  private static final Logger LOG = Logger.getLogger(SockJsConnections.class.getName());

  private final StalledConnections<ConnectionBase> connections;

  public SockJsConnections(long maxBlockedMs, BridgeMetrics metrics) {
    this.connections = new StalledConnections<>(maxBlockedMs, metrics, LOG,
      connection -> !connection.channel().isWritable(),
      connection -> "SockJS bridge client " + connection.remoteAddress(),
      // not connection.close(): a WebSocket's would wait 10 s for a closing handshake the client cannot answer
      connection -> connection.channel().close());
  }

  /** For the HTTP server's connection handler. */
  public void track(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      connections.track(base);
      connection.closeHandler(v -> connections.forget(base));
    }
  }

  /** Run periodically: closes every connection blocked for too long. */
  public void closeStalled() {
    connections.closeStalled();
  }
}
