package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A peer that answers the login and the actions after it (so the connection counts as proven and the
 * backoff starts over), refuses the configured filter, then drops the connection, again and again:
 * the node must not write lines per connection forever.
 */
class ReconnectLoopLogFloodTest extends AmiVerticleFixture {
  private static final int CYCLES = 200;

  @Test
  void aPeerThatAnswersThenDropsEachConnectionDoesNotFloodTheLog() {
    int port = fakeAsterisk((socket, action) -> {
      String id = HostileAmiServer.header(action, "ActionID");
      String name = HostileAmiServer.header(action, "Action");
      if (name.equalsIgnoreCase("Filter")) {
        socket.write("Response: Error\r\nActionID: " + id + "\r\nMessage: Filter Not Permitted\r\n\r\n");
      } else if (name.equalsIgnoreCase("CoreSettings")) {
        socket.write("Response: Success\r\nActionID: " + id + "\r\nAsteriskVersion: 22.1.0\r\n\r\n")
          .onComplete(v -> vertx.setTimer(5, t -> socket.close()));
      } else {
        socket.write("Response: Success\r\nActionID: " + id + "\r\n\r\n");
      }
    });
    try (LogCapture status = LogCapture.of("io.github.vertxasterisk.common.StatusChannel", Level.INFO);
         LogCapture ami = LogCapture.of("io.github.vertxasterisk.ami", Level.INFO)) {
      deploy(baseAmiConfig(port).put("reconnectInitialMs", 5).put("reconnectMaxMs", 10)
        .put("filters", new JsonArray().add("Event: Hangup")).put("keepAliveIntervalMs", 60_000));
      eventually(Duration.ofSeconds(60), CYCLES + " connections", () -> fakeAsteriskConnections.get() >= CYCLES);
      int records = status.records.size() + ami.records.size();
      assertThat(records).as("log records (status " + status.records.size() + ", ami " + ami.records.size() + ") for "
        + fakeAsteriskConnections.get() + " connections").isLessThanOrEqualTo(40);
    }
  }
}
