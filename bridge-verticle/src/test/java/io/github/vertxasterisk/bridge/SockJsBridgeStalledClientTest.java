package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge writes every message to the client's WebSocket without looking at back-pressure
 * (vertx-web 5.0.8), and its session's writeQueueFull() stays false while a WebSocket is attached. A
 * client that stops reading (a hung tab, a half-open connection) would make the node buffer everything
 * sent to it; it must be closed once its connection has stayed unwritable for maxBlockedMs.
 */
class SockJsBridgeStalledClientTest {

  @Test
  void aWebSocketClientThatStopsReadingIsClosed() throws Exception {
    int port = TestNode.freePort();
    String address = "app.flood." + UUID.randomUUID();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port).put("maxBlockedMs", 500))
      .put("outbound", new JsonArray().add(new JsonObject().put("addressRegex", "app\\..+")))))) {
      // the SockJS protocol over WebSocket, as @vertx/eventbus-bridge-client.js speaks it, on a plain socket
      // so that "not reading" is what the node sees: nothing read, the TCP window closes
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(("GET /eventbus/000/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket HTTP/1.1\r\n"
          + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        readUntil(in, "\r\n\r\n");
        String register = new JsonObject().put("type", "register").put("address", address).encode();
        writeMaskedText(out, new JsonArray().add(register).encode());
        Await.eventually(Duration.ofSeconds(10), "the register handled", () -> {
          suite.node.vertx().eventBus().publish(address, "first");
          try {
            return in.available() > 20;
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        });
        // from here on the client reads nothing
        String chunk = "x".repeat(16 * 1024);
        long flood = suite.node.vertx().setPeriodic(20, t -> {
          for (int i = 0; i < 5; i++) { // about 4 MB/s
            suite.node.vertx().eventBus().publish(address, chunk);
          }
        });
        try {
          Await.eventually(Duration.ofSeconds(20), "the stalled client closed", () -> suite.bridgeClientsClosed("sockjs", "stalled") >= 1);
        } finally {
          suite.node.vertx().cancelTimer(flood);
        }
        socket.setSoTimeout(20_000);
        byte[] sink = new byte[64 * 1024];
        try {
          while (in.read(sink) >= 0) {
            // drain what was buffered until the node's close
          }
        } catch (java.net.SocketException reset) {
          // closed with data unread on its side: a reset
        }
      }
    }
  }

  @Test
  void aClientThatDisconnectsIsForgottenAtOnceNotClosedAsStalledLater() throws Exception {
    // The HTTP connection's close handler does not run once it carries a WebSocket: a client that left
    // was kept, counted against maxConnections, then "closed" as stalled (its closed channel is unwritable).
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port).put("maxBlockedMs", 60_000)
        .put("maxConnections", 1))))) {
      try (Socket first = new Socket("127.0.0.1", port)) {
        assertThat(openWebSocket(first, port)).as("the first client's handshake").isTrue();
      }
      // the only place is free again as soon as the first client is gone
      Await.eventually(Duration.ofSeconds(10), "a second client admitted", () -> {
        try (Socket second = new Socket("127.0.0.1", port)) {
          return openWebSocket(second, port);
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      });
      assertThat(suite.bridgeClientsClosed("sockjs", "stalled")).isZero();
    }
  }

  /** True when the node answered the WebSocket handshake, false when it closed the connection instead. */
  private static boolean openWebSocket(Socket socket, int port) throws java.io.IOException {
    socket.getOutputStream().write(("GET /eventbus/000/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket HTTP/1.1\r\n"
      + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    socket.setSoTimeout(10_000);
    byte[] status = new byte[12];
    int read = 0;
    while (read < status.length) {
      int n;
      try {
        n = socket.getInputStream().read(status, read, status.length - read);
      } catch (java.net.SocketException reset) {
        return false;
      }
      if (n < 0) {
        return false;
      }
      read += n;
    }
    return new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 101");
  }

  private static void readUntil(InputStream in, String end) throws Exception {
    StringBuilder seen = new StringBuilder();
    while (!seen.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("closed during the handshake: " + seen);
      }
      seen.append((char) b);
    }
    assertThat(seen.toString()).startsWith("HTTP/1.1 101");
  }

  /** A client's WebSocket text frame (masked, as RFC 6455 requires of clients), under 126 bytes. */
  private static void writeMaskedText(OutputStream out, String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertThat(payload.length).isLessThan(126);
    byte[] mask = {1, 2, 3, 4};
    out.write(0x81);
    out.write(0x80 | payload.length);
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }
}
