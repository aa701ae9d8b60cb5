package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code Cli tail --bridge} when the node goes away (restart, SIGTERM: the bridge closes the connection):
 * the tool must end with a failure exit code, not wait forever for messages that cannot come.
 */
class CliTailBridgeClosedTest {

  @Test
  void tailEndsWhenTheBridgeClosesTheConnection() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      // a bridge that takes the register frame, then closes as a stopping node does
      NetServer bridge = vertx.createNetServer().connectHandler(socket -> socket.handler(frame -> socket.close()));
      int port = bridge.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> Cli.run(
        new String[] {"tail", "--pbx", "pbx1", "--count", "1", "--bridge", "127.0.0.1:" + port},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
      int exit;
      try {
        exit = tail.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("tail still waiting 10 s after the bridge closed the connection; stderr: "
          + err.toString(StandardCharsets.UTF_8));
      }
      assertThat(exit).isNotEqualTo(Cli.OK);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("closed");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
