package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The first frames that are not ARI events are logged per connection: a server that sends one real
 * event (which proves the connection, so the backoff starts over), a few garbage frames, and closes
 * the WebSocket, again and again, must not get those lines at every connection.
 */
class AriReconnectingGarbageLogFloodTest extends AriVerticleFixture {
  private static final int CYCLES = 60;
  private static final int GARBAGE = 9; // under the consecutive rejects that close the socket

  @Test
  void aServerSendingGarbageOnEachNewWebSocketDoesNotFloodTheLog() {
    FakeAriServer ari = startFakeAri();
    JsonObject event = Captures.lines("01-callflow.ws.jsonl").stream()
      .filter(e -> "ChannelVarset".equals(e.getString("type"))).findFirst().orElseThrow();
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.ari", Level.INFO)) {
      deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000)
        .put("reconnectInitialMs", 5).put("reconnectMaxMs", 20));
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        int n = cycle;
        eventually(Duration.ofSeconds(10), "WebSocket " + n, () -> ari.socketsOpened.get() >= n && ari.openSockets() == 1);
        ari.push(event);
        for (int i = 0; i < GARBAGE; i++) {
          ari.pushText("garbage " + i);
        }
        ari.dropSockets();
      }
      eventually(Duration.ofSeconds(10), "reconnected", () -> ari.socketsOpened.get() > CYCLES);
      assertThat(log.records.size()).as("log records for " + CYCLES + " WebSockets with " + GARBAGE + " garbage frames each")
        .isLessThanOrEqualTo(40);
    }
  }
}
