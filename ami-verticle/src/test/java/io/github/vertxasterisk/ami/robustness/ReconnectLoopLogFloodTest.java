package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.net.NetServerOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
    AtomicInteger accepted = new AtomicInteger();
    int port = await(vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0))
      .connectHandler(socket -> {
        accepted.incrementAndGet();
        socket.exceptionHandler(err -> { });
        socket.write("Asterisk Call Manager/11.0.0\r\n");
        socket.handler(ClientActions.handler(action -> {
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
        }));
      }).listen()).actualPort();
    try (LogCapture status = LogCapture.of("io.github.vertxasterisk.common.StatusChannel", Level.INFO);
         LogCapture ami = LogCapture.of("io.github.vertxasterisk.ami", Level.INFO)) {
      deploy(baseAmiConfig(port).put("reconnectInitialMs", 5).put("reconnectMaxMs", 10)
        .put("filters", new JsonArray().add("Event: Hangup")).put("keepAliveIntervalMs", 60_000));
      eventually(Duration.ofSeconds(60), CYCLES + " connections", () -> accepted.get() >= CYCLES);
      int records = status.records.size() + ami.records.size();
      assertThat(records).as("log records (status " + status.records.size() + ", ami " + ami.records.size() + ") for "
        + accepted.get() + " connections").isLessThanOrEqualTo(40);
    }
  }
}
