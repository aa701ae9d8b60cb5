package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arguments the tool cannot use are bad usage (exit 2, the usage text), found before it connects:
 * not a failed action (exit 1) or an unreachable suite (exit 3) with a message from Vert.x.
 */
@Timeout(60)
class CliBadInputTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(String... args) {
    return Cli.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
  }

  /** --timeout 0 reached the bridge client's timer: "failed: Cannot schedule a timer with delay < 1 ms", exit 1. */
  @Test
  void aTimeoutThatIsNotPositiveIsBadUsage() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      NetServer bridge = vertx.createNetServer().connectHandler(socket -> { }); // a bridge that accepts the connection
      int port = bridge.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      for (String timeout : new String[] {"0", "-5"}) {
        assertThat(cli("send", "--pbx", "pbx1", "--timeout", timeout, "--bridge", "127.0.0.1:" + port, "Action=Ping"))
          .as("--timeout " + timeout + "; stderr: " + err).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--timeout must be positive, got " + timeout);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A port out of range was thrown by the connect itself: "cannot reach the suite", exit 3. */
  @Test
  void aBridgePortOutOfRangeIsBadUsage() {
    assertThat(cli("send", "--pbx", "pbx1", "--bridge", "127.0.0.1:70000", "Action=Ping")).as("stderr: " + err).isEqualTo(Cli.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bridge needs HOST:PORT, got 127.0.0.1:70000");
  }
}
