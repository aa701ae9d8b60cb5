package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clients that connect and never show the token, in a storm: each is closed at authTimeoutMs, not each with a log line. */
class TcpBridgeSilentClientsLogTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final int CLIENTS = 500;

  private static TestNode suite;
  private static int port;

  @BeforeAll
  static void startNode() {
    port = TestNode.freePort();
    suite = TestNode.start(TestNode.bridgeWithToken("tcp", port, TOKEN,
      new JsonObject().put("authTimeoutMs", 200).put("maxUnauthenticated", 2 * CLIENTS).put("maxConnections", 2 * CLIENTS)));
  }

  @AfterAll
  static void stopNode() {
    suite.close();
  }

  @Test
  void aStormOfSilentClientsCannotFloodTheLog() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.bridge", Level.INFO)) {
      List<TcpBridgeClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          clients.add(new TcpBridgeClient(port));
        }
        Await.eventually(Duration.ofSeconds(30), "all closed at the auth timeout",
          () -> suite.bridgeClientsClosed("tcp", "auth-timeout") >= CLIENTS);
      } finally {
        for (TcpBridgeClient c : clients) {
          c.close();
        }
      }
      assertThat(log.records.size()).as("log records for " + CLIENTS + " clients closed at the auth timeout")
        .isLessThanOrEqualTo(40);
    }
  }
}
