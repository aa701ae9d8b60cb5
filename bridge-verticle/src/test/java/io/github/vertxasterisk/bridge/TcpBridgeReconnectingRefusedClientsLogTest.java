package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first refusals of each connection are logged: a client that opens a new connection for each
 * refused frame must not get a log line per frame.
 */
class TcpBridgeReconnectingRefusedClientsLogTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int CONNECTIONS = 1_000;

  private static TestNode suite;
  private static int port;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    suite = TestNode.start(TestNode.bridgeWithTokenBothWays("tcp", port, TOKEN, new JsonObject()));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  @Test
  void aClientReconnectingForEachRefusedFrameCannotFloodTheLog() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.bridge", Level.INFO)) {
      for (int i = 0; i < CONNECTIONS; i++) {
        try (TcpBridgeClient client = new TcpBridgeClient(port)) {
          client.write(new JsonObject().put("type", "send").put("address", "app.orders").put("body", i)); // no token
          client.await(WAIT, "err", f -> "err".equals(f.getString("type")));
        }
      }
      assertThat(log.records.size()).as("log records for " + CONNECTIONS + " connections with one refused frame each")
        .isLessThanOrEqualTo(40);
    }
  }

  @Test
  void aClientReconnectingForEachMalformedFrameCannotFloodTheLog() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.bridge", Level.INFO)) {
      for (int i = 0; i < CONNECTIONS; i++) {
        try (TcpBridgeClient client = new TcpBridgeClient(port)) {
          client.write(new JsonObject().put("type", "send").put("address", "app.orders").put("body", i)
            .put("headers", new JsonObject().put("authToken", TOKEN).put("codecName", "x")));
          client.await(WAIT, "err", f -> "err".equals(f.getString("type")));
        }
      }
      assertThat(log.records.size()).as("log records for " + CONNECTIONS + " connections with one malformed frame each")
        .isLessThanOrEqualTo(40);
    }
  }
}
