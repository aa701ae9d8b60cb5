package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final Map<ConnectionBase, Long> blockedSinceNanos = new ConcurrentHashMap<>();
  private final long maxBlockedNanos;
  private final BridgeMetrics metrics;

  public SockJsConnections(long maxBlockedMs, BridgeMetrics metrics) {
    this.maxBlockedNanos = maxBlockedMs * 1_000_000L;
    this.metrics = metrics;
  }

  /** For the HTTP server's connection handler. */
  public void track(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      blockedSinceNanos.put(base, -1L);
      connection.closeHandler(v -> blockedSinceNanos.remove(base));
    }
  }

  /** Run periodically: closes every connection blocked for too long. */
  public void closeStalled() {
    long now = System.nanoTime();
    blockedSinceNanos.forEach((connection, since) -> {
      if (connection.channel().isWritable()) {
        blockedSinceNanos.replace(connection, -1L);
      } else if (since < 0) {
        blockedSinceNanos.replace(connection, now);
      } else if (now - since >= maxBlockedNanos) {
        blockedSinceNanos.remove(connection);
        LOG.warning("SockJS bridge client " + connection.remoteAddress() + " has read nothing for "
          + (now - since) / 1_000_000 + " ms with its write buffer full: closing it");
        metrics.clientClosed("stalled");
        // not connection.close(): a WebSocket's would wait 10 s for a closing handshake the client cannot answer
        connection.channel().close();
      }
    });
  }
}
