package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A peer whose every message the parser rejects must not write a log line per message. */
class RejectedMessageLogFloodTest extends AmiVerticleFixture {
  private static final int BAD = 2_000;

  @Test
  void aStreamOfRejectedMessagesDoesNotFloodTheLog() {
    AtomicInteger written = new AtomicInteger();
    int port = fakeAsterisk((socket, action) -> {
      String id = HostileAmiServer.header(action, "ActionID");
      if (HostileAmiServer.header(action, "Action").equalsIgnoreCase("Login")) {
        socket.write("Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n");
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < BAD; i++) {
          garbage.append("garbage line ").append(i).append("\r\n\r\n"); // a line without ':'
        }
        socket.write(garbage.toString()).onSuccess(v -> written.set(BAD));
      } else {
        socket.write("Response: Success\r\nActionID: " + id + "\r\n\r\n");
      }
    });
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.ami", Level.INFO)) {
      deploy(baseAmiConfig(port).put("loginTimeoutMs", 2_000).put("keepAliveIntervalMs", 60_000));
      eventually(Duration.ofSeconds(20), "all rejected", () -> written.get() == BAD
        && service().info().toCompletionStage().toCompletableFuture().join().getLong("messagesRejected", 0L) >= BAD);
      assertThat(log.records.size()).as("log records for " + BAD + " rejected messages").isLessThanOrEqualTo(20);
    }
  }
}
