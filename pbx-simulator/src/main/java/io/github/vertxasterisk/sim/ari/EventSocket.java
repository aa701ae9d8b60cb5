package io.github.vertxasterisk.sim.ari;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;

/** One events WebSocket and the applications it was opened for. */
final class EventSocket {

  private final ServerWebSocket ws;
  private final HttpConnection connection;
  private final List<String> apps;
  private final boolean subscribeAll;

  EventSocket(ServerWebSocket ws, HttpConnection connection, List<String> apps, boolean subscribeAll) {
    this.ws = ws;
    this.connection = connection;
    this.apps = List.copyOf(apps);
    this.subscribeAll = subscribeAll;
  }

  List<String> apps() { return apps; }
  boolean subscribeAll() { return subscribeAll; }

  void sendText(String text) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(text);
    }
  }

  void sendBinary(Buffer data) {
    if (!ws.isClosed()) {
      ws.writeBinaryMessage(data);
    }
  }

  /**
   * Drops the TCP connection without a close frame. Vert.x turns any close of a WebSocket's channel
   * into a close handshake, so the close starts below its handlers (Vert.x internal type).
   */
  void closeAbruptly() {
    if (connection instanceof ConnectionBase base) {
      base.channel().pipeline().firstContext().close();
    } else {
      connection.close();
    }
  }
}
