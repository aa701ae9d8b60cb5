package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client the TCP bridge closes for {@code authTimeoutMs} (or to make room under {@code maxUnauthenticated})
 * is gone even when it does not read: Vert.x's {@code NetSocket.close()} waits behind the writes it never
 * reads, and the connection, no longer counted or watched as stalled, went on being served for good.
 */
class TcpBridgeRefusedStalledClientTest {
  private static final String TOKEN = "t-" + UUID.randomUUID();

  private static TestNode suite;
  private static int port;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    suite = TestNode.start(TestNode.bridgeWithTokenBothWays("tcp", port, TOKEN,
      new JsonObject().put("authTimeoutMs", 2_500).put("maxBlockedMs", 5_000)));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  private static void write(DataOutputStream out, JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
  }

  @Test
  void aClientClosedForTheAuthTimeoutThatDoesNotReadIsGoneAllTheSame() throws Exception {
    String address = "app.after-close." + UUID.randomUUID();
    AtomicInteger delivered = new AtomicInteger();
    suite.node.vertx().eventBus().consumer(address, m -> delivered.incrementAndGet());
    double connectionsBefore = suite.netServerConnections();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      // Frames the bridge answers with an err each (about 400 bytes): the client never reads them, so the
      // answers pile up in the kernel and then in the node's write queue.
      JsonObject bad = new JsonObject().put("type", "nope").put("replyAddress", "r".repeat(200));
      try {
        for (int i = 0; i < 40_000; i++) {
          write(out, bad);
        }
        out.flush();
      } catch (IOException reset) {
        // a slow machine still writing when the auth timeout closes the connection: closed, as it should be
      }
      Await.eventually(Duration.ofSeconds(10), "the auth timeout",
        () -> suite.bridgeClientsClosed("tcp", "auth-timeout") >= 1);
      // gone on the node's side, though it never read (nor would it be closed as stalled later: forgotten)
      Await.eventually(Duration.ofSeconds(10), "the refused client's connection closed on the node",
        () -> suite.netServerConnections() == connectionsBefore);
      try {
        // still not reading: the connection should be gone, not go on serving this client
        write(out, new JsonObject().put("type", "send").put("address", address)
          .put("headers", new JsonObject().put("authToken", TOKEN)).put("body", new JsonObject()));
        out.flush();
      } catch (IOException reset) {
        // closed: as it should be
      }
      assertThat(delivered.get()).as("frames of a client the bridge closed for auth-timeout, delivered").isZero();
    }
  }
}
